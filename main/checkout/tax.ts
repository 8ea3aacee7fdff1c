import type { TaxLineView } from '../../common/basket.ts';
import type { TaxCategory } from '../../common/catalog.ts';
import { roundHalfUp } from '../../common/money.ts';
import { allocate } from './allocate.ts';
import type { TaxMode } from './events.ts';

export type TaxRounding = 'line' | 'invoice';

export interface TaxableLine {
  readonly lineId: string;
  readonly category: string;
  /** The line's amount after discounts (gross of VAT when inclusive). */
  readonly taxable: number;
}

export interface TaxResult {
  readonly taxes: TaxLineView[];
  /** Each line's share of the tax; they sum to the total of `taxes`. */
  readonly perLine: ReadonlyMap<string, number>;
}

const PPM = 1_000_000;

/** Exclusive sales tax on an amount, or the VAT contained in an inclusive amount, rounded half up. */
function taxOn(amount: number, ratePpm: number, mode: TaxMode): number {
  return mode === 'exclusive' ? roundHalfUp(amount * ratePpm, PPM) : amount - roundHalfUp(amount * PPM, PPM + ratePpm);
}

/**
 * Tax per category on the discounted amounts. Rounded per line, each line's tax is rounded and
 * the category is their sum; rounded per invoice, the category's total is rounded once and then
 * split over its lines to the minor unit (largest remainder), so a refund of a line can return
 * its exact share. Categories are listed by code.
 */
export function computeTax(
  lines: readonly TaxableLine[],
  categories: ReadonlyMap<string, TaxCategory>,
  mode: TaxMode,
  rounding: TaxRounding,
): TaxResult {
  const byCategory = new Map<string, TaxableLine[]>();
  for (const line of lines) {
    const list = byCategory.get(line.category);
    if (list) list.push(line);
    else byCategory.set(line.category, [line]);
  }
  const perLine = new Map<string, number>();
  const taxes: TaxLineView[] = [];
  for (const code of [...byCategory.keys()].sort()) {
    const category = categories.get(code);
    if (!category) throw new Error(`tax category "${code}" is not configured`);
    const members = byCategory.get(code) ?? [];
    const taxable = members.reduce((sum, line) => sum + line.taxable, 0);
    let tax = 0;
    if (rounding === 'line') {
      for (const line of members) {
        const lineTax = taxOn(line.taxable, category.ratePpm, mode);
        perLine.set(line.lineId, lineTax);
        tax += lineTax;
      }
    } else {
      tax = taxOn(taxable, category.ratePpm, mode);
      const shares = allocate(tax, members.map((line) => ({ key: line.lineId, weight: line.taxable })));
      for (const line of members) perLine.set(line.lineId, shares.get(line.lineId) ?? 0);
    }
    taxes.push({ category: code, label: category.label, ratePpm: category.ratePpm, taxable, tax, jurisdictions: byJurisdiction(category, tax) });
  }
  return { taxes, perLine };
}

/**
 * Splits a category's rounded tax over its jurisdictions in proportion to their rates, to the
 * minor unit, so the parts printed on the receipt add up to the tax charged.
 */
function byJurisdiction(category: TaxCategory, tax: number): TaxLineView['jurisdictions'] {
  const parts = category.jurisdictions ?? [];
  if (parts.length === 0 || category.ratePpm === 0) return [];
  const shares = allocate(tax, parts.map((part, index) => ({ key: String(index).padStart(2, '0'), weight: part.ratePpm })));
  return parts.map((part, index) => ({ name: part.name, ratePpm: part.ratePpm, tax: shares.get(String(index).padStart(2, '0')) ?? 0 }));
}

/** Rounds an amount due in cash to the smallest coin in circulation (half up: CHF 12.325 → 12.35). */
export function cashRounded(due: number, increment: number): number {
  if (!Number.isInteger(increment) || increment < 1) throw new RangeError(`cash increment ${increment} must be a positive whole number of minor units`);
  return roundHalfUp(due, increment) * increment;
}

/** The smallest coin of currencies that round cash payments, in minor units; 1 for the rest. */
const CASH_INCREMENTS: Readonly<Record<string, number>> = { CHF: 5, CAD: 5, AUD: 5, NZD: 10, DKK: 50, SEK: 100, NOK: 100 };

export function defaultCashIncrement(currency: string): number {
  return CASH_INCREMENTS[currency] ?? 1;
}
