import { TerminalError } from '../../common/api/result.ts';
import type { ItemSnapshot } from '../../common/catalog.ts';
import type { Basket } from './basket.ts';
import type { BasketEvent, CardTender, TaxMode } from './events.ts';

/** Time and ids come from outside so the engine stays deterministic under test. */
export interface EngineContext {
  now(): string;
  newId(kind: 'basket' | 'line' | 'tender' | 'sale'): string;
}

export interface LaneSettings {
  readonly laneId: string;
  readonly currency: string;
  readonly taxMode: TaxMode;
}

/** The most of one item a single line may hold; beyond it a cashier is needed. */
export const MAX_LINE_QUANTITY = 999;

export function openBasket(settings: LaneSettings, ctx: EngineContext): Extract<BasketEvent, { type: 'basket.opened' }> {
  return {
    type: 'basket.opened',
    basketId: ctx.newId('basket'),
    laneId: settings.laneId,
    currency: settings.currency,
    taxMode: settings.taxMode,
    openedAt: ctx.now(),
  };
}

function assertOpen(basket: Basket): void {
  if (basket.status !== 'open') throw new TerminalError('NO_OPEN_BASKET', `basket ${basket.basketId} is ${basket.status}`);
  if (basket.tenders.length > 0) {
    throw new TerminalError('BASKET_LOCKED', 'a payment has been taken; the basket can no longer change');
  }
}

/**
 * Adds a scanned item. Scanning the same code again for an item sold by each adds to the
 * existing line, so the basket shows "3 × Cola" rather than three lines.
 */
export function addItem(basket: Basket, code: string, item: ItemSnapshot, ctx: EngineContext): BasketEvent[] {
  assertOpen(basket);
  if (item.soldBy === 'weight') {
    throw new TerminalError('NEEDS_WEIGHT', `${item.name} is sold by weight and must be weighed on the scale`);
  }
  const existing = basket.lines.find((line) => line.item.itemId === item.itemId && line.code === code);
  if (existing) {
    if (existing.quantity >= MAX_LINE_QUANTITY) {
      throw new TerminalError('INVALID_INPUT', `a line holds at most ${MAX_LINE_QUANTITY} items`, 'quantity');
    }
    return [{ type: 'line.quantityChanged', lineId: existing.lineId, quantity: existing.quantity + 1 }];
  }
  return [{ type: 'line.added', lineId: ctx.newId('line'), code, item, quantity: 1 }];
}

export function setQuantity(basket: Basket, lineId: string, quantity: number): BasketEvent[] {
  assertOpen(basket);
  const line = basket.lines.find((candidate) => candidate.lineId === lineId);
  if (!line) throw new TerminalError('UNKNOWN_LINE', `there is no line ${lineId} in this basket`, 'lineId');
  if (line.item.soldBy === 'weight') {
    throw new TerminalError('INVALID_INPUT', 'the quantity of a weighed item comes from the scale', 'quantity');
  }
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw new TerminalError('INVALID_INPUT', `quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}`, 'quantity');
  }
  return line.quantity === quantity ? [] : [{ type: 'line.quantityChanged', lineId, quantity }];
}

/** Checks that the basket may be paid for now, and says how much is due. */
export function amountToPay(basket: Basket, total: number, ageCheckRequired: boolean): number {
  if (basket.status !== 'open') throw new TerminalError('NO_OPEN_BASKET', `basket ${basket.basketId} is ${basket.status}`);
  if (basket.lines.length === 0) throw new TerminalError('BASKET_EMPTY', 'scan an item before paying');
  if (ageCheckRequired) {
    throw new TerminalError('AGE_CHECK_REQUIRED', 'an attendant must check the buyer’s age before payment');
  }
  const paid = basket.tenders.reduce((sum, tender) => sum + tender.amount, 0);
  return total - paid;
}

/**
 * Records an approved card payment. When it covers what is due the sale completes in the same
 * breath, so the ledger can commit the approval and the sale in one transaction.
 */
export function approveTender(
  basket: Basket,
  tender: Omit<CardTender, 'tenderId'>,
  due: number,
  ctx: EngineContext,
): BasketEvent[] {
  if (basket.status !== 'open') throw new TerminalError('NO_OPEN_BASKET', `basket ${basket.basketId} is ${basket.status}`);
  if (tender.amount > due) {
    throw new TerminalError('INVALID_INPUT', `approved ${tender.amount} exceeds the ${due} due`, 'amount');
  }
  const events: BasketEvent[] = [{ type: 'tender.approved', tender: { ...tender, tenderId: ctx.newId('tender') } }];
  if (tender.amount === due) events.push({ type: 'basket.completed', saleId: ctx.newId('sale'), completedAt: ctx.now() });
  return events;
}

export function cancelBasket(basket: Basket, ctx: EngineContext): BasketEvent[] {
  assertOpen(basket);
  return [{ type: 'basket.cancelled', cancelledAt: ctx.now() }];
}
