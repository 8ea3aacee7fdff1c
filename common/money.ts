import { z } from 'zod';

/** An amount of money in integer minor units (cents, pence) of the basket's currency. */
export type Minor = number;

export const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD');

export const MinorSchema = z.number().int().refine(Number.isSafeInteger, 'a safe integer');

export interface Money {
  readonly amount: Minor;
  readonly currency: string;
}

export const MoneySchema = z.object({ amount: MinorSchema, currency: CurrencyCodeSchema });

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Number of minor-unit digits of a currency (2 for USD and EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  return formatterFor(currency, 'en-US').resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats integer minor units for display, e.g. 1099 USD -> "$10.99". */
export function formatMoney(amount: Minor, currency: string, locale = 'en-US'): string {
  const digits = minorDigits(currency);
  return formatterFor(currency, locale).format(amount / 10 ** digits);
}

/** Rounds a non-negative rational amount half away from zero to an integer. */
export function roundHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  return sign * Math.floor((2 * n + denominator) / (2 * denominator));
}
