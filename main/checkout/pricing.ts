import type { AppliedSaving, BasketLineView, BasketView, CouponView, DiscountSource, LineDiscountView, TenderView } from '../../common/basket.ts';
import type { TaxCategory } from '../../common/catalog.ts';
import { roundHalfUp, type Minor } from '../../common/money.ts';
import { basisPoints, type Promotion } from '../../common/promotions.ts';
import { ageCheckNeeded } from './age-check.ts';
import { allocate } from './allocate.ts';
import { settledAmount, type Basket, type BasketLine } from './basket.ts';
import type { Tender } from './events.ts';
import { businessDate } from './customer.ts';
import { isActive, promotionSavings, targets, type LineSaving, type PromotableLine } from './promotions.ts';
import { cashRounded, computeTax, defaultCashIncrement, type TaxRounding } from './tax.ts';

const GRAMS_PER_KG = 1000;
const SOURCE_ORDER: readonly DiscountSource[] = ['promotion', 'member', 'manual', 'coupon', 'threshold'];
const BASIS = 10_000;

/** Everything besides the basket that its price depends on: the store's tax and promotion setup. */
export interface PricingRules {
  readonly taxCategories: ReadonlyMap<string, TaxCategory>;
  readonly promotions: readonly Promotion[];
  readonly taxRounding: TaxRounding;
  /** Smallest coin for cash payments, in minor units (5 for CHF); null = the currency's usual one. */
  readonly cashIncrement: number | null;
  /**
   * Whether manufacturer coupons lower the taxable amount. Many US states tax the price before a
   * manufacturer coupon (the maker reimburses the store); store coupons always lower it.
   */
  readonly manufacturerCouponsReduceTax: boolean;
}

export function pricingRules(taxCategories: Iterable<TaxCategory>, options: Partial<Omit<PricingRules, 'taxCategories'>> = {}): PricingRules {
  return {
    taxCategories: new Map([...taxCategories].map((category) => [category.code, category])),
    promotions: options.promotions ?? [],
    taxRounding: options.taxRounding ?? 'invoice',
    cashIncrement: options.cashIncrement ?? null,
    manufacturerCouponsReduceTax: options.manufacturerCouponsReduceTax ?? true,
  };
}

/** The unit price a line is charged at: the operator's override, else the catalog's. */
function chargedUnitPrice(line: BasketLine): Minor {
  return line.override ? line.override.unitPrice : line.item.unitPrice;
}

/** Price of one line before savings: the label's price, unit price × count, or price per kg × grams. */
export function extendedPrice(line: BasketLine): Minor {
  if (line.labelPrice !== null) return line.labelPrice;
  const unitPrice = chargedUnitPrice(line);
  return line.item.soldBy === 'weight' ? roundHalfUp(unitPrice * line.quantity, GRAMS_PER_KG) : unitPrice * line.quantity;
}

function promotable(line: BasketLine): PromotableLine {
  const weighed = line.item.soldBy === 'weight' && line.labelPrice === null;
  return {
    lineId: line.lineId,
    item: line.item,
    quantity: line.quantity,
    kind: weighed || line.labelPrice !== null ? 'whole' : 'each',
    unitPrice: chargedUnitPrice(line),
    extendedPrice: extendedPrice(line),
    grams: weighed ? line.quantity : null,
  };
}

const unitsOf = (line: BasketLine): number => (line.item.soldBy === 'weight' || line.labelPrice !== null ? 1 : line.quantity);

interface Working {
  readonly line: BasketLine;
  readonly extended: Minor;
  readonly discounts: LineDiscountView[];
  /** Manufacturer coupon money on this line (kept out of the taxable amount reduction when configured). */
  manufacturerCoupons: Minor;
}

const remaining = (work: Working): Minor => work.extended - work.discounts.reduce((sum, discount) => sum + discount.amount, 0);

/** Spreads `amount` over lines by what is left on them, so no line goes below zero. */
function spread(works: readonly Working[], amount: Minor, discount: Omit<LineDiscountView, 'amount'>): Map<string, Minor> {
  const parts = allocate(amount, works.map((work) => ({ key: work.line.lineId, weight: remaining(work) })));
  for (const work of works) {
    const part = parts.get(work.line.lineId) ?? 0;
    if (part > 0) work.discounts.push({ ...discount, amount: part });
  }
  return parts;
}

