import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BasketView } from '../../../common/basket.ts';
import type { ItemSnapshot } from '../../../common/catalog.ts';
import type { Coupon, Promotion } from '../../../common/promotions.ts';
import {
  addCoupon,
  addItem,
  addLabelledItem,
  addWeighedItem,
  discountLine,
  exemptFromTax,
  identifyMember,
  overridePrice,
  priceBasket,
  pricingRules,
  refundForUnits,
  type Basket,
  type PricingRules,
} from '../../../main/checkout/index.ts';
import { coupon, ITEMS, promotion, TAX, Till } from './basket-builder.ts';

const POOL: ItemSnapshot[] = Object.values(ITEMS);
const IDS = POOL.map((item) => item.itemId);
const DEPARTMENTS = [...new Set(POOL.map((item) => item.department ?? ''))];

const target = fc.record({
  items: fc.subarray(IDS, { minLength: 0, maxLength: 6 }),
  departments: fc.subarray(DEPARTMENTS, { minLength: 0, maxLength: 2 }),
}).filter((t) => t.items.length + t.departments.length > 0);

const percent = fc.integer({ min: 1, max: 10_000 }).map((bp) => bp / 100);

const promotionArb: fc.Arbitrary<Promotion> = fc.oneof(
  fc.record({ type: fc.constant('multi-buy'), target, quantity: fc.integer({ min: 2, max: 5 }), price: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ type: fc.constant('mix-and-match'), target, quantity: fc.integer({ min: 2, max: 6 }), price: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ type: fc.constant('buy-get'), target, buy: fc.integer({ min: 1, max: 3 }), get: fc.integer({ min: 1, max: 2 }), percentOff: percent }),
  fc.record({ type: fc.constant('percent-off'), target, percentOff: percent, membersOnly: fc.boolean() }),
  fc.record({ type: fc.constant('amount-off'), target, amountOff: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ type: fc.constant('member-price'), target, price: fc.integer({ min: 0, max: 2000 }) }),
  fc.record({ type: fc.constant('basket-threshold'), threshold: fc.integer({ min: 1, max: 20_000 }), amountOff: fc.integer({ min: 1, max: 3000 }), excludeDepartments: fc.subarray(DEPARTMENTS, { maxLength: 2 }) }),
  fc.record({ type: fc.constant('basket-threshold'), threshold: fc.integer({ min: 1, max: 20_000 }), percentOff: percent }),
).map((data) => data as Record<string, unknown>)
  .chain((data) => fc.integer({ min: 0, max: 9999 }).map((n) => promotion({ ...data, id: `p${n}`, label: `Promo ${n}` })));

const couponArb: fc.Arbitrary<Coupon> = fc
  .record({
    issuer: fc.constantFrom('manufacturer', 'store'),
    target,
    minQuantity: fc.integer({ min: 1, max: 3 }),
    reward: fc.oneof(fc.record({ amountOff: fc.integer({ min: 1, max: 3000 }) }), fc.record({ percentOff: percent })),
    n: fc.integer({ min: 0, max: 99 }),
  })
  .map(({ reward, n, ...rest }) => coupon({ ...rest, ...reward, id: `c${n}`, label: `Coupon ${n}`, code: `99${String(n).padStart(11, '0')}`, limitPerBasket: 3 }));

