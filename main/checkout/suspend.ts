import { TerminalError } from '../../common/api/result.ts';
import type { ItemSnapshot } from '../../common/catalog.ts';
import type { SuspendedBasket, SuspendedLine } from '../../common/suspend.ts';
import type { Basket, BasketLine } from './basket.ts';
import { assertOpen, type EngineContext } from './engine.ts';
import type { BasketEvent } from './events.ts';

/** Whether the basket holds anything a customer would miss: lines, coupons, a member card, an exemption. */
export function isEmptyBasket(basket: Basket): boolean {
  return basket.lines.length === 0 && basket.coupons.length === 0 && basket.customer.memberId === null && basket.customer.taxExemptCertificate === null && basket.tenders.length === 0;
}

/** Refuses to park a basket that has nothing to park or that a payment has started on. */
export function assertSuspendable(basket: Basket): void {
  if (basket.tenders.length > 0) {
    throw new TerminalError('PAYMENT_STARTED', 'a basket cannot be suspended once payment has started: take the rest of the payment, or refund what was paid and void the sale');
  }
  assertOpen(basket);
  if (basket.lines.length === 0) throw new TerminalError('BASKET_EMPTY', 'there is nothing to suspend: the basket has no items');
}

function portable(line: BasketLine): SuspendedLine {
  return {
    code: line.code,
    item: line.item,
    quantity: line.quantity,
    labelPrice: line.labelPrice,
    tareGrams: line.tareGrams,
    override: line.override && { unitPrice: line.override.unitPrice, reason: line.override.reason, authorizedBy: line.override.authorizedBy },
    manualDiscount: line.manualDiscount && { discount: line.manualDiscount.discount, reason: line.manualDiscount.reason, authorizedBy: line.manualDiscount.authorizedBy },
  };
}

/** What of a basket travels with its ticket: every line with its corrections, coupons and customer. */
export function suspendedContents(basket: Basket): Pick<SuspendedBasket, 'lines' | 'coupons' | 'memberId' | 'taxExemptCertificate'> {
  return {
    lines: basket.lines.map(portable),
    coupons: basket.coupons.map((entry) => entry.coupon),
    memberId: basket.customer.memberId,
    taxExemptCertificate: basket.customer.taxExemptCertificate,
  };
}

/**
 * Brings a suspended basket's lines into an empty open basket. Each line is priced by `today`
 * (the catalog as it is now: a price changed since the suspension applies), falling back to the
 * snapshot for an item the catalog no longer has; promotions are re-evaluated by the pricing as
 * for any line. Overrides and manual discounts were approved and audited when they were made,
 * so they come along with who allowed them.
 */
export function resumeSuspended(basket: Basket, suspended: SuspendedBasket, today: (line: SuspendedLine) => ItemSnapshot | null, ctx: EngineContext): BasketEvent[] {
  assertOpen(basket);
  if (!isEmptyBasket(basket)) throw new TerminalError('SALE_IN_PROGRESS', 'finish, suspend or cancel the sale on the lane before resuming another');
  if (suspended.currency !== basket.currency) {
    throw new TerminalError('INVALID_INPUT', `ticket ${suspended.ticket} is in ${suspended.currency}, this lane sells in ${basket.currency}`, 'ticket');
  }
  const events: BasketEvent[] = [
    { type: 'basket.resumed', ticket: suspended.ticket, fromLaneId: suspended.laneId, fromBasketId: suspended.basketId, suspendedAt: suspended.suspendedAt },
  ];
  for (const line of suspended.lines) {
    const lineId = ctx.newId('line');
    // A labelled line is priced by its label; its snapshot is what the label was read against.
    const item = line.labelPrice === null ? (today(line) ?? line.item) : line.item;
    events.push({
      type: 'line.added',
      lineId,
      code: line.code,
      item,
      quantity: line.quantity,
      ...(line.labelPrice !== null ? { labelPrice: line.labelPrice } : {}),
      ...(line.tareGrams > 0 ? { tareGrams: line.tareGrams } : {}),
    });
    if (line.override) events.push({ type: 'line.priceOverridden', lineId, ...line.override });
    if (line.manualDiscount) events.push({ type: 'line.discounted', lineId, ...line.manualDiscount });
  }
  for (const coupon of suspended.coupons) events.push({ type: 'coupon.added', entryId: ctx.newId('line'), coupon });
  if (suspended.memberId !== null) events.push({ type: 'customer.identified', memberId: suspended.memberId });
  if (suspended.taxExemptCertificate !== null) {
    events.push({ type: 'customer.taxExempt', certificate: suspended.taxExemptCertificate, authorizedBy: null });
  }
  return events;
}
