import { z } from 'zod';
import { parseOptions } from '../options.ts';
import { DeviceBase } from '../device.ts';
import type { LinkState } from '../link/reconnector.ts';
import type { RelayBoard, RelaySnapshot } from './relay-board.ts';

/** What the gate reports: where it is, whether its beam is broken, and a fault if any. */
export interface GateState {
  readonly position: 'open' | 'closed';
  /** The passage beam; `not-wired` when the gate has no beam input. */
  readonly beam: 'clear' | 'broken' | 'not-wired';
  readonly fault: string | null;
}

/** A gate command that could not be carried out; the message says why. */
export class GateError extends Error {
  override readonly name = 'GateError';
}

const InputSchema = z.object({
  /** Input number on the board, from 0. */
  input: z.number().int().min(0),
  /** The input level that means "broken" (beam) or "open" (gate contact); NC sensors read 'off'. */
  activeWhen: z.enum(['on', 'off']).default('on'),
});

const GateOptionsSchema = z.object({
  name: z.string().min(1),
  /** The relay output that pulses the gate's "open" contact, from 0. */
  output: z.number().int().min(0),
  /** How long the open contact is closed: gates take a 200–1000 ms dry-contact pulse (PROTOCOLS §4.3). */
  pulseMs: z.number().int().min(50).max(5000).default(500),
  beam: InputSchema.optional(),
  /** The gate's own "gate open" status output, when wired; otherwise the gate counts as open during the pulse. */
  openSense: InputSchema.optional(),
  /** An input change must hold this long before it counts (PROTOCOLS §4.3: 20–50 ms). */
  debounceMs: z.number().int().min(0).max(1000).default(40),
});

export type GateOptions = z.input<typeof GateOptionsSchema> & { readonly board: RelayBoard };

/**
 * An entry/exit gate driven by a relay (PROTOCOLS §4.3): `openGate()` closes the gate's open contact
 * for a timed pulse and never latches it; the relay is forced off whenever the board (re)connects,
 * so a restarted terminal leaves the gate in its safe state. Beam and gate-open inputs are read
 * from the board's poll and debounced.
 */
export class Gate extends DeviceBase<GateState> {
  readonly #settings: z.output<typeof GateOptionsSchema>;
  readonly #board: RelayBoard;
  #unsubscribe: (() => void)[] = [];
  #pulse: Promise<void> | null = null;
  #cancelPulse: (() => void) | null = null;
  #pulsing = false;
  #sensed: { beam: boolean | null; open: boolean | null } = { beam: null, open: null };
  #debounce = new Map<'beam' | 'open', NodeJS.Timeout>();
  #fault: string | null = null;
  #reported: GateState | null = null;

  constructor(options: GateOptions) {
    const parsed = parseOptions(GateOptionsSchema, options, 'gate options');
    super(parsed.name, 'gate');
    this.#settings = parsed;
    this.#board = options.board;
    for (const [what, input] of [['beam', parsed.beam], ['openSense', parsed.openSense]] as const) {
      if (input && input.input >= options.board.inputCount) {
        throw new TypeError(`gate options: ${what}.input: ${options.board.address} has ${options.board.inputCount} inputs, not input ${input.input}`);
      }
    }
    this.setLink('offline', `not connected to ${options.board.address}`);
  }

