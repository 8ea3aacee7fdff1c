import { TerminalError } from '../../common/api/result.ts';
import { settledAmount, type Basket, type BasketLine } from './basket.ts';
import { assertOpen } from './engine.ts';
import { LineDiscountSchema, PriceReasonSchema, type BasketEvent, type LineDiscount, type PriceReason } from './events.ts';

/**
 * Corrections to lines. Overrides and line discounts need a permission: the terminal checks the
 * operator's role (and any step-up approval) and that the reason is on the store's list before it
 * calls these, then passes who allowed it.
 */

function findLine(basket: Basket, lineId: string): BasketLine {
  const line = basket.lines.find((candidate) => candidate.lineId === lineId);
  if (!line) throw new TerminalError('UNKNOWN_LINE', `there is no line ${lineId} in this basket`, 'lineId');
  return line;
}

function checkReason(reason: PriceReason): void {
  if (!PriceReasonSchema.safeParse(reason).success) {
    throw new TerminalError('INVALID_INPUT', `reason: "${String(reason).slice(0, 40)}" is not a reason code such as price-match`, 'reason');
  }
}

/**
 * Once a tender has been taken the lines are what it paid for: changing them would leave the
 * payment paying for something else. The cashier finishes the sale and refunds the item as a return.
 */
function assertNoPayment(basket: Basket, what: string): void {
  if (basket.tenders.length === 0) return;
  throw new TerminalError(
    'PAYMENT_STARTED',
    `${what} is refused once payment has started (${settledAmount(basket)} of the total is already paid): take the rest of the payment, then refund the item as a return`,
  );
}

/** Removes a line from the sale; the journal keeps the voided line (and why) for the audit. */
export function voidLine(basket: Basket, lineId: string, ctx: { now(): string }, reason?: PriceReason): BasketEvent[] {
  assertNoPayment(basket, 'voiding a line');
  assertOpen(basket);
  findLine(basket, lineId);
  if (reason === undefined) return [{ type: 'line.voided', lineId, voidedAt: ctx.now() }];
  checkReason(reason);
  return [{ type: 'line.voided', lineId, voidedAt: ctx.now(), reason }];
}

/**
 * Sets a new unit price (per kilogram for weighed items) on a line. An overridden line takes no
 * item promotions: the cashier's price is the price; coupons and basket thresholds still apply.
 */
export function overridePrice(basket: Basket, lineId: string, unitPrice: number, reason: PriceReason, authorizedBy: string | null): BasketEvent[] {
  assertNoPayment(basket, 'a price override');
  assertOpen(basket);
  const line = findLine(basket, lineId);
  checkReason(reason);
  if (!Number.isSafeInteger(unitPrice) || unitPrice < 0) throw new TerminalError('INVALID_INPUT', 'the new price must be a whole number of minor units, 0 or more', 'unitPrice');
  if (line.labelPrice !== null) throw new TerminalError('INVALID_INPUT', 'a labelled item is priced by its label; give a line discount instead', 'lineId');
  return [{ type: 'line.priceOverridden', lineId, unitPrice, reason, authorizedBy }];
}

/** A manual discount on one line (percent or amount), applied after promotions and capped at the line's amount. */
export function discountLine(basket: Basket, lineId: string, discount: LineDiscount, reason: PriceReason, authorizedBy: string | null): BasketEvent[] {
  assertNoPayment(basket, 'a line discount');
  assertOpen(basket);
  findLine(basket, lineId);
  checkReason(reason);
  const parsed = LineDiscountSchema.safeParse(discount);
  if (!parsed.success) throw new TerminalError('INVALID_INPUT', 'a discount is 1–10000 basis points or a positive amount in minor units', 'discount');
  return [{ type: 'line.discounted', lineId, discount: parsed.data, reason, authorizedBy }];
}
