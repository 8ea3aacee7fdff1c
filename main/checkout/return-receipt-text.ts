import type { RefundView, ReturnedLine } from '../../common/returns.ts';
import { receiptBarcodePayload } from '../../common/scanned-code.ts';
import { Paper, plainAmount, printedTime } from './receipt-text.ts';

/** What a return receipt prints. */
export interface ReturnReceipt {
  readonly storeName: string;
  readonly laneId: string;
  readonly receiptNumber: string;
  /** The sale's receipt; null for a return without a receipt. */
  readonly originalReceiptNumber: string | null;
  readonly returnedAt: string;
  readonly currency: string;
  readonly lines: readonly ReturnedLine[];
  /** The refund, positive. */
  readonly total: number;
  readonly refunds: readonly RefundView[];
  readonly operatorId: string | null;
  readonly approverId: string | null;
}

const kilograms = (grams: number): string => `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;

/**
 * A return as fixed-width receipt text, like the sale receipt (42 columns by default): what came
 * back, at what it was paid, and which tender got how much. Pure: the same return, the same text.
 */
export function renderReturnReceiptText(receipt: ReturnReceipt, options: { readonly width?: number; readonly timeZone?: string } = {}): string {
  const width = options.width ?? 42;
  if (!Number.isInteger(width) || width < 32 || width > 64) throw new RangeError(`a receipt is 32–64 characters wide, not ${width}`);
  const money = (amount: number): string => plainAmount(amount, receipt.currency);
  const paper = new Paper(width);

  paper.center(receipt.storeName.toUpperCase());
  paper.blank();
  paper.center('*** RETURN ***');
  paper.blank();
  paper.row(`Lane ${receipt.laneId}`, printedTime(receipt.returnedAt, options.timeZone ?? 'UTC'), ' ');
  paper.left(`Return ${receipt.receiptNumber}`);
  paper.left(receipt.originalReceiptNumber === null ? 'Returned without a receipt' : `Original receipt ${receipt.originalReceiptNumber}`);
  paper.rule();

  for (const line of receipt.lines) {
    paper.row(line.name, money(-line.amount));
    if (line.grams !== null) paper.left(`  ${kilograms(line.grams)} kg, whole line`);
    // Without a receipt every unit is refunded at one price; with one, units share what the line cost.
    else if (receipt.originalReceiptNumber === null) paper.left(`  ${line.units} @ ${money(Math.floor(line.amount / line.units))}`);
    else if (line.units > 1) paper.left(`  ${line.units} units`);
  }
  paper.rule('=');
  paper.row('REFUND TOTAL', money(-receipt.total));
  paper.rule('=');
  for (const refund of receipt.refunds) paper.row(`To ${refund.label}`, money(-refund.amount));

  paper.blank();
  if (receipt.operatorId !== null) paper.left(`Operator ${receipt.operatorId}`);
  if (receipt.approverId !== null) paper.left(`Approved by manager ${receipt.approverId}`);
  paper.center('Refunded as paid, with tax');
  paper.center('Keep this receipt');
  paper.center(receiptBarcodePayload(receipt.receiptNumber));
  return `${paper.lines.join('\n')}\n`;
}
