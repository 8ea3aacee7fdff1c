import type { BasketLineView, ReceiptView } from '../../common/basket.ts';
import { minorDigits } from '../../common/money.ts';
import { receiptBarcodePayload } from '../../common/scanned-code.ts';

/**
 * A completed sale as fixed-width receipt text, the way a thermal printer prints it (42 columns
 * on 80 mm paper in font A, 32 on 58 mm). Pure: the same receipt always gives the same text.
 * Lines carry a tax letter that the tax breakdown explains, as US and EU receipts do.
 */

export interface ReceiptTextOptions {
  /** Characters per line; 32–64. */
  readonly width?: number;
  /** Address and phone lines printed under the store name. */
  readonly storeLines?: readonly string[];
  /** Time zone of the store, for the printed date (IANA name). */
  readonly timeZone?: string;
  readonly footer?: readonly string[];
}

export { receiptBarcodePayload } from '../../common/scanned-code.ts';

/** Formats minor units as a plain amount with the currency's decimals: 1234 USD → "12.34", -87 → "-0.87". */
export function plainAmount(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

/** 40000 ppm → "4%", 3750 → "0.375%". */
const percent = (ratePpm: number): string => `${String(ratePpm / 10_000)}%`;

const kilograms = (grams: number): string => `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}~`;
}

function printable(text: string): string {
  // Thermal printers print a code page, not UTF-8: keep to ASCII, dropping accents.
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '?');
}

export class Paper {
  readonly lines: string[] = [];
  readonly width: number;

  constructor(width: number) {
    this.width = width;
  }

  center(text: string): void {
    const shown = fit(printable(text), this.width);
    this.lines.push(`${' '.repeat(Math.floor((this.width - shown.length) / 2))}${shown}`.trimEnd());
  }

  left(text: string): void {
    this.lines.push(fit(printable(text), this.width).trimEnd());
  }

  /** Text on the left, an amount right-aligned, and a one-character mark (tax letter) after it. */
  row(label: string, amount: string, mark = ' '): void {
    const right = `${amount} ${mark}`;
    const room = this.width - right.length - 1;
    this.lines.push(`${fit(printable(label), room).padEnd(room)} ${right}`.trimEnd());
  }

  /** A label, then values right-aligned in equal columns (the VAT table). */
  columns(label: string, values: readonly string[]): void {
    const column = Math.floor((this.width - 2) / (values.length + 1.5));
    const room = this.width - 2 - column * values.length;
    this.lines.push(`${fit(printable(label), room).padEnd(room)}${values.map((value) => value.padStart(column)).join('')}`.trimEnd());
  }

  rule(char = '-'): void {
    this.lines.push(char.repeat(this.width));
  }

  blank(): void {
    this.lines.push('');
  }
}

export function printedTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function lineDetail(line: BasketLineView, currency: string): string | null {
  const money = (amount: number): string => plainAmount(amount, currency);
  if (line.priceSource === 'label') return '  Price from label';
  if (line.soldBy === 'weight') {
    const tare = line.tareGrams > 0 ? ` (tare ${kilograms(line.tareGrams)} kg)` : '';
    return `  ${kilograms(line.quantity)} kg @ ${money(line.unitPrice)}/kg${tare}`;
  }
  return line.quantity > 1 ? `  ${line.quantity} @ ${money(line.unitPrice)}` : null;
}

