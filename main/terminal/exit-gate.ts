import { TerminalError } from '../../common/api/result.ts';
import { receiptBarcodePayload } from '../../common/scanned-code.ts';
import type { Logger } from './log.ts';

/** How long after its sale a receipt opens the exit gate. */
export const EXIT_WINDOW_MS = 2 * 60 * 60 * 1000;

const RECEIPT_PREFIX = receiptBarcodePayload('');

export interface ExitGateOptions {
  /** The completed sale with this receipt number, and whether it was post-voided; null if none. */
  findSale(receiptNumber: string): { readonly completedAt: string; readonly voided: boolean } | null;
  readonly gate: { openGate(): Promise<void> };
  /** Epoch milliseconds. */
  readonly now: () => number;
  readonly windowMs?: number;
  readonly log: Logger;
}

/**
 * The exit gate at a gate terminal: the receipt barcode of a paid sale opens it once, within the
 * exit window after the sale. A receipt is let through once per run of the terminal; the window
 * bounds what a restart could let through again.
 */
export class ExitGate {
  readonly #options: ExitGateOptions;
  readonly #used = new Set<string>();

  constructor(options: ExitGateOptions) {
    this.#options = options;
  }

  /** Opens the gate for a valid receipt code; refuses anything else with a TerminalError naming why. */
  async admit(code: string): Promise<{ receiptNumber: string }> {
    const { findSale, gate, now, log } = this.#options;
    if (!code.startsWith(RECEIPT_PREFIX) || code.length === RECEIPT_PREFIX.length) {
      throw new TerminalError('INVALID_BARCODE', `${code.slice(0, 40)} is not a receipt barcode; scan the barcode at the foot of the receipt`, 'code');
    }
    const receiptNumber = code.slice(RECEIPT_PREFIX.length);
    const sale = findSale(receiptNumber);
    if (!sale) throw new TerminalError('UNKNOWN_SALE', `no sale has the receipt number ${receiptNumber}`, 'code');
    if (sale.voided) throw new TerminalError('SALE_ALREADY_VOIDED', `the sale ${receiptNumber} was post-voided`, 'code');
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
    log.info({ receiptNumber }, 'exit gate opened');
    return { receiptNumber };
  }
}