  state(): GateState {
    const { beam, openSense } = this.#settings;
    const position = openSense ? (this.#sensed.open ? 'open' : 'closed') : this.#pulsing ? 'open' : 'closed';
    return { position, beam: beam ? (this.#sensed.beam ? 'broken' : 'clear') : 'not-wired', fault: this.#fault };
  }

  /**
   * Opens the gate: the relay closes for the pulse time, then opens again. Resolves once the
   * pulse is over; a second call during a pulse joins it. Rejects when the gate is not enabled
   * or the relay could not be switched.
   */
  openGate(): Promise<void> {
    if (!this.enabled) return Promise.reject(new GateError(`${this.name}: the gate is not enabled`));
    this.#pulse ??= this.#runPulse().finally(() => {
      this.#pulse = null;
    });
    return this.#pulse;
  }

  protected override async onClaim(): Promise<void> {
    this.#unsubscribe = [this.#board.onLink((link) => this.#linkChanged(link)), this.#board.onSnapshot((snapshot) => this.#sense(snapshot))];
    const shared = this.#board.link().state === 'online';
    await this.#board.acquire();
    // A board already up for another device (the lane light) sends no link event to this one.
    if (shared) this.#linkChanged(this.#board.link());
    else this.setLink(this.#board.link().state, this.#board.link().detail);
  }

  protected override async onEnable(): Promise<void> {
    this.#reported = null; // the next reading is delivered, changed or not
  }

  protected override async onRelease(): Promise<void> {
    this.#cancelPulse?.();
    await this.#pulse?.catch(() => undefined);
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    for (const timer of this.#debounce.values()) clearTimeout(timer);
    this.#debounce.clear();
    await this.#board.release();
    this.#sensed = { beam: null, open: null };
    this.setLink('offline', `not connected to ${this.#board.address}`);
  }

  async #runPulse(): Promise<void> {
    const { output, pulseMs } = this.#settings;
    try {
      await this.#board.setOutput(output, true);
    } catch (error) {
      throw new GateError(`${this.name}: could not open: ${message(error)}`);
    }
    this.#pulsing = true;
    this.#changed();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pulseMs);
      this.#cancelPulse = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#cancelPulse = null;
    try {
      await this.#relayOff();
    } finally {
      this.#pulsing = false;
      this.#changed();
    }
  }

  /** Ends a pulse; a relay left on would hold the gate open, so a failure is a fault. */
  async #relayOff(): Promise<void> {
    try {
      await this.#board.setOutput(this.#settings.output, false);
      this.#setFault(null);
    } catch (error) {
      const fault = `relay output ${this.#settings.output} may still be on: ${message(error)}`;
      this.#setFault(fault);
      throw new GateError(`${this.name}: ${fault}`);
    }
  }

  #linkChanged(link: LinkState): void {
    if (this.#fault !== null && link.state === 'online') {
      this.setLink('error', this.#fault);
    } else this.setLink(link.state, link.detail);
    // Safe state on every (re)connect: whatever happened before, the open contact is released.
    if (link.state === 'online' && !this.#pulsing) void this.#relayOff().catch((error: unknown) => this.reportError(asError(error)));
  }

  #sense(snapshot: RelaySnapshot): void {
    const { beam, openSense, debounceMs } = this.#settings;
    for (const [key, input] of [['beam', beam], ['open', openSense]] as const) {
      if (!input) continue;
      const level = snapshot.inputs[input.input];
      if (level === undefined) continue;
      const active = level === (input.activeWhen === 'on');
      if (active === this.#sensed[key]) {
        clearTimeout(this.#debounce.get(key));
        this.#debounce.delete(key);
        continue;
      }
      if (this.#sensed[key] === null || debounceMs === 0) {
        this.#sensed[key] = active;
        this.#changed();
        continue;
      }
      if (this.#debounce.has(key)) continue;
      this.#debounce.set(
        key,
        setTimeout(() => {
          this.#debounce.delete(key);
          const now = this.#board.snapshot()?.inputs[input.input];
          if (now === undefined || (now === (input.activeWhen === 'on')) !== active) return;
          this.#sensed[key] = active;
          this.#changed();
        }, debounceMs),
      );
    }
  }

  #setFault(fault: string | null): void {
    if (fault === this.#fault) return;
    this.#fault = fault;
    const link = this.#board.link();
    if (fault !== null) this.setLink('error', fault);
    else this.setLink(link.state, link.detail);
    this.#changed();
  }

  #changed(): void {
    if (!this.enabled) return;
    const now = this.state();
    const before = this.#reported;
    if (before && before.position === now.position && before.beam === now.beam && before.fault === now.fault) return;
    this.#reported = now;
    this.deliver(now);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
