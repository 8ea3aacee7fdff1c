import { TerminalError } from '../../common/api/result.ts';
import type { BasketLineView } from '../../common/basket.ts';
import type { ItemSnapshot } from '../../common/catalog.ts';
import type { ReturnSelection } from '../../common/returns.ts';
import { applyEvent, type Basket } from './basket.ts';
import { addItem, openBasket, type EngineContext, type LaneSettings } from './engine.ts';
import type { BasketEvent } from './events.ts';
import { priceBasket, type PricingRules } from './pricing.ts';
import { refundForUnits } from './refund.ts';
import { refundToTenders, type RefundableTender, type TenderRefund } from './tenders.ts';

/** A line of the completed sale, as its receipt recorded it. */
export type SoldLine = Pick<BasketLineView, 'lineId' | 'name' | 'code' | 'soldBy' | 'quantity' | 'amountPaid'>;

/** What earlier returns of the sale took back: units per line, money per tender. */
export interface ReturnHistory {
  readonly returnedUnits: ReadonlyMap<string, number>;
  readonly refunded: ReadonlyMap<string, number>;
}

export interface ReturnPlanLine {
  readonly line: SoldLine;
  readonly units: number;
  readonly amount: number;
}

export interface ReturnPlan {
  readonly lines: readonly ReturnPlanLine[];
  readonly total: number;
  /** Card first, then gift card, cash last (see refundToTenders); empty when nothing is owed. */
  readonly refunds: readonly TenderRefund[];
}

/** What can be returned of a line: its count, or the whole of a weighed line as one unit. */
export function returnableUnits(line: Pick<SoldLine, 'soldBy' | 'quantity'>): number {
  return line.soldBy === 'weight' ? 1 : line.quantity;
}

/**
 * Decides a return by receipt: each picked line refunds its share of what was paid for it
 * (refundForUnits), never more units than were sold less those already returned, and the refund
 * goes back to the sale's tenders (refundToTenders), never more to a tender than it paid less
 * what earlier returns gave it. Returning every unit, in any number of returns, refunds each
 * tender exactly what it paid.
 */
export function planReturn(sale: { readonly lines: readonly SoldLine[]; readonly tenders: readonly RefundableTender[] }, history: ReturnHistory, selection: ReturnSelection): ReturnPlan {
  if (selection.length === 0) throw new TerminalError('INVALID_INPUT', 'pick at least one line to return', 'lines');
  const seen = new Set<string>();
  const lines = selection.map((picked, index): ReturnPlanLine => {
    if (seen.has(picked.lineId)) throw new TerminalError('INVALID_INPUT', `lines[${index}]: line ${picked.lineId} is picked twice`, `lines.${index}.lineId`);
    seen.add(picked.lineId);
    const line = sale.lines.find((candidate) => candidate.lineId === picked.lineId);
    if (!line) throw new TerminalError('UNKNOWN_LINE', `lines[${index}]: the sale has no line ${picked.lineId}`, `lines.${index}.lineId`);
    const units = returnableUnits(line);
    const returned = history.returnedUnits.get(line.lineId) ?? 0;
    if (!Number.isInteger(picked.quantity) || picked.quantity < 1) throw new TerminalError('INVALID_INPUT', `lines[${index}]: return at least one unit`, `lines.${index}.quantity`);
    if (line.soldBy === 'weight' && picked.quantity !== 1) {
      throw new TerminalError('INVALID_INPUT', `lines[${index}]: ${line.name} was sold by weight and is returned whole (quantity 1)`, `lines.${index}.quantity`);
    }
    if (returned + picked.quantity > units) {
      const left = units - returned;
      throw new TerminalError(
        'ALREADY_RETURNED',
        left === 0 ? `${line.name} was already returned in full` : `only ${left} of ${units} × ${line.name} can still be returned`,
        `lines.${index}.quantity`,
      );
    }
    return { line, units: picked.quantity, amount: refundForUnits(line, returned, picked.quantity) };
  });
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  return { lines, total, refunds: total === 0 ? [] : refundToTenders(sale.tenders, total, history.refunded) };
}

/**
 * What one unit of an item sold by each costs on the shelf today, with its tax and without
 * promotions: the engine prices a basket of just that unit, so tax mode and rounding are the lane's.
 */
export function shelfUnitPrice(code: string, item: ItemSnapshot, settings: LaneSettings, rules: PricingRules, at: string): number {
  const ctx: EngineContext = { now: () => at, newId: (kind) => `${kind}-shelf` };
  const apply = (basket: Basket | null, events: readonly BasketEvent[]): Basket => events.reduce<Basket | null>((current, event) => applyEvent(current, event), basket) as Basket;
  const opened = apply(null, [openBasket(settings, ctx)]);
  const basket = apply(opened, addItem(opened, code, item, ctx, 1));
  const line = priceBasket(basket, rules).lines[0];
  if (!line) throw new Error(`pricing one ${item.name} gave no line`);
  return line.amountPaid;
}
