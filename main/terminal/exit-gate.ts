import { TerminalError } from '../../common/api/result.ts';
import { receiptBarcodePayload } from '../../common/scanned-code.ts';
import type { Logger } from './log.ts';

/** How long after its sale a receipt opens the exit gate. */
export const EXIT_WINDOW_MS = 2 * 60 * 60 * 1000;

const RECEIPT_PREFIX = receiptBarcodePayload('');

/** A paid sale as the exit gate needs it: when it was completed, and whether it was post-voided. */
export interface ExitSale {
  readonly completedAt: string;
  readonly voided: boolean;
}

export interface ExitGateOptions {
  /**
   * The completed sale with this receipt number, or null if none: from this terminal's ledger, or
   * from the lane that made the sale over the store network (a TerminalError when it cannot be asked).
   */
  findSale(receiptNumber: string): ExitSale | null | Promise<ExitSale | null>;
  /** Receipts that already opened the gate (kept across restarts), and where a new one is recorded. */
  readonly used?: Iterable<string>;
  readonly record?: (receiptNumber: string) => void;
  readonly gate: { openGate(): Promise<void> };
  /** Epoch milliseconds. */
  readonly now: () => number;
  readonly windowMs?: number;
  readonly log: Logger;
}

/**
 * The exit gate at a gate terminal: the receipt barcode of a paid sale opens it once, within the
 * exit window after the sale. Receipts let through are recorded (`record`) and handed back on the
 * next start (`used`), so a restart lets none through again.
 */
export class ExitGate {
  readonly #options: ExitGateOptions;
  readonly #used: Set<string>;

  constructor(options: ExitGateOptions) {
    this.#options = options;
    this.#used = new Set(options.used ?? []);
  }

  /** Opens the gate for a valid receipt code; refuses anything else with a TerminalError naming why. */
  async admit(code: string): Promise<{ receiptNumber: string }> {
    const { findSale, gate, now, log } = this.#options;
    if (!code.startsWith(RECEIPT_PREFIX) || code.length === RECEIPT_PREFIX.length) {
      throw new TerminalError('INVALID_BARCODE', `${code.slice(0, 40)} is not a receipt barcode; scan the barcode at the foot of the receipt`, 'code');
    }
    const receiptNumber = code.slice(RECEIPT_PREFIX.length);
    if (this.#used.has(receiptNumber)) throw new TerminalError('RECEIPT_ALREADY_USED', `the receipt ${receiptNumber} has already opened the gate`, 'code');
    const sale = await findSale(receiptNumber);
    if (!sale) throw new TerminalError('UNKNOWN_SALE', `no sale has the receipt number ${receiptNumber}`, 'code');
    if (sale.voided) throw new TerminalError('SALE_ALREADY_VOIDED', `the sale ${receiptNumber} was post-voided`, 'code');
    // Asked again: the same receipt may have been let through while this one's sale was looked up.
    if (this.#used.has(receiptNumber)) throw new TerminalError('RECEIPT_ALREADY_USED', `the receipt ${receiptNumber} has already opened the gate`, 'code');
    const age = now() - Date.parse(sale.completedAt);
    if (!(age <= (this.#options.windowMs ?? EXIT_WINDOW_MS))) {
      throw new TerminalError('RECEIPT_EXPIRED', `the receipt ${receiptNumber} is from ${sale.completedAt}, longer ago than the exit window`, 'code');
    }
    this.#used.add(receiptNumber);
    try {
      await gate.openGate();
    } catch (error) {
      // The shopper did not get through: the receipt may be scanned again.
      this.#used.delete(receiptNumber);
      log.error({ receiptNumber, err: error instanceof Error ? error.message : String(error) }, 'exit gate did not open');
      throw new TerminalError('DEVICE_UNAVAILABLE', 'the gate did not open; please ask an attendant');
    }
    try {
      this.#options.record?.(receiptNumber);
    } catch (error) {
      // The shopper is through; a receipt that could not be written is still refused until a restart.
      log.error({ receiptNumber, err: error instanceof Error ? error.message : String(error) }, 'the used receipt could not be recorded');
    }
    log.info({ receiptNumber }, 'exit gate opened');
    return { receiptNumber };
  }
}
