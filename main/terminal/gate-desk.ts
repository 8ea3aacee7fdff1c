import type { DeviceStatus } from '../../common/api/contract.ts';
import { TerminalError, type ErrorCode } from '../../common/api/result.ts';
import { ENTRY_CODE_PREFIX, type GatePassage, type GateView } from '../../common/gate.ts';
import type { GateState } from '../../drivers/gate/gate.ts';
import type { Logger } from './log.ts';

/** What the desk needs of the gate driver. */
export interface GateDevice {
  state(): GateState;
  status(): DeviceStatus;
}

export interface GateDeskOptions {
  /** The configured gate, or null: the terminal then refuses every code and shows a fault. */
  readonly gate: GateDevice | null;
  /** Opens the gate for a paid receipt's barcode (ExitGate), or null without a gate. */
  readonly exit: { admit(code: string): Promise<unknown> } | null;
  /** Opens the gate for an app entry code (EntryGate), or null when the store has no entry key. */
  readonly entry: { admit(code: string): Promise<unknown> } | null;
  /** ISO 8601. */
  readonly now: () => string;
  /** The view changed (a passage, or the gate moved): the terminal pushes a new state. */
  readonly changed: () => void;
  readonly log: Logger;
}

// A retried request (the renderer reconnected) gets the passage it already had, not "already used".
const REMEMBERED_REQUESTS = 64;

/**
 * The front of a gate terminal: every code shown at the gate (hardware scanner, keyboard wedge or
 * camera) comes here. An app entry code goes to the entry gate, anything else is read as a receipt
 * for the exit gate. Refusals are passages too: the gate screen shows them as big as a welcome.
 */
export class GateDesk {
  readonly #options: GateDeskOptions;
  readonly #answered = new Map<string, Promise<GatePassage>>();
  #passage: GatePassage | null = null;
  #nextId = 1;

  constructor(options: GateDeskOptions) {
    this.#options = options;
  }

  view(): GateView {
    const { gate } = this.#options;
    if (!gate) return { state: 'fault', detail: 'no gate is configured on this terminal', passage: this.#passage };
    const status = gate.status();
    const state = gate.state();
    if (state.fault !== null) return { state: 'fault', detail: state.fault, passage: this.#passage };
    if (status.state !== 'online') return { state: 'fault', detail: `${status.name}: ${status.detail}`, passage: this.#passage };
    return { state: state.position, detail: '', passage: this.#passage };
  }

  /** Judges one code; `requestId` makes a retried request answer the same passage. */
  present(code: string, requestId?: string): Promise<GatePassage> {
    if (requestId === undefined) return this.#judge(code);
    const known = this.#answered.get(requestId);
    if (known) return known;
    const passage = this.#judge(code);
    this.#answered.set(requestId, passage);
    if (this.#answered.size > REMEMBERED_REQUESTS) {
      const oldest = this.#answered.keys().next().value;
      if (oldest !== undefined) this.#answered.delete(oldest);
    }
    return passage;
  }

  async #judge(code: string): Promise<GatePassage> {
    const { exit, entry, log } = this.#options;
    const isEntry = code.startsWith(ENTRY_CODE_PREFIX);
    try {
      if (!this.#options.gate) throw new TerminalError('DEVICE_UNAVAILABLE', 'this gate terminal has no gate configured');
      if (isEntry) {
        if (!entry) throw new TerminalError('ENTRY_CODE_INVALID', 'this gate has no store entry key configured, so it cannot check app entry codes', 'code');
        await entry.admit(code);
        return this.#record('entered', null);
      }
      if (!exit) throw new TerminalError('DEVICE_UNAVAILABLE', 'this gate terminal has no gate configured');
      await exit.admit(code);
      return this.#record('exited', null);
    } catch (error) {
      const refusal = error instanceof TerminalError ? error : null;
      if (!refusal) log.error({ err: error instanceof Error ? error.message : String(error) }, 'gate could not judge a code');
      else log.info({ reason: refusal.code, why: refusal.message, kind: isEntry ? 'entry' : 'exit' }, 'gate refused a code');
      return this.#record('refused', refusal?.code ?? 'INTERNAL');
    }
  }

  #record(outcome: GatePassage['outcome'], reason: ErrorCode | null): GatePassage {
    this.#passage = { id: this.#nextId++, at: this.#options.now(), outcome, reason };
    this.#options.changed();
    return this.#passage;
  }
}