export function renderReceiptText(receipt: ReceiptView, options: ReceiptTextOptions = {}): string {
  const width = options.width ?? 42;
  if (!Number.isInteger(width) || width < 32 || width > 64) throw new RangeError(`a receipt is 32–64 characters wide, not ${width}`);
  const { currency } = receipt;
  const money = (amount: number): string => plainAmount(amount, currency);
  const paper = new Paper(width);
  const letters = new Map(receipt.taxes.map((tax, index) => [tax.category, String.fromCharCode(65 + index)]));

  paper.center(receipt.storeName.toUpperCase());
  for (const text of options.storeLines ?? []) paper.center(text);
  paper.blank();
  paper.row(`Lane ${receipt.laneId}`, printedTime(receipt.completedAt, options.timeZone ?? 'UTC'), ' ');
  paper.left(`Receipt ${receipt.receiptNumber}`);
  paper.rule();

  for (const line of receipt.lines) {
    paper.row(line.name, money(line.extendedPrice), letters.get(line.taxCategory) ?? ' ');
    const detail = lineDetail(line, currency);
    if (detail) paper.left(detail);
    if (line.priceSource === 'override' && line.regularUnitPrice !== null) paper.left(`  Price changed from ${money(line.regularUnitPrice)}`);
    for (const discount of line.discounts) paper.row(`  ${discount.label}`, money(-discount.amount));
  }
  paper.rule();

  paper.row(`Subtotal (${receipt.itemCount} ${receipt.itemCount === 1 ? 'item' : 'items'})`, money(receipt.subtotal));
  if (receipt.discountTotal > 0) paper.row('Savings', money(-receipt.discountTotal));
  if (receipt.customer.taxExempt) paper.left('Tax exempt sale');
  if (receipt.taxMode === 'exclusive') {
    for (const tax of receipt.taxes) {
      paper.row(`${letters.get(tax.category) ?? ' '} ${tax.label} on ${money(tax.taxable)}`, money(tax.tax));
      for (const part of tax.jurisdictions) paper.row(`    ${part.name} ${percent(part.ratePpm)}`, money(part.tax));
    }
  }
  paper.rule('=');
  paper.row('TOTAL', money(receipt.total));
  paper.rule('=');

  for (const tender of receipt.tenders) {
    switch (tender.method) {
      case 'card':
        paper.row(`${tender.brand} ****${tender.last4}`, money(tender.amount));
        paper.left(`  Approved  Auth ${tender.authCode}`);
        paper.left(`  Ref ${tender.reference}`);
        break;
      case 'cash':
        {
          // Receipts rendered before tenders carried their rounding: a lone cash tender's difference.
          const rounding = tender.rounding ?? tender.amount - receipt.total;
          if (rounding !== 0) paper.row('  Cash rounding', money(rounding));
        }
        paper.row('Cash', money(tender.tendered));
        paper.row('Change', money(tender.change));
        break;
      case 'gift-card':
        paper.row(`Gift card ****${tender.last4}`, money(tender.amount));
        paper.left(`  Balance left ${money(tender.balanceAfter)}`);
        break;
      default: {
        const unreachable: never = tender;
        throw new Error(`unknown tender ${JSON.stringify(unreachable)}`);
      }
    }
  }

  if (receipt.taxMode === 'inclusive' && receipt.taxes.length > 0) {
    paper.blank();
    paper.columns('VAT', ['Net', 'VAT', 'Gross']);
    for (const tax of receipt.taxes) paper.columns(`${letters.get(tax.category) ?? ' '} ${tax.label}`, [money(tax.taxable - tax.tax), money(tax.tax), money(tax.taxable)]);
  }

  if (receipt.discountTotal > 0 || receipt.customer.memberId !== null) {
    paper.blank();
    if (receipt.savings.length > 0) paper.left('Your savings');
    for (const saving of receipt.savings) paper.row(`  ${saving.label}`, money(saving.amount));
    if (receipt.discountTotal > 0) paper.center(`You saved ${money(receipt.discountTotal)} today`);
    if (receipt.customer.memberId !== null) paper.center(`Rewards member ****${receipt.customer.memberId.slice(-4)}`);
  }

  paper.blank();
  for (const text of options.footer ?? ['Thank you for shopping with us']) paper.center(text);
  // The printer prints the Code 128 barcode of this payload here; the text is its human-readable line.
  paper.center(receiptBarcodePayload(receipt.receiptNumber));
  return `${paper.lines.join('\n')}\n`;
}
