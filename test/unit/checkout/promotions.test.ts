import { describe, expect, it } from 'vitest';
import type { BasketView } from '../../../common/basket.ts';
import { PromotionSchema } from '../../../common/promotions.ts';
import {
  addCoupon,
  addItem,
  addWeighedItem,
  identifyMember,
  overridePrice,
  priceBasket,
  pricingRules,
  type Basket,
} from '../../../main/checkout/index.ts';
import { coupon, ITEMS, promotion, TAX, Till } from './basket-builder.ts';

const PROMOTIONS = [
  promotion({ id: 'avocados-3-for-3', type: 'multi-buy', label: 'Avocados 3 for $3', target: { items: ['hass-avocado'] }, quantity: 3, price: 300 }),
  promotion({ id: 'greek-5-for-5', type: 'mix-and-match', label: 'Greek cups 5 for $5', target: { items: ['greek-plain', 'greek-peach'] }, quantity: 5, price: 500 }),
  promotion({ id: 'bread-bogo', type: 'buy-get', label: 'Bread BOGO', target: { departments: ['Bakery'] }, buy: 1, get: 1 }),
  promotion({ id: 'ice-b2g1', type: 'buy-get', label: 'Ice cream B2G1', target: { items: ['ice-vanilla', 'ice-mint'] }, buy: 2, get: 1 }),
  promotion({ id: 'frozen-member-15', type: 'percent-off', label: 'Rewards 15% frozen', target: { departments: ['Frozen'] }, percentOff: 15, membersOnly: true }),
  promotion({ id: 'cereal-20', type: 'percent-off', label: 'Cereal 20% off', target: { items: ['oat-rings'] }, percentOff: 20 }),
  promotion({ id: 'berries-1-off', type: 'amount-off', label: 'Berries $1 off', target: { items: ['strawberries'] }, amountOff: 100 }),
  promotion({ id: 'olives-2-off-kg', type: 'amount-off', label: 'Olives $2 off/kg', target: { items: ['olive-bar'] }, amountOff: 200 }),
  promotion({ id: 'honeycrisp-member', type: 'member-price', label: 'Rewards price', target: { items: ['honeycrisp'] }, price: 549 }),
  promotion({ id: 'basket-10-off-100', type: 'basket-threshold', label: '$10 off $100', threshold: 10_000, amountOff: 1000, excludeDepartments: ['Beer & Wine'] }),
];
const RULES = pricingRules(TAX, { promotions: PROMOTIONS });

const price = (basket: Basket): BasketView => priceBasket(basket, RULES);
const discountsOf = (view: BasketView): number[] => view.lines.map((line) => line.discountTotal);

