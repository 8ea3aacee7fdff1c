import { formatMoney } from '../../common/money.ts';

/** The lane's locale if the browser knows it, else US English (a bad config must not blank the screen). */
export function displayLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

export function money(amount: number, currency: string, locale: string): string {
  return formatMoney(amount, currency, displayLocale(locale));
}

const kilograms = new Map<string, Intl.NumberFormat>();

/** Grams as kilograms with three decimals ("0.452"), the way scales and receipts show them. */
export function formatKilograms(grams: number, locale: string): string {
  const key = displayLocale(locale);
  let format = kilograms.get(key);
  if (!format) {
    format = new Intl.NumberFormat(key, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    kilograms.set(key, format);
  }
  return format.format(grams / 1000);
}

export function formatReceiptTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(displayLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A time of day as the locale writes it ("3:42 PM", "15:42"). */
export function formatClockTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(displayLocale(locale), { timeStyle: 'short', timeZone }).format(date);
}
