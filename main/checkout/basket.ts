import type { ItemSnapshot } from '../../common/catalog.ts';
import type { Coupon } from '../../common/promotions.ts';
import type { BasketEvent, LineDiscount, PriceReason, TaxMode, Tender } from './events.ts';

export interface PriceOverride {
  readonly unitPrice: number;
  readonly reason: PriceReason;
  readonly authorizedBy: string | null;
}

export interface ManualDiscount {
  readonly discount: LineDiscount;
  readonly reason: PriceReason;
  readonly authorizedBy: string | null;
}

export interface BasketLine {
  readonly lineId: string;
  readonly code: string;
  readonly item: ItemSnapshot;
  /** Count for items sold by each, net grams for items sold by weight. */
  readonly quantity: number;
  /** The price printed on a variable-measure label; the line is then one unit at this price. */
  readonly labelPrice: number | null;
  readonly tareGrams: number;
  readonly override: PriceOverride | null;
  readonly manualDiscount: ManualDiscount | null;
}

export interface CouponEntry {
  readonly entryId: string;
  readonly coupon: Coupon;
}

export interface Customer {
  readonly memberId: string | null;
  readonly taxExemptCertificate: string | null;
}

export interface Basket {
  readonly basketId: string;
  readonly laneId: string;
  readonly currency: string;
  readonly taxMode: TaxMode;
  readonly openedAt: string;
  /** The store's local date at opening; promotions run by it. */
  readonly businessDate: string;
  readonly lines: readonly BasketLine[];
  readonly coupons: readonly CouponEntry[];
  readonly customer: Customer;
  readonly tenders: readonly Tender[];
  readonly status: 'open' | 'completed' | 'cancelled';
  readonly saleId: string | null;
  /** The tickets of the suspended baskets resumed into this one. */
  readonly resumedFrom: readonly string[];
  /** The buyer's age as an attendant checked it; absent until someone has. */
  readonly ageVerification?: AgeVerification | null;
}

export interface AgeVerification {
  readonly buyerAge: number;
  readonly authorizedBy: string;
}

const NO_CUSTOMER: Customer = { memberId: null, taxExemptCertificate: null };

function changeLine(basket: Basket, lineId: string, change: (line: BasketLine) => BasketLine): Basket {
  return { ...basket, lines: basket.lines.map((line) => (line.lineId === lineId ? change(line) : line)) };
}

/** Folds one event into the basket. Events are facts: applying them never fails validation. */
export function applyEvent(basket: Basket | null, event: BasketEvent): Basket {
  if (event.type === 'basket.opened') {
    if (basket) throw new Error(`basket ${basket.basketId} is already open`);
    return {
      basketId: event.basketId,
      laneId: event.laneId,
      currency: event.currency,
      taxMode: event.taxMode,
      openedAt: event.openedAt,
      // Journals written before the business date was recorded: the UTC date of opening.
      businessDate: event.businessDate ?? event.openedAt.slice(0, 10),
      lines: [],
      coupons: [],
      customer: NO_CUSTOMER,
      tenders: [],
      status: 'open',
      saleId: null,
      resumedFrom: [],
    };
  }
  if (!basket) throw new Error(`${event.type} before basket.opened`);
  switch (event.type) {
    case 'line.added':
      return {
        ...basket,
        lines: [
          ...basket.lines,
          {
            lineId: event.lineId,
            code: event.code,
            item: event.item,
            quantity: event.quantity,
            labelPrice: event.labelPrice ?? null,
            tareGrams: event.tareGrams ?? 0,
            override: null,
            manualDiscount: null,
          },
        ],
      };
    case 'line.quantityChanged':
      return changeLine(basket, event.lineId, (line) => ({ ...line, quantity: event.quantity }));
    case 'line.voided':
      return { ...basket, lines: basket.lines.filter((line) => line.lineId !== event.lineId) };
    case 'line.priceOverridden':
      return changeLine(basket, event.lineId, (line) => ({
        ...line,
        override: { unitPrice: event.unitPrice, reason: event.reason, authorizedBy: event.authorizedBy },
      }));
    case 'line.discounted':
      return changeLine(basket, event.lineId, (line) => ({
        ...line,
        manualDiscount: { discount: event.discount, reason: event.reason, authorizedBy: event.authorizedBy },
      }));
    case 'coupon.added':
      return { ...basket, coupons: [...basket.coupons, { entryId: event.entryId, coupon: event.coupon }] };
    case 'coupon.removed':
      return { ...basket, coupons: basket.coupons.filter((entry) => entry.entryId !== event.entryId) };
    case 'customer.identified':
      return { ...basket, customer: { ...basket.customer, memberId: event.memberId } };
    case 'customer.taxExempt':
      return { ...basket, customer: { ...basket.customer, taxExemptCertificate: event.certificate } };
    case 'age.verified':
      return { ...basket, ageVerification: { buyerAge: event.buyerAge, authorizedBy: event.authorizedBy } };
    case 'basket.resumed':
      return { ...basket, resumedFrom: [...basket.resumedFrom, event.ticket] };
    case 'tender.approved':
      return { ...basket, tenders: [...basket.tenders, event.tender] };
    case 'basket.completed':
      return { ...basket, status: 'completed', saleId: event.saleId };
    case 'basket.cancelled':
      return { ...basket, status: 'cancelled' };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown basket event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** What the tenders have paid towards the total: cash rounding is the currency's, not the sale's. */
export function settledAmount(basket: Pick<Basket, 'tenders'>): number {
  return basket.tenders.reduce((sum, tender) => sum + tender.amount - (tender.method === 'cash' ? tender.rounding : 0), 0);
}

export function replay(events: readonly BasketEvent[]): Basket {
  let basket: Basket | null = null;
  for (const event of events) basket = applyEvent(basket, event);
  if (!basket) throw new Error('an empty journal holds no basket');
  return basket;
}
