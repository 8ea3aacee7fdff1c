import { minorDigits } from '../../../../common/money.ts';

/**
 * An amount as a cashier keys it: digits alone in minor units, as on a register and in the tender
 * dialog ("449" is 4.49); with a point or comma in major units ("4.49", "4,5", "5."). Null when
 * it is not an amount of that currency (too many decimals, letters).
 */
export function parseMoneyEntry(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const trimmed = text.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed);
  const match = /^(\d{1,7})[.,](\d*)$/.exec(trimmed);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + (fraction === '' ? 0 : Number(fraction.padEnd(digits, '0')));
}

/** A percentage as keyed ("10", "12.5") in basis points (1000, 1250); null outside 0.01–100 %. */
export function parsePercentEntry(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return basisPoints >= 1 && basisPoints <= 10_000 ? basisPoints : null;
}

/** Minor units as the field shows them to start from ("5.49"). */
export function moneyEntryText(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? String(amount) : `${Math.trunc(amount / 10 ** digits)}.${String(amount % 10 ** digits).padStart(digits, '0')}`;
}
