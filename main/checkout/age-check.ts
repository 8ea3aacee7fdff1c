import { TerminalError } from '../../common/api/result.ts';
import type { Basket } from './basket.ts';
import { assertOpen } from './engine.ts';
import type { BasketEvent } from './events.ts';

/** How an attendant learned the buyer's age: a date of birth read off an ID, or the ID's barcode. */
export type AgeCheckMethod = 'dob' | 'id-scan';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: string, field: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new TerminalError('INVALID_INPUT', `${field}: "${value}" is not a date (YYYY-MM-DD)`, field);
  }
  return { year, month, day };
}

/**
 * Whole years from a date of birth to `today` (both YYYY-MM-DD, the store's local date). Someone
 * born on 29 February comes of age on 1 March in common years, as most jurisdictions count it.
 */
export function ageOn(dateOfBirth: string, today: string): number {
  const born = parseDate(dateOfBirth, 'dateOfBirth');
  const now = parseDate(today, 'today');
  const beforeBirthday = now.month < born.month || (now.month === born.month && now.day < born.day);
  const age = now.year - born.year - (beforeBirthday ? 1 : 0);
  if (age < 0) throw new TerminalError('INVALID_INPUT', `dateOfBirth: ${dateOfBirth} is after today (${today})`, 'dateOfBirth');
  if (age > 130) throw new TerminalError('INVALID_INPUT', `dateOfBirth: ${dateOfBirth} is more than 130 years ago`, 'dateOfBirth');
  return age;
}

/** The minimum age the basket still needs checked, or null when every restricted line is covered. */
export function ageCheckNeeded(basket: Pick<Basket, 'lines' | 'ageVerification'>): number | null {
  const verified = basket.ageVerification?.buyerAge ?? -1;
  let needed: number | null = null;
  for (const line of basket.lines) {
    const minimum = line.item.minimumAge;
    if (minimum !== null && minimum > verified && (needed === null || minimum > needed)) needed = minimum;
  }
  return needed;
}

/**
 * An attendant has checked the buyer's ID. Only the age in whole years is journaled, never the
 * date of birth. A buyer younger than an item's minimum age is refused: the attendant voids
 * that item instead. A later item with a higher minimum age needs another check.
 */
export function verifyAge(
  basket: Basket,
  check: { readonly dateOfBirth: string; readonly today: string; readonly method: AgeCheckMethod; readonly authorizedBy: string },
  ctx: { now(): string },
): BasketEvent[] {
  assertOpen(basket);
  const needed = ageCheckNeeded(basket);
  if (needed === null) throw new TerminalError('INVALID_INPUT', 'no item in this basket is waiting for an age check');
  const buyerAge = ageOn(check.dateOfBirth, check.today);
  if (buyerAge < needed) {
    throw new TerminalError('UNDER_AGE', `the buyer is ${buyerAge}; an item in the basket may be sold only from ${needed}: void it`, 'dateOfBirth');
  }
  return [{ type: 'age.verified', buyerAge, method: check.method, authorizedBy: check.authorizedBy, verifiedAt: ctx.now() }];
}
