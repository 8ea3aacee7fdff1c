import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addItem,
  addWeighedItem,
  contribution,
  planReturn,
  priceBasket,
  pricingRules,
  returnableUnits,
  type RefundableTender,
} from '../../../main/checkout/index.ts';
import { ITEMS, promotion, TAX, Till } from './basket-builder.ts';

const EACH = Object.values(ITEMS).filter((item) => item.soldBy === 'each' && item.minimumAge === null);
const WEIGHED = Object.values(ITEMS).filter((item) => item.soldBy === 'weight');

const PROMOTIONS = [
  promotion({ id: 'yog-3', type: 'multi-buy', label: 'Yogurt 3 for 3.50', target: { items: ['greek-plain', 'greek-peach'] }, quantity: 3, price: 350 }),
  promotion({ id: 'bread-10', type: 'percent-off', label: 'Bread 10% off', target: { departments: ['Bakery'] }, percentOff: 10 }),
  promotion({ id: 'over-20', type: 'basket-threshold', label: '2.00 off over 20.00', threshold: 2000, amountOff: 200 }),
];

/** A sale: lines of several units and weighed lines, priced with promotions, paid by up to three tenders. */
const sale = fc.record({
  each: fc.array(fc.record({ item: fc.constantFrom(...EACH), quantity: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 6 }),
  weighed: fc.array(fc.record({ item: fc.constantFrom(...WEIGHED), grams: fc.integer({ min: 50, max: 3000 }) }), { maxLength: 2 }),
  promotions: fc.boolean(),
  /** Card, gift card and cash shares of the total, as weights. */
  split: fc.tuple(fc.nat({ max: 10 }), fc.nat({ max: 10 }), fc.nat({ max: 10 })),
  cashRounding: fc.integer({ min: -2, max: 2 }),
});

/** How an operator returns: a chunk size per return, and the order lines are picked in. */
const returnsPlan = fc.record({
  chunks: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }),
  linesPerReturn: fc.integer({ min: 1, max: 3 }),
  seed: fc.nat(),
});

type Sale = typeof sale extends fc.Arbitrary<infer T> ? T : never;

function priced(s: Sale) {
  const rules = pricingRules(TAX, s.promotions ? { promotions: PROMOTIONS } : {});
  const till = new Till();
  for (const { item, quantity } of s.each) till.do((basket, ctx) => addItem(basket, `${item.itemId}-${quantity}`, item, ctx, quantity));
  for (const { item, grams } of s.weighed) till.do((basket, ctx) => addWeighedItem(basket, item.itemId, item, grams, ctx));
  const view = priceBasket(till.basket, rules);
  const [cardWeight, giftWeight, cashWeight] = s.split;
  const weights = cardWeight + giftWeight + cashWeight === 0 ? [1, 0, 0] : [cardWeight, giftWeight, cashWeight];
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const card = Math.floor((view.total * (weights[0] ?? 0)) / totalWeight);
  const gift = Math.floor((view.total * (weights[1] ?? 0)) / totalWeight);
  const cash = view.total - card - gift;
  const tenders: RefundableTender[] = [];
  // Listed cash first on purpose: the refund order must not depend on the order tenders were taken.
  if (cash > 0) tenders.push({ tenderId: 't-cash', method: 'cash', amount: cash + s.cashRounding, rounding: s.cashRounding });
  if (gift > 0) tenders.push({ tenderId: 't-gift', method: 'gift-card', amount: gift });
  if (card > 0) tenders.push({ tenderId: 't-card', method: 'card', amount: card });
  return { lines: view.lines, tenders, total: view.total };
}