function applyManualDiscount(work: Working): void {
  const manual = work.line.manualDiscount;
  if (!manual) return;
  const left = remaining(work);
  const amount = manual.discount.kind === 'percent' ? roundHalfUp(left * manual.discount.basisPoints, BASIS) : Math.min(manual.discount.amount, left);
  if (amount > 0) work.discounts.push({ source: 'manual', id: manual.reason, label: `Discount (${manual.reason.replaceAll('-', ' ')})`, amount });
}

function applyCoupons(basket: Basket, works: readonly Working[]): CouponView[] {
  const day = businessDate(basket);
  const redeemed = new Map<string, number>();
  return basket.coupons.map((entry) => {
    const { coupon } = entry;
    const qualifying = works.filter((work) => targets(coupon.target, work.line.item));
    const units = qualifying.reduce((sum, work) => sum + unitsOf(work.line), 0);
    const times = (redeemed.get(coupon.id) ?? 0) + 1;
    const left = qualifying.reduce((sum, work) => sum + remaining(work), 0);
    const inDate = (coupon.validFrom === undefined || day >= coupon.validFrom) && (coupon.validTo === undefined || day <= coupon.validTo);
    let amount = 0;
    if (inDate && units >= coupon.minQuantity * times && left > 0) {
      amount = Math.min(left, coupon.amountOff ?? roundHalfUp(left * basisPoints(coupon.percentOff ?? 0), BASIS));
    }
    if (amount > 0) {
      redeemed.set(coupon.id, times);
      const parts = spread(qualifying, amount, { source: 'coupon', id: coupon.id, label: coupon.label });
      if (coupon.issuer === 'manufacturer') {
        for (const work of qualifying) work.manufacturerCoupons += parts.get(work.line.lineId) ?? 0;
      }
    }
    return { entryId: entry.entryId, couponId: coupon.id, label: coupon.label, issuer: coupon.issuer, amount, applied: amount > 0 };
  });
}

/** The best basket threshold reached (on the amount after item promotions), spread over its lines. */
function applyThreshold(active: readonly Promotion[], works: readonly Working[], beforeCoupons: ReadonlyMap<string, Minor>): void {
  let best: { promotion: Promotion; amount: Minor; lines: Working[] } | null = null;
  for (const promotion of active) {
    if (promotion.type !== 'basket-threshold') continue;
    const lines = works.filter((work) => work.line.item.department === undefined || !promotion.excludeDepartments.includes(work.line.item.department));
    const qualifying = lines.reduce((sum, work) => sum + (beforeCoupons.get(work.line.lineId) ?? 0), 0);
    if (qualifying < promotion.threshold) continue;
    const left = lines.reduce((sum, work) => sum + remaining(work), 0);
    const reward = promotion.amountOff ?? roundHalfUp(qualifying * basisPoints(promotion.percentOff ?? 0), BASIS);
    const amount = Math.min(left, reward);
    if (amount > 0 && (!best || amount > best.amount || (amount === best.amount && promotion.id < best.promotion.id))) best = { promotion, amount, lines };
  }
  if (best) spread(best.lines, best.amount, { source: 'threshold', id: best.promotion.id, label: best.promotion.label });
}

/**
 * Everything a screen or receipt shows of a basket, priced: savings in a fixed order (item
 * promotions and member prices, the operator's line discounts, coupons, then the best basket
 * threshold), every one allocated to lines to the minor unit and never below zero; then tax on
 * the discounted amounts; then what each line costs the shopper, which sums to the total.
 */
