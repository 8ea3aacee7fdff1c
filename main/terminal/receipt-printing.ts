import type { ReceiptPrintStatus } from '../../common/api/contract.ts';
import type { ReceiptView } from '../../common/basket.ts';
import type { ReceiptBlock, ReceiptDocument } from '../../common/receipt.ts';
import { receiptBarcodePayload } from '../../common/scanned-code.ts';
import { PrinterError, type ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import { renderReceiptText, type ReceiptTextOptions } from '../checkout/receipt-text.ts';
import type { Logger } from './log.ts';

/**
 * A completed sale as a printer-neutral document, laid out by `renderReceiptText` (one layout for
 * the screen's text, the tests and the paper): each text line is a line of the document, the
 * store name and the total in bold, and the receipt number's human-readable line becomes the
 * Code 128 barcode the returns desk scans.
 */
export function receiptDocument(receipt: ReceiptView, options: ReceiptTextOptions = {}): ReceiptDocument {
  const text = renderReceiptText(receipt, options).replace(/\n$/, '').split('\n');
  const payload = receiptBarcodePayload(receipt.receiptNumber);
  const blocks: ReceiptBlock[] = text.map((line, index): ReceiptBlock => {
    if (line === '') return { type: 'feed', lines: 1 };
    if (index === text.length - 1 && line.trim() === payload) return { type: 'barcode', symbology: 'code128', data: payload, hri: true };
    const bold = index === 0 || /^TOTAL\s/.test(line);
    return { type: 'line', text: line, align: 'left', bold, underline: false, size: 'normal' };
  });
  return { blocks: [...blocks, { type: 'feed', lines: 3 }, { type: 'cut', partial: false }] };
}

/** What the shopper is told about a printer that failed, by the driver's reason. */
function failedStatus(error: unknown): ReceiptPrintStatus {
  if (!(error instanceof PrinterError)) return { state: 'failed', problem: 'error' };
  switch (error.code) {
    case 'PAPER_OUT':
      return { state: 'failed', problem: 'paperOut' };
    case 'COVER_OPEN':
      return { state: 'failed', problem: 'coverOpen' };
    case 'OFFLINE':
    case 'NOT_ENABLED':
      return { state: 'failed', problem: 'offline' };
    default:
      return { state: 'failed', problem: 'error' };
  }
}

/**
 * Prints each completed sale once on the lane's printer. A printer problem never touches the sale
 * (it is already committed): the receipt screen shows the receipt and says what is wrong.
 *
 * At most once: a sale is printed only when this process sees it complete. A restart never
 * reprints (the lane does not resume a finished sale), so a crash between the commit and the
 * print leaves the sale without paper, never with two copies; the receipt number can be looked up.
 */
export class ReceiptPrinting {
  readonly #printer: ReceiptPrinter;
  readonly #options: ReceiptTextOptions;
  readonly #log: Logger;
  readonly #changed: () => void;
  #saleId: string | null = null;
  #status: ReceiptPrintStatus | null = null;
  #printing: Promise<void> = Promise.resolve();

  constructor(printer: ReceiptPrinter, options: { text: ReceiptTextOptions; log: Logger; changed: () => void }) {
    this.#printer = printer;
    this.#options = { ...options.text, width: options.text.width ?? printer.columns };
    this.#log = options.log;
    this.#changed = options.changed;
  }

  /** The print status of the receipt on screen (null for another sale or none). */
  status(receipt: ReceiptView | null): ReceiptPrintStatus | null {
    return receipt && receipt.saleId === this.#saleId ? this.#status : null;
  }

  /** Called with every receipt the lane shows; prints a sale the first time it is seen. */
  saleCompleted(receipt: ReceiptView): void {
    if (receipt.saleId === this.#saleId) return;
    this.#saleId = receipt.saleId;
    this.#status = { state: 'printing', problem: null };
    const saleId = receipt.saleId;
    this.#printing = this.#print(receipt).then((status) => {
      if (this.#saleId !== saleId) return;
      this.#status = status;
      this.#changed();
    });
  }

  /** Resolves when no receipt is printing (for shutdown and tests). */
  settled(): Promise<void> {
    return this.#printing;
  }

  async #print(receipt: ReceiptView): Promise<ReceiptPrintStatus> {
    try {
      await this.#printer.print(receiptDocument(receipt, this.#options));
      this.#log.info({ saleId: receipt.saleId, receiptNumber: receipt.receiptNumber }, 'receipt printed');
      return { state: 'printed', problem: null };
    } catch (error) {
      this.#log.warn({ saleId: receipt.saleId, err: error instanceof Error ? error.message : String(error) }, 'receipt not printed');
      return failedStatus(error);
    }
  }
}