type Step =
  | { kind: 'item'; index: number; quantity: number }
  | { kind: 'weigh'; index: number; grams: number }
  | { kind: 'label'; index: number; price: number }
  | { kind: 'override'; line: number; price: number }
  | { kind: 'discount'; line: number; basisPoints: number | null; amount: number }
  | { kind: 'coupon'; coupon: Coupon };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('item' as const), index: fc.nat(POOL.length - 1), quantity: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('weigh' as const), index: fc.nat(POOL.length - 1), grams: fc.integer({ min: 19, max: 5000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('label' as const), index: fc.nat(POOL.length - 1), price: fc.integer({ min: 1, max: 9999 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('override' as const), line: fc.nat(30), price: fc.integer({ min: 0, max: 5000 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('discount' as const), line: fc.nat(30), basisPoints: fc.option(fc.integer({ min: 1, max: 10_000 })), amount: fc.integer({ min: 1, max: 5000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('coupon' as const), coupon: couponArb }) },
);

const scenario = fc.record({
  taxMode: fc.constantFrom('exclusive' as const, 'inclusive' as const),
  taxRounding: fc.constantFrom('line' as const, 'invoice' as const),
  manufacturerCouponsReduceTax: fc.boolean(),
  member: fc.boolean(),
  exempt: fc.boolean(),
  promotions: fc.uniqueArray(promotionArb, { maxLength: 12, selector: (p) => p.id }),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 25 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Builds the basket the steps describe; steps the engine refuses (a clear error) are skipped. */
function build(s: Scenario): { basket: Basket; rules: PricingRules } {
  const till = new Till({ taxMode: s.taxMode });
  if (s.member) till.do((b) => identifyMember(b, 'M-1'));
  if (s.exempt) till.do((b) => exemptFromTax(b, 'EX-1', null));
  for (const step of s.steps) {
    try {
      switch (step.kind) {
        case 'item': {
          const item = POOL[step.index] as ItemSnapshot;
          till.do((b, ctx) => (item.soldBy === 'weight' ? addWeighedItem(b, item.itemId, item, step.quantity * 100, ctx) : addItem(b, item.itemId, item, ctx, step.quantity)));
          break;
        }
        case 'weigh': {
          const item = POOL[step.index] as ItemSnapshot;
          till.do((b, ctx) => addWeighedItem(b, item.itemId, { ...item, soldBy: 'weight' }, step.grams, ctx));
          break;
        }
        case 'label': {
          const item = POOL[step.index] as ItemSnapshot;
          till.do((b, ctx) => addLabelledItem(b, `2${step.index}`, item, { measure: 'price', value: step.price }, ctx));
          break;
        }
        case 'override':
          if (till.basket.lines.length > 0) till.do((b) => overridePrice(b, till.line(step.line % b.lines.length), step.price, 'price-match', null));
          break;
        case 'discount':
          if (till.basket.lines.length > 0) {
            const discount = step.basisPoints === null ? { kind: 'amount' as const, amount: step.amount } : { kind: 'percent' as const, basisPoints: step.basisPoints };
            till.do((b) => discountLine(b, till.line(step.line % b.lines.length), discount, 'damaged', null));
          }
          break;
        case 'coupon':
          till.do((b, ctx) => addCoupon(b, step.coupon, ctx));
          break;
        default: {
          const unreachable: never = step;
          throw new Error(String(unreachable));
        }
      }
    } catch (error) {
      if (!(error instanceof Error) || !('code' in error)) throw error;
    }
  }
  const rules = pricingRules(TAX, { promotions: s.promotions, taxRounding: s.taxRounding, manufacturerCouponsReduceTax: s.manufacturerCouponsReduceTax });
  return { basket: till.basket, rules };
}

const byLine = (view: BasketView): Record<string, unknown> => Object.fromEntries(view.lines.map((line) => [line.lineId, [line.discounts, line.tax, line.amountPaid]]));

const RUNS = { numRuns: 300 };

describe('pricing properties', () => {
  it('the total is the lines minus their discounts plus tax (exclusive), and the sum of what each line costs', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const view = priceBasket(build(s).basket, build(s).rules);
        const lines = view.lines.reduce((sum, line) => sum + line.extendedPrice, 0);
        const discounts = view.lines.reduce((sum, line) => sum + line.discountTotal, 0);
        expect(view.subtotal).toBe(lines);
        expect(view.discountTotal).toBe(discounts);
        if (s.taxMode === 'exclusive') expect(view.total).toBe(lines - discounts + view.taxTotal);
        else if (!s.exempt) expect(view.total).toBe(lines - discounts);
        expect(view.total).toBe(view.lines.reduce((sum, line) => sum + line.amountPaid, 0));
        expect(view.taxTotal).toBe(view.taxes.reduce((sum, tax) => sum + tax.tax, 0));
        if (!s.exempt) expect(view.taxTotal).toBe(view.lines.reduce((sum, line) => sum + line.tax, 0));
      }),
      RUNS,
    );
  });

  it('the same basket always prices the same, whatever the order of its lines', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (s, seed) => {
        const { basket, rules } = build(s);
        const first = priceBasket(basket, rules);
        expect(priceBasket(basket, rules)).toEqual(first);
        const shuffled = [...basket.lines].sort((a, b) => ((a.lineId.charCodeAt(a.lineId.length - 1) * 31 + seed) % 7) - ((b.lineId.charCodeAt(b.lineId.length - 1) * 31 + seed) % 7) || (a.lineId < b.lineId ? 1 : -1));
        const reordered = priceBasket({ ...basket, lines: shuffled }, rules);
        expect(reordered.total).toBe(first.total);
        expect(byLine(reordered)).toEqual(byLine(first));
      }),
      RUNS,
    );
  });

  it('no promotion, coupon or discount makes a line negative', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const view = priceBasket(build(s).basket, build(s).rules);
        for (const line of view.lines) {
          expect(line.netPrice).toBeGreaterThanOrEqual(0);
          expect(line.amountPaid).toBeGreaterThanOrEqual(0);
          expect(line.discountTotal).toBeLessThanOrEqual(line.extendedPrice);
          for (const discount of line.discounts) expect(discount.amount).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('the discounts allocated to lines add up exactly to each saving and to the basket discount', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const view = priceBasket(build(s).basket, build(s).rules);
        for (const saving of view.savings) {
          const allocated = view.lines.flatMap((line) => line.discounts).filter((d) => d.source === saving.source && d.id === saving.id);
          expect(allocated.reduce((sum, d) => sum + d.amount, 0)).toBe(saving.amount);
        }
        expect(view.savings.reduce((sum, saving) => sum + saving.amount, 0)).toBe(view.discountTotal);
        const couponTotal = view.coupons.reduce((sum, c) => sum + c.amount, 0);
        expect(view.savings.filter((saving) => saving.source === 'coupon').reduce((sum, saving) => sum + saving.amount, 0)).toBe(couponTotal);
      }),
      RUNS,
    );
  });

  it('a full refund of all lines, in any number of returns, gives back exactly what was paid', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 8 }), (s, chunks) => {
        const view = priceBasket(build(s).basket, build(s).rules);
        let refunded = 0;
        for (const line of view.lines) {
          const units = line.soldBy === 'weight' ? 1 : line.quantity;
          let returned = 0;
          let lineRefund = 0;
          for (let i = 0; returned < units; i += 1) {
            const take = Math.min(units - returned, chunks[i % chunks.length] ?? 1);
            const part = refundForUnits(line, returned, take);
            expect(part).toBeGreaterThanOrEqual(0);
            lineRefund += part;
            returned += take;
          }
          expect(lineRefund).toBe(line.amountPaid);
          refunded += lineRefund;
        }
        expect(refunded).toBe(view.total);
      }),
      RUNS,
    );
  });
});