export function priceBasket(basket: Basket, rules: PricingRules): BasketView {
  const day = businessDate(basket);
  const member = basket.customer.memberId !== null;
  const active = rules.promotions.filter((promotion) => isActive(promotion, day, member));
  const works: Working[] = basket.lines.map((line) => ({ line, extended: extendedPrice(line), discounts: [], manufacturerCoupons: 0 }));
  const byLine = new Map(works.map((work) => [work.line.lineId, work]));

  const savings: LineSaving[] = promotionSavings(
    basket.lines.filter((line) => line.override === null).map(promotable),
    active,
  );
  for (const saving of savings) byLine.get(saving.lineId)?.discounts.push({ source: saving.source, id: saving.id, label: saving.label, amount: saving.amount });
  for (const work of works) applyManualDiscount(work);
  const beforeCoupons = new Map(works.map((work) => [work.line.lineId, remaining(work)]));
  const coupons = applyCoupons(basket, works);
  applyThreshold(active, works, beforeCoupons);

  const exempt = basket.customer.taxExemptCertificate !== null;
  const taxed = computeTax(
    works.map((work) => ({
      lineId: work.line.lineId,
      category: work.line.item.taxCategory,
      taxable: remaining(work) + (rules.manufacturerCouponsReduceTax || basket.taxMode === 'inclusive' ? 0 : work.manufacturerCoupons),
    })),
    rules.taxCategories,
    basket.taxMode,
    rules.taxRounding,
  );
  // An exempt shopper pays no sales tax, and with VAT-inclusive prices the VAT is taken out.
  const taxes = exempt ? [] : taxed.taxes;

  const lines: BasketLineView[] = works.map((work) => {
    const { line } = work;
    const discountTotal = work.extended - remaining(work);
    const netPrice = remaining(work);
    const lineTax = taxed.perLine.get(line.lineId) ?? 0;
    const amountPaid = basket.taxMode === 'exclusive' ? netPrice + (exempt ? 0 : lineTax) : netPrice - (exempt ? lineTax : 0);
    return {
      lineId: line.lineId,
      itemId: line.item.itemId,
      name: line.item.name,
      code: line.code,
      soldBy: line.labelPrice !== null ? 'each' : line.item.soldBy,
      quantity: line.quantity,
      unitPrice: line.labelPrice ?? chargedUnitPrice(line),
      extendedPrice: work.extended,
      priceSource: line.labelPrice !== null ? 'label' : line.override ? 'override' : 'catalog',
      regularUnitPrice: line.override ? line.item.unitPrice : null,
      tareGrams: line.tareGrams,
      discounts: work.discounts,
      discountTotal,
      netPrice,
      tax: exempt ? 0 : lineTax,
      amountPaid,
      taxCategory: line.item.taxCategory,
      minimumAge: line.item.minimumAge,
    };
  });

  const applied = new Map<string, AppliedSaving>();
  for (const line of lines) {
    for (const discount of line.discounts) {
      const key = `${discount.source}|${discount.id}`;
      const existing = applied.get(key);
      applied.set(key, existing ? { ...existing, amount: existing.amount + discount.amount } : { ...discount });
    }
  }

  const subtotal = lines.reduce((sum, line) => sum + line.extendedPrice, 0);
  const discountTotal = lines.reduce((sum, line) => sum + line.discountTotal, 0);
  const taxTotal = taxes.reduce((sum, tax) => sum + tax.tax, 0);
  const total = lines.reduce((sum, line) => sum + line.amountPaid, 0);
  const paid = settledAmount(basket);
  const due = Math.max(0, total - paid);
  const increment = rules.cashIncrement ?? defaultCashIncrement(basket.currency);
  const cashDue = cashRounded(due, increment);
  return {
    basketId: basket.basketId,
    currency: basket.currency,
    taxMode: basket.taxMode,
    lines,
    itemCount: basket.lines.reduce((count, line) => count + unitsOf(line), 0),
    subtotal,
    discountTotal,
    savings: [...applied.values()].sort((a, b) => SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    coupons,
    customer: { memberId: basket.customer.memberId, taxExempt: exempt },
    taxRounding: rules.taxRounding,
    taxes,
    taxTotal,
    total,
    paid,
    due,
    cash: { increment, due: cashDue, rounding: cashDue - due },
    tenders: basket.tenders.map(tenderView),
    ageCheckRequired: ageCheckNeeded(basket) !== null,
  };
}

/** What a screen and a receipt may show of a tender. */
function tenderView(tender: Tender): TenderView {
  switch (tender.method) {
    case 'card': {
      const { tenderId, method, amount, brand, last4, authCode, reference } = tender;
      return { tenderId, method, amount, brand, last4, authCode, reference };
    }
    case 'cash': {
      const { tenderId, method, amount, tendered, change, rounding } = tender;
      return { tenderId, method, amount, tendered, change, rounding };
    }
    case 'gift-card': {
      const { tenderId, method, amount, last4, balanceAfter } = tender;
      return { tenderId, method, amount, last4, balanceAfter };
    }
    default: {
      const unreachable: never = tender;
      throw new Error(`unknown tender ${JSON.stringify(unreachable)}`);
    }
  }
}
