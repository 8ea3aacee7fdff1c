import { TerminalError } from '../../common/api/result.ts';
import type { BasketView } from '../../common/basket.ts';

export interface CashSettlement {
  /** What the cash pays of the sale: the amount due rounded to the smallest coin. */
  readonly amount: number;
  /** amount − due: what cash rounding added (positive) or forgave (negative). */
  readonly rounding: number;
  readonly tendered: number;
  readonly change: number;
}

/**
 * Settles the rest of a basket in cash. Cash rounding applies here and only here: a card or a
 * split card part pays the exact amount, cash pays the amount rounded to the currency's smallest
 * coin (`view.cash`), and the change is what the shopper handed over beyond that.
 */
export function settleInCash(view: Pick<BasketView, 'due' | 'cash' | 'currency'>, tendered: number): CashSettlement {
  if (!Number.isSafeInteger(tendered) || tendered <= 0) throw new TerminalError('INVALID_INPUT', 'the cash handed over must be a positive whole number of minor units', 'tendered');
  if (view.due <= 0) throw new TerminalError('INVALID_INPUT', 'nothing is due', 'tendered');
  const amount = view.cash.due;
  if (tendered < amount) throw new TerminalError('INVALID_INPUT', `${tendered} is less than the ${amount} due in cash`, 'tendered');
  return { amount, rounding: amount - view.due, tendered, change: tendered - amount };
}
