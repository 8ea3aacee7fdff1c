import { TerminalError } from '../../common/api/result.ts';
import type { ItemSnapshot } from '../../common/catalog.ts';
import { settledAmount, type Basket } from './basket.ts';
import type { BasketEvent, CardTender, TaxMode, TenderReversal } from './events.ts';

/** Time and ids come from outside so the engine stays deterministic under test. */
export interface EngineContext {
  now(): string;
  newId(kind: 'basket' | 'line' | 'tender' | 'sale'): string;
}

export interface LaneSettings {
  readonly laneId: string;
  readonly currency: string;
  readonly taxMode: TaxMode;
  /** The store's IANA time zone, for its business date; UTC when absent. */
  readonly timeZone?: string;
}

/** The local date (YYYY-MM-DD) of an instant in a time zone; pure, the zone data is the runtime's. */
export function localDate(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${iso} is not a time`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The most of one item a single line may hold; beyond it a cashier is needed. */
export const MAX_LINE_QUANTITY = 999;

export function openBasket(settings: LaneSettings, ctx: EngineContext): Extract<BasketEvent, { type: 'basket.opened' }> {
  const openedAt = ctx.now();
  return {
    type: 'basket.opened',
    basketId: ctx.newId('basket'),
    laneId: settings.laneId,
    currency: settings.currency,
    taxMode: settings.taxMode,
    openedAt,
    businessDate: localDate(openedAt, settings.timeZone ?? 'UTC'),
  };
}

export function assertOpen(basket: Basket): void {
  if (basket.status !== 'open') throw new TerminalError('NO_OPEN_BASKET', `basket ${basket.basketId} is ${basket.status}`);
  if (basket.tenders.length > 0) {
    throw new TerminalError('BASKET_LOCKED', 'a payment has been taken; the basket can no longer change');
  }
}

/** The heaviest net weight one weighed line may hold (a lane scale tops out at 15–30 kg). */
export const MAX_LINE_GRAMS = 30_000;

/**
 * Adds `quantity` units of a scanned or keyed item (the quantity key: "3 ×" then scan). Scanning
 * the same code again for an item sold by each adds to the existing line, so the basket shows
 * "3 × Cola" rather than three lines; a line with an override or a manual discount stays apart.
 */
export function addItem(basket: Basket, code: string, item: ItemSnapshot, ctx: EngineContext, quantity = 1): BasketEvent[] {
  assertOpen(basket);
  if (item.soldBy === 'weight') {
    throw new TerminalError('NEEDS_WEIGHT', `${item.name} is sold by weight and must be weighed on the scale`);
  }
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw new TerminalError('INVALID_INPUT', `quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}`, 'quantity');
  }
  const existing = basket.lines.find(
    (line) => line.item.itemId === item.itemId && line.code === code && line.labelPrice === null && line.override === null && line.manualDiscount === null,
  );
  if (existing) {
    if (existing.quantity + quantity > MAX_LINE_QUANTITY) {
      throw new TerminalError('INVALID_INPUT', `a line holds at most ${MAX_LINE_QUANTITY} items`, 'quantity');
    }
    return [{ type: 'line.quantityChanged', lineId: existing.lineId, quantity: existing.quantity + quantity }];
  }
  return [{ type: 'line.added', lineId: ctx.newId('line'), code, item, quantity }];
}

/**
 * Adds a weighed item from a stable scale reading (the terminal only passes stable weights). The
 * item's tare, where the catalog sets one, is subtracted here; what is left must be a positive
 * net weight. Every weighing is its own line: two bags of apples weigh differently.
 */
export function addWeighedItem(basket: Basket, code: string, item: ItemSnapshot, grossGrams: number, ctx: EngineContext): BasketEvent[] {
  assertOpen(basket);
  if (item.soldBy !== 'weight') {
    throw new TerminalError('INVALID_INPUT', `${item.name} is sold by each, not by weight`, 'code');
  }
  if (!Number.isInteger(grossGrams)) throw new TerminalError('INVALID_INPUT', 'the weight must be whole grams', 'grams');
  const tareGrams = item.tareGrams ?? 0;
  const net = grossGrams - tareGrams;
  if (net <= 0) {
    throw new TerminalError(
      'INVALID_INPUT',
      tareGrams > 0
        ? `${item.name}: ${grossGrams} g on the scale is not more than the ${tareGrams} g container; place the item on the scale`
        : `${item.name}: the scale shows ${grossGrams} g; place the item on the scale`,
      'grams',
    );
  }
  if (net > MAX_LINE_GRAMS) throw new TerminalError('INVALID_INPUT', `a weighed line holds at most ${MAX_LINE_GRAMS / 1000} kg`, 'grams');
  return [{ type: 'line.added', lineId: ctx.newId('line'), code, item, quantity: net, ...(tareGrams > 0 ? { tareGrams } : {}) }];
}

/**
 * Adds an item from a variable-measure label: a price label makes a one-unit line at the printed
 * price; a weight label makes a weighed line priced per kilogram like a scale reading would.
 */
export function addLabelledItem(
  basket: Basket,
  code: string,
  item: ItemSnapshot,
  label: { readonly measure: 'price' | 'weight'; readonly value: number },
  ctx: EngineContext,
): BasketEvent[] {
  assertOpen(basket);
  if (!Number.isInteger(label.value) || label.value <= 0) throw new TerminalError('INVALID_BARCODE', `${code}: the label carries no ${label.measure}`, 'code');
  if (label.measure === 'price') return [{ type: 'line.added', lineId: ctx.newId('line'), code, item, quantity: 1, labelPrice: label.value }];
  if (item.soldBy !== 'weight') throw new TerminalError('INVALID_BARCODE', `${code}: a weight label on ${item.name}, which is sold by each`, 'code');
  if (label.value > MAX_LINE_GRAMS) throw new TerminalError('INVALID_INPUT', `a weighed line holds at most ${MAX_LINE_GRAMS / 1000} kg`, 'grams');
  return [{ type: 'line.added', lineId: ctx.newId('line'), code, item, quantity: label.value }];
}

export function setQuantity(basket: Basket, lineId: string, quantity: number): BasketEvent[] {
  assertOpen(basket);
  const line = basket.lines.find((candidate) => candidate.lineId === lineId);
  if (!line) throw new TerminalError('UNKNOWN_LINE', `there is no line ${lineId} in this basket`, 'lineId');
  if (line.item.soldBy === 'weight' || line.labelPrice !== null) {
    throw new TerminalError('INVALID_INPUT', 'the quantity of a weighed or labelled item comes from the scale or the label', 'quantity');
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
  return total - settledAmount(basket);
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

/**
 * Voids the whole basket. Payments already taken on it (a partial card approval, cash, a gift
 * card of a split tender) must each be given back first: `reversals` says how, one per tender,
 * for exactly its amount.
 */
export function cancelBasket(basket: Basket, ctx: EngineContext, reversals: readonly TenderReversal[] = []): BasketEvent[] {
  if (basket.status !== 'open') throw new TerminalError('NO_OPEN_BASKET', `basket ${basket.basketId} is ${basket.status}`);
  const unmatched = basket.tenders.filter((tender) => !reversals.some((reversal) => reversal.tenderId === tender.tenderId && reversal.method === tender.method && reversal.amount === tender.amount));
  if (unmatched.length > 0) {
    throw new TerminalError('BASKET_LOCKED', `${unmatched.length === 1 ? 'a payment was' : `${unmatched.length} payments were`} taken on this basket; ${unmatched.length === 1 ? 'it is' : 'they are'} given back before the basket is voided`);
  }
  const stray = reversals.find((reversal) => !basket.tenders.some((tender) => tender.tenderId === reversal.tenderId));
  if (stray) throw new TerminalError('INVALID_INPUT', `no payment ${stray.tenderId} was taken on this basket`, 'reversals');
  return [{ type: 'basket.cancelled', cancelledAt: ctx.now(), ...(reversals.length > 0 ? { reversals: [...reversals] } : {}) }];
}
