import { TerminalError } from '../../common/api/result.ts';
import { verifyEntryToken, type EntryPass } from './entry-token.ts';
import type { Logger } from './log.ts';

/** A code already let in: its nonce and when it expires (after which its expiry refuses it anyway). */
export interface UsedEntry {
  readonly nonce: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export interface EntryGateOptions {
  /** The store's entry secret, shared with the app backend that mints the codes. */
  readonly secret: string;
  readonly storeId: string;
  readonly gate: { openGate(): Promise<void> };
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** Codes let in before this start (from the audit log), so a restart lets none in twice. */
  readonly used: Iterable<UsedEntry>;
  /** Keeps a passage durably (the audit log) once the gate has opened. */
  readonly record: (pass: EntryPass) => void;
  readonly log: Logger;
}

/**
 * The entry gate: a shopper's app entry code (main/terminal/entry-token.ts) opens it once. The
 * code is verified here in main, never in the renderer; a used code is remembered until it
 * expires, across restarts through the audit log.
 */
export class EntryGate {
  readonly #options: EntryGateOptions;
  readonly #used = new Map<string, number>();

  constructor(options: EntryGateOptions) {
    this.#options = options;
    for (const entry of options.used) this.#used.set(entry.nonce, entry.expiresAt);
  }

  async admit(code: string): Promise<EntryPass> {
    const { secret, storeId, gate, now, record, log } = this.#options;
    const at = now();
    this.#forgetExpired(at);
    const pass = verifyEntryToken(code, { secret, storeId, now: at });
    if (this.#used.has(pass.nonce)) throw new TerminalError('ENTRY_CODE_USED', 'that entry code has already opened the gate', 'code');
    this.#used.set(pass.nonce, pass.expiresAt);
    try {
      await gate.openGate();
    } catch (error) {
      // The shopper did not get in: the code may be shown again.
      this.#used.delete(pass.nonce);
      log.error({ shopper: pass.shopperRef, err: error instanceof Error ? error.message : String(error) }, 'entry gate did not open');
      throw new TerminalError('DEVICE_UNAVAILABLE', 'the gate did not open; please ask an attendant');
    }
    try {
      record(pass);
    } catch (error) {
      // The shopper is through; only the durable note failed: the code stays used until a restart.
      log.error({ shopper: pass.shopperRef, err: error instanceof Error ? error.message : String(error) }, 'entry not recorded in the audit log');
    }
    log.info({ shopper: pass.shopperRef }, 'entry gate opened');
    return pass;
  }

  #forgetExpired(at: number): void {
    for (const [nonce, expiresAt] of this.#used) if (expiresAt <= at) this.#used.delete(nonce);
  }
}
