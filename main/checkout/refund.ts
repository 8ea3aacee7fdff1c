import { TerminalError } from '../../common/api/result.ts';
import type { BasketLineView } from '../../common/basket.ts';

/**
 * What returning units of a sold line refunds: the line's share of what was paid, to the minor
 * unit. The share of the first k units is round(paid × k / n); each return refunds the difference
 * between the shares before and after it, so returning every unit, in any number of returns,
 * refunds exactly what the line cost, and a line's units never refund more than it cost.
 */
export function refundForUnits(line: Pick<BasketLineView, 'lineId' | 'amountPaid' | 'quantity' | 'soldBy'>, alreadyReturned: number, returning: number): number {
  const units = line.soldBy === 'weight' ? 1 : line.quantity;
  if (!Number.isInteger(returning) || returning < 1) throw new TerminalError('INVALID_INPUT', 'return at least one unit', 'quantity');
  if (!Number.isInteger(alreadyReturned) || alreadyReturned < 0 || alreadyReturned + returning > units) {
    throw new TerminalError('INVALID_INPUT', `line ${line.lineId} has ${units - Math.max(0, alreadyReturned)} unit(s) left to return`, 'quantity');
  }
  const shareOf = (count: number): number => Math.floor((2 * line.amountPaid * count + units) / (2 * units));
  return shareOf(alreadyReturned + returning) - shareOf(alreadyReturned);
}