describe('returns by receipt', () => {
  it('returning every line in any number of partial returns refunds each tender exactly what it paid, never more', () => {
    fc.assert(
      fc.property(sale, returnsPlan, (s, how) => {
        const { lines, tenders, total } = priced(s);
        const returnedUnits = new Map<string, number>();
        const refunded = new Map<string, number>();
        let refundedTotal = 0;
        const left = (): typeof lines => lines.filter((line) => (returnedUnits.get(line.lineId) ?? 0) < returnableUnits(line));
        // Every loop round returns at least one unit, so it ends within the number of units sold.
        const unitsSold = lines.reduce((sum, line) => sum + returnableUnits(line), 0);
        for (let round = 0; left().length > 0 && round <= unitsSold; round += 1) {
          const open = left();
          const start = (how.seed + round) % open.length;
          const picked = [...open.slice(start), ...open.slice(0, start)].slice(0, how.linesPerReturn);
          const chunk = how.chunks[round % how.chunks.length] ?? 1;
          const selection = picked.map((line) => ({
            lineId: line.lineId,
            quantity: line.soldBy === 'weight' ? 1 : Math.min(chunk, returnableUnits(line) - (returnedUnits.get(line.lineId) ?? 0)),
          }));
          const plan = planReturn({ lines, tenders }, { returnedUnits, refunded }, selection);
          expect(plan.refunds.reduce((sum, refund) => sum + refund.amount, 0)).toBe(plan.total);
          for (const refund of plan.refunds) {
            expect(refund.amount).toBeGreaterThan(0);
            refunded.set(refund.tenderId, (refunded.get(refund.tenderId) ?? 0) + refund.amount);
          }
          for (const line of plan.lines) returnedUnits.set(line.line.lineId, (returnedUnits.get(line.line.lineId) ?? 0) + line.units);
          for (const tender of tenders) expect(refunded.get(tender.tenderId) ?? 0).toBeLessThanOrEqual(contribution(tender));
          refundedTotal += plan.total;
        }
        expect(left()).toEqual([]);
        expect(refundedTotal).toBe(total);
        for (const tender of tenders) expect(refunded.get(tender.tenderId) ?? 0).toBe(contribution(tender));
        // Nothing more can come back: every line refuses one more unit.
        for (const line of lines) {
          expect(() => planReturn({ lines, tenders }, { returnedUnits, refunded }, [{ lineId: line.lineId, quantity: 1 }])).toThrowError(
            expect.objectContaining({ code: 'ALREADY_RETURNED' }) as Error,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refunds the card first, then the gift card, and cash last', () => {
    const lines = [{ lineId: 'l1', name: 'Ribeye', code: 'r', soldBy: 'each' as const, quantity: 2, amountPaid: 3000 }];
    const tenders: RefundableTender[] = [
      { tenderId: 'cash', method: 'cash', amount: 1000, rounding: 0 },
      { tenderId: 'gift', method: 'gift-card', amount: 500 },
      { tenderId: 'card', method: 'card', amount: 1500 },
    ];
    const first = planReturn({ lines, tenders }, { returnedUnits: new Map(), refunded: new Map() }, [{ lineId: 'l1', quantity: 1 }]);
    expect(first.refunds).toEqual([{ tenderId: 'card', method: 'card', amount: 1500 }]);
    const second = planReturn({ lines, tenders }, { returnedUnits: new Map([['l1', 1]]), refunded: new Map([['card', 1500]]) }, [{ lineId: 'l1', quantity: 1 }]);
    expect(second.refunds).toEqual([
      { tenderId: 'gift', method: 'gift-card', amount: 500 },
      { tenderId: 'cash', method: 'cash', amount: 1000 },
    ]);
  });

  it('returns a weighed line whole, and refuses a part of it', () => {
    const lines = [{ lineId: 'w1', name: 'Honeycrisp Apples', code: 'h', soldBy: 'weight' as const, quantity: 1234, amountPaid: 813 }];
    const tenders: RefundableTender[] = [{ tenderId: 'card', method: 'card', amount: 813 }];
    const history = { returnedUnits: new Map<string, number>(), refunded: new Map<string, number>() };
    expect(() => planReturn({ lines, tenders }, history, [{ lineId: 'w1', quantity: 2 }])).toThrowError(/returned whole/);
    expect(planReturn({ lines, tenders }, history, [{ lineId: 'w1', quantity: 1 }]).total).toBe(813);
  });

  it('refuses a line the sale does not have, and a line picked twice', () => {
    const lines = [{ lineId: 'l1', name: 'Cola', code: 'c', soldBy: 'each' as const, quantity: 3, amountPaid: 900 }];
    const tenders: RefundableTender[] = [{ tenderId: 'card', method: 'card', amount: 900 }];
    const history = { returnedUnits: new Map<string, number>(), refunded: new Map<string, number>() };
    expect(() => planReturn({ lines, tenders }, history, [{ lineId: 'nope', quantity: 1 }])).toThrowError(expect.objectContaining({ code: 'UNKNOWN_LINE' }) as Error);
    expect(() => planReturn({ lines, tenders }, history, [{ lineId: 'l1', quantity: 1 }, { lineId: 'l1', quantity: 1 }])).toThrowError(/picked twice/);
  });
});
