import { TerminalError } from '../../common/api/result.ts';
import type { ItemSnapshot } from '../../common/catalog.ts';
import { classifyCode } from '../../common/scanned-code.ts';
import { addCoupon, addItem, addLabelledItem, identifyMember, type Basket, type BasketEvent, type EngineContext } from '../checkout/index.ts';
import type { LanePricing } from './pricing-setup.ts';

export interface ItemLookup {
  /** The item with this catalog key (GTIN-14 or PLU), or null. */
  find(key: string): { code: string; item: ItemSnapshot } | null;
  /** The refusal of a code no item has (the lane logs it). */
  unknown(): never;
}

/**
 * What a scanned or keyed code does to the basket, decided once by its class: a product or PLU
 * adds `quantity` units, a variable-measure label adds the labelled item, a coupon or a loyalty
 * card changes the price of the basket; a receipt or a bad code is refused, naming why.
 */
export function decideScan(code: string, quantity: number, pricing: LanePricing, items: ItemLookup, context: EngineContext, staffed = false): (basket: Basket) => BasketEvent[] {
  const scanned = classifyCode(code, pricing.scanRules);
  const item = (key: string): { code: string; item: ItemSnapshot } => items.find(key) ?? items.unknown();
  switch (scanned.kind) {
    case 'invalid':
      throw new TerminalError('INVALID_BARCODE', scanned.reason, 'code');
    case 'receipt':
      throw new TerminalError(
        'INVALID_BARCODE',
        staffed ? `${scanned.receiptNumber} is a receipt, not an item: open Returns (F7) to return items from it` : `${scanned.receiptNumber} is a receipt; returns are taken at a staffed lane`,
        'code',
      );
    case 'coupon': {
      const coupon = pricing.coupons.find((candidate) => candidate.code === scanned.code);
      if (!coupon) throw new TerminalError('COUPON_NOT_ACCEPTED', `this store does not accept the coupon ${scanned.code}`, 'code');
      return (basket) => addCoupon(basket, coupon, context);
    }
    case 'member-card':
      return (basket) => identifyMember(basket, scanned.code);
    case 'variable-measure': {
      const hit = item(scanned.gtin14);
      return (basket) => addLabelledItem(basket, hit.code, hit.item, scanned, context);
    }
    case 'plu':
    case 'product': {
      const key = scanned.kind === 'plu' ? scanned.plu : scanned.gtin14;
      // An 8-digit code valid both as EAN-8 and as UPC-E: the EAN-8 item first, else the UPC-E one.
      const alternate = scanned.kind === 'product' ? scanned.alternateGtin14 : null;
      const hit = items.find(key) ?? (alternate ? item(alternate) : items.unknown());
      return (basket) => addItem(basket, hit.code, hit.item, context, quantity);
    }
    default: {
      const unreachable: never = scanned;
      throw new Error(`unknown scanned code ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The catalog key of a code to be weighed: a PLU or a product GTIN, nothing else. */
export function weighableKey(code: string, pricing: LanePricing): string {
  const scanned = classifyCode(code, pricing.scanRules);
  if (scanned.kind === 'plu') return scanned.plu;
  if (scanned.kind === 'product') return scanned.gtin14;
  throw new TerminalError('INVALID_BARCODE', scanned.kind === 'invalid' ? scanned.reason : `${code} is not an item that can be weighed`, 'code');
}
