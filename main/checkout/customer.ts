import { TerminalError } from '../../common/api/result.ts';
import type { Coupon } from '../../common/promotions.ts';
import type { Basket } from './basket.ts';
import { assertOpen, type EngineContext } from './engine.ts';
import type { BasketEvent, PriceReason } from './events.ts';

/** The store's local date when the basket was opened (YYYY-MM-DD): the day promotions are checked against. */
export function businessDate(basket: Basket): string {
  return basket.businessDate;
}

/**
 * Takes a scanned coupon the store accepts (the lane looked its code up in the promotions file).
 * It counts once the basket holds what it asks for; until then the screens show it as waiting.
 */
export function addCoupon(basket: Basket, coupon: Coupon, ctx: EngineContext): BasketEvent[] {
  assertOpen(basket);
  const day = businessDate(basket);
  if ((coupon.validFrom !== undefined && day < coupon.validFrom) || (coupon.validTo !== undefined && day > coupon.validTo)) {
    throw new TerminalError('COUPON_NOT_ACCEPTED', `${coupon.label} is valid ${coupon.validFrom ?? '…'} to ${coupon.validTo ?? '…'}`, 'code');
  }
  const used = basket.coupons.filter((entry) => entry.coupon.id === coupon.id).length;
  if (used >= coupon.limitPerBasket) {
    throw new TerminalError('COUPON_NOT_ACCEPTED', `${coupon.label} can be used ${coupon.limitPerBasket === 1 ? 'once' : `${coupon.limitPerBasket} times`} per purchase`, 'code');
  }
  return [{ type: 'coupon.added', entryId: ctx.newId('line'), coupon }];
}

export function removeCoupon(basket: Basket, entryId: string): BasketEvent[] {
  assertOpen(basket);
  if (!basket.coupons.some((entry) => entry.entryId === entryId)) throw new TerminalError('UNKNOWN_LINE', `there is no coupon ${entryId} in this basket`, 'entryId');
  return [{ type: 'coupon.removed', entryId }];
}

/** A loyalty card was scanned: member prices apply from now on, to every line. */
export function identifyMember(basket: Basket, memberId: string): BasketEvent[] {
  assertOpen(basket);
  if (!/^[A-Za-z0-9-]{1,64}$/.test(memberId)) throw new TerminalError('INVALID_INPUT', 'a member id has 1–64 letters, digits or -', 'memberId');
  return basket.customer.memberId === memberId ? [] : [{ type: 'customer.identified', memberId }];
}

/** Records a tax exemption certificate (checked by the terminal's permission rules); no tax is charged. */
export function exemptFromTax(basket: Basket, certificate: string, authorizedBy: string | null, reason?: PriceReason): BasketEvent[] {
  if (basket.tenders.length > 0) throw new TerminalError('PAYMENT_STARTED', 'a tax exemption is refused once payment has started: it would change what the payment paid for');
  assertOpen(basket);
  const trimmed = certificate.trim();
  if (trimmed.length === 0 || trimmed.length > 64) throw new TerminalError('INVALID_INPUT', 'the exemption certificate number has 1–64 characters', 'certificate');
  return [{ type: 'customer.taxExempt', certificate: trimmed, authorizedBy, ...(reason === undefined ? {} : { reason }) }];
}