describe('promotions', () => {
  it('multi-buy: 4 avocados at "3 for $3" make one set of three; the fourth pays full price', () => {
    const till = new Till().do((b, ctx) => addItem(b, '4046', ITEMS.avocado, ctx, 4));
    const view = price(till.basket);
    expect(view.lines[0]?.extendedPrice).toBe(516);
    expect(view.discountTotal).toBe(387 - 300);
    expect(view.savings).toEqual([{ source: 'promotion', id: 'avocados-3-for-3', label: 'Avocados 3 for $3', amount: 87 }]);
  });

  it('mix-and-match: any five Greek cups for $5, the saving spread over the flavours by price', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'p', ITEMS.yogurtPlain, ctx, 3)).do((b, ctx) => addItem(b, 'q', ITEMS.yogurtPeach, ctx, 2));
    const view = price(till.basket);
    // 5 × 1.39 = 6.95 → 5.00: 1.95 off, 417/695 of it on plain and 278/695 on peach.
    expect(discountsOf(view)).toEqual([117, 78]);
    expect(view.discountTotal).toBe(195);
  });

  it('buy one get one: the cheaper bread is free, the saving allocated to both lines to the cent', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'w', ITEMS.whiteBread, ctx)).do((b, ctx) => addItem(b, 'r', ITEMS.ryeBread, ctx));
    const view = price(till.basket);
    expect(view.discountTotal).toBe(299);
    expect(discountsOf(view)).toEqual([128, 171]);
  });

  it('buy two get one: of three ice creams the cheapest is free', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'v', ITEMS.iceVanilla, ctx, 2)).do((b, ctx) => addItem(b, 'm', ITEMS.iceMint, ctx));
    expect(price(till.basket).discountTotal).toBe(549);
  });

  it('percent off rounds half up per unit; amount off is per unit, or per kilogram of a weighed line', () => {
    const till = new Till()
      .do((b, ctx) => addItem(b, 'c', ITEMS.cereal, ctx, 2))
      .do((b, ctx) => addItem(b, 's', ITEMS.strawberries, ctx, 3))
      .do((b, ctx) => addWeighedItem(b, 'o', ITEMS.oliveBar, 500, ctx));
    const view = price(till.basket);
    // 4.29 × 20 % = 0.858 → 0.86 each; $1 × 3; $2/kg × 0.482 kg (500 g − 18 g tare) = 0.964 → 0.96.
    expect(discountsOf(view)).toEqual([172, 300, 96]);
    expect(view.lines[2]?.quantity).toBe(482);
  });

  it('member prices apply only once a loyalty card is scanned, to lines already in the basket too', () => {
    const till = new Till().do((b, ctx) => addWeighedItem(b, '3283', ITEMS.honeycrisp, 1000, ctx));
    expect(price(till.basket).discountTotal).toBe(0);
    till.do((b) => identifyMember(b, '412345678903'));
    const view = price(till.basket);
    expect(view.discountTotal).toBe(659 - 549);
    expect(view.lines[0]?.discounts).toEqual([{ source: 'member', id: 'honeycrisp-member', label: 'Rewards price', amount: 110 }]);
    expect(view.customer).toEqual({ memberId: '412345678903', taxExempt: false });
  });

  it('picks the better of a member percentage and a buy-two-get-one for the same ice creams', () => {
    const member = new Till().do((b) => identifyMember(b, 'M1'));
    member.do((b, ctx) => addItem(b, 'v', ITEMS.iceVanilla, ctx, 2));
    // Two tubs: no set, so 15 % each (5.49 → 0.82).
    expect(price(member.basket).discountTotal).toBe(164);
    member.do((b, ctx) => addItem(b, 'm', ITEMS.iceMint, ctx));
    // Three tubs: the free vanilla (5.49) beats 15 % on all three (0.82 + 0.82 + 0.87 = 2.51).
    const view = price(member.basket);
    expect(view.discountTotal).toBe(549);
    expect(view.savings.map((saving) => saving.id)).toEqual(['ice-b2g1']);
  });

  it('settles deals that share items by the combination that saves most, not the best first set', () => {
    const rules = pricingRules(TAX, {
      promotions: [
        promotion({ id: 'any-3-for-24', type: 'mix-and-match', label: 'Any 3 for $24', target: { items: ['ribeye'] }, quantity: 3, price: 2400 }),
        promotion({ id: 'two-for-15', type: 'multi-buy', label: '2 for $15', target: { items: ['ribeye'] }, quantity: 2, price: 1500 }),
      ],
    });
    const till = new Till().do((b, ctx) => addItem(b, 'r', { ...ITEMS.ribeye, unitPrice: 1000 }, ctx, 4));
    // Best first set: 3 for $24 (saves 6.00), the fourth at full price. Better: two sets of 2 for $15 (saves 10.00).
    const view = priceBasket(till.basket, rules);
    expect(view.discountTotal).toBe(1000);
    expect(view.savings.map((saving) => [saving.id, saving.amount])).toEqual([['two-for-15', 1000]]);
  });

  it('basket threshold: $10 off once the qualifying amount reaches $100, spread over the qualifying lines only', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'r', ITEMS.ribeye, ctx, 6)).do((b, ctx) => addItem(b, 'i', ITEMS.ipa, ctx, 9));
    expect(price(till.basket).discountTotal).toBe(0); // 89.94 of steak; the beer does not count
    till.do((b, ctx) => addItem(b, 'r', ITEMS.ribeye, ctx));
    const view = price(till.basket);
    expect(view.lines.map((line) => line.discounts.map((d) => [d.id, d.amount]))).toEqual([[['basket-10-off-100', 1000]], []]);
  });

  it('a coupon waits until the basket holds what it asks for, then takes its amount off the qualifying lines', () => {
    const c = coupon({ id: 'greek-1-off-2', label: 'Greek $1 off 2', issuer: 'manufacturer', code: '595322321105', target: { items: ['greek-32'] }, minQuantity: 2, amountOff: 100 });
    const till = new Till().do((b, ctx) => addCoupon(b, c, ctx)).do((b, ctx) => addItem(b, 'g', ITEMS.yogurtBig, ctx));
    expect(price(till.basket).coupons).toEqual([expect.objectContaining({ couponId: 'greek-1-off-2', applied: false, amount: 0 })]);
    till.do((b, ctx) => addItem(b, 'g', ITEMS.yogurtBig, ctx));
    const view = price(till.basket);
    expect(view.coupons[0]).toMatchObject({ applied: true, amount: 100 });
    expect(view.lines[0]?.discounts).toEqual([{ source: 'coupon', id: 'greek-1-off-2', label: 'Greek $1 off 2', amount: 100 }]);
  });

  it('refuses the same coupon beyond its limit per basket', () => {
    const c = coupon({ id: 'steak-5', label: '$5 off steak', issuer: 'store', code: '9910000005015', target: { items: ['ribeye'] }, amountOff: 500 });
    const till = new Till().do((b, ctx) => addCoupon(b, c, ctx));
    expect(() => till.do((b, ctx) => addCoupon(b, c, ctx))).toThrowError(expect.objectContaining({ code: 'COUPON_NOT_ACCEPTED' }) as Error);
  });

  it('a coupon worth more than the line never makes it negative', () => {
    const c = coupon({ id: 'steak-50', label: '$50 off steak', issuer: 'store', code: '9910000005015', target: { items: ['ribeye'] }, amountOff: 5000 });
    const till = new Till().do((b, ctx) => addItem(b, 'r', ITEMS.ribeye, ctx)).do((b, ctx) => addCoupon(b, c, ctx));
    const view = price(till.basket);
    expect(view.lines[0]?.netPrice).toBe(0);
    expect(view.coupons[0]?.amount).toBe(1499);
    expect(view.total).toBe(0);
  });

  it('an overridden line takes no item promotion', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cereal, ctx));
    till.do((b) => overridePrice(b, till.line(0), 399, 'price-match', 'op-7'));
    const view = price(till.basket);
    expect(view.lines[0]).toMatchObject({ unitPrice: 399, regularUnitPrice: 429, priceSource: 'override', discountTotal: 0 });
  });

  it('refuses promotion data a till cannot apply exactly, naming the field', () => {
    const bad = (data: Record<string, unknown>): string => {
      const parsed = PromotionSchema.safeParse({ id: 'x', label: 'X', target: { items: ['cola'] }, ...data });
      return parsed.success ? 'accepted' : `${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}`;
    };
    expect(bad({ type: 'percent-off', percentOff: 12.345 })).toBe('percentOff: at most two decimals');
    expect(bad({ type: 'multi-buy', quantity: 1, price: 100 })).toMatch(/^quantity: /);
    expect(bad({ type: 'amount-off', amountOff: 0.5 })).toMatch(/^amountOff: /);
    expect(bad({ type: 'percent-off', percentOff: 12.5 })).toBe('accepted');
  });

  it('ignores promotions outside their dates', () => {
    const dated = pricingRules(TAX, {
      promotions: [promotion({ id: 'cereal-nov', type: 'percent-off', label: 'November', target: { items: ['oat-rings'] }, percentOff: 10, validFrom: '2026-11-01', validTo: '2026-11-21' })],
    });
    const till = new Till({ now: '2026-11-22T10:00:00.000Z' }).do((b, ctx) => addItem(b, 'c', ITEMS.cereal, ctx));
    expect(priceBasket(till.basket, dated).discountTotal).toBe(0);
    const inside = new Till({ now: '2026-11-21T23:00:00.000Z' }).do((b, ctx) => addItem(b, 'c', ITEMS.cereal, ctx));
    expect(priceBasket(inside.basket, dated).discountTotal).toBe(43);
    // 04:00 UTC on the 22nd is still 23:00 on the 21st in New York: the store's date counts.
    const evening = new Till({ now: '2026-11-22T04:00:00.000Z', timeZone: 'America/New_York' }).do((b, ctx) => addItem(b, 'c', ITEMS.cereal, ctx));
    expect(evening.basket.businessDate).toBe('2026-11-21');
    expect(priceBasket(evening.basket, dated).discountTotal).toBe(43);
  });
});
