import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addItem,
  approveTender,
  contribution,
  priceBasket,
  pricingRules,
  refundToTenders,
  tenderCash,
  tenderGiftCard,
  type Basket,
  type BasketEvent,
  type EngineContext,
  type PricingRules,
  type Tender,
} from '../../../main/checkout/index.ts';
import { ITEMS, TAX, Till } from './basket-builder.ts';

const EACH = Object.values(ITEMS).filter((item) => item.soldBy === 'each' && item.minimumAge === null);

/** One tender a shopper might offer for the rest: cash handed over, a card for part, a gift card. */
type Offer = { kind: 'cash'; tendered: number } | { kind: 'card'; part: number } | { kind: 'gift'; balance: number };

const offer: fc.Arbitrary<Offer> = fc.oneof(
  fc.record({ kind: fc.constant('cash' as const), tendered: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ kind: fc.constant('card' as const), part: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ kind: fc.constant('gift' as const), balance: fc.integer({ min: 1, max: 5_000 }) }),
);

function pay(till: Till, rules: PricingRules, next: Offer): void {
  till.do((basket: Basket, ctx: EngineContext): BasketEvent[] => {
    const view = priceBasket(basket, rules);
    switch (next.kind) {
      case 'cash':
        return view.cash.due === 0 ? [] : tenderCash(basket, view, next.tendered, ctx);
      case 'card': {
        const amount = Math.min(next.part, view.due);
        return approveTender(basket, { method: 'card', amount, brand: 'VISA', last4: '0119', authCode: 'A1', reference: `R${basket.tenders.length}`, approvedAt: ctx.now() }, view.due, ctx);
      }
      case 'gift':
        return tenderGiftCard(basket, view, { cardId: `gc_${basket.tenders.length}`, last4: '4321', balance: next.balance, currency: basket.currency }, null, ctx);
      default: {
        const unreachable: never = next;
        throw new Error(String(unreachable));
      }
    }
  });
}

const SETTLE: readonly Offer[] = [
  { kind: 'cash', tendered: 1_000_000 },
  { kind: 'card', part: 1_000_000 },
];

const scenario = fc.record({
  currency: fc.constantFrom('USD', 'CHF'),
  items: fc.array(fc.constantFrom(...EACH), { minLength: 1, maxLength: 8 }),
  offers: fc.array(offer, { minLength: 1, maxLength: 6 }),
});

describe('tenders', () => {
  it('add up to the total after cash rounding, whatever mix pays it, and change is never negative', () => {
    fc.assert(
      fc.property(scenario, ({ currency, items, offers }) => {
        const rules = pricingRules(TAX, { cashIncrement: currency === 'CHF' ? 5 : null });
        const till = new Till({ currency });
        for (const item of items) till.do((basket, ctx) => addItem(basket, item.itemId, item, ctx));
        const total = priceBasket(till.basket, rules).total;
        // Whatever the offers, enough cash settles the sale; a rest too small for a coin goes on a card.
        for (const next of [...offers, ...SETTLE]) {
          if (till.basket.status !== 'open') break;
          pay(till, rules, next);
        }
        expect(till.basket.status).toBe('completed');
        const tenders = till.basket.tenders;
        const rounding = tenders.reduce((sum, tender) => sum + (tender.method === 'cash' ? tender.rounding : 0), 0);
        expect(tenders.reduce((sum, tender) => sum + tender.amount, 0)).toBe(total + rounding);
        expect(tenders.reduce((sum, tender) => sum + contribution(tender), 0)).toBe(total);
        for (const tender of tenders) {
          expect(tender.amount).toBeGreaterThan(0);
          if (tender.method === 'cash') {
            expect(tender.change).toBeGreaterThanOrEqual(0);
            expect(tender.tendered - tender.change).toBe(tender.amount);
            // Only cash that settles the sale is rounded, and by less than one coin.
            expect(Math.abs(tender.rounding)).toBeLessThan(currency === 'CHF' ? 5 : 1);
          }
        }
        expect(tenders.filter((tender) => tender.method === 'cash' && tender.rounding !== 0).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('refunded in full, give every tender back exactly what it paid, in any number of refunds', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.integer({ min: 1, max: 5_000 }), { maxLength: 5 }), ({ currency, items, offers }, parts) => {
        const rules = pricingRules(TAX, { cashIncrement: currency === 'CHF' ? 5 : null });
        const till = new Till({ currency });
        for (const item of items) till.do((basket, ctx) => addItem(basket, item.itemId, item, ctx));
        for (const next of [...offers, ...SETTLE]) {
          if (till.basket.status !== 'open') break;
          pay(till, rules, next);
        }
        const tenders: readonly Tender[] = till.basket.tenders;
        const total = tenders.reduce((sum, tender) => sum + contribution(tender), 0);
        const refunded = new Map<string, number>();
        let left = total;
        for (const part of [...parts, total]) {
          const amount = Math.min(part, left);
          if (amount === 0) break;
          const refunds = refundToTenders(tenders, amount, refunded);
          expect(refunds.reduce((sum, refund) => sum + refund.amount, 0)).toBe(amount);
          for (const refund of refunds) refunded.set(refund.tenderId, (refunded.get(refund.tenderId) ?? 0) + refund.amount);
          left -= amount;
        }
        for (const tender of tenders) expect(refunded.get(tender.tenderId) ?? 0).toBe(contribution(tender));
        if (total > 0) expect(() => refundToTenders(tenders, 1, refunded)).toThrowError(/more than the 0 left/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('cash', () => {
  const rules = pricingRules(TAX, { cashIncrement: 5 });

  it('rounds only the payment that settles the sale: CHF 12.02 paid with 20.00 gives 8.00 change', () => {
    const till = new Till({ currency: 'CHF' });
    till.do((basket, ctx) => addItem(basket, 'x', { ...ITEMS.avocado, unitPrice: 1176 }, ctx));
    const view = priceBasket(till.basket, rules);
    expect(view.total).toBe(1202);
    till.do((basket, ctx) => tenderCash(basket, view, 2000, ctx));
    expect(till.basket.tenders[0]).toMatchObject({ method: 'cash', amount: 1200, tendered: 2000, change: 800, rounding: -2 });
    expect(till.basket.status).toBe('completed');
  });

  it('handed over short of the rest pays exactly what was handed over and leaves the rest due', () => {
    const till = new Till({ currency: 'CHF' });
    till.do((basket, ctx) => addItem(basket, 'x', { ...ITEMS.avocado, unitPrice: 1176 }, ctx));
    till.do((basket, ctx) => tenderCash(basket, priceBasket(basket, rules), 1000, ctx));
    const after = priceBasket(till.basket, rules);
    expect(till.basket.status).toBe('open');
    expect(after.due).toBe(202);
    expect(after.tenders[0]).toMatchObject({ method: 'cash', amount: 1000, change: 0, rounding: 0 });
  });

  it('is refused when it is not a positive whole amount', () => {
    const till = new Till({ currency: 'USD' });
    till.do((basket, ctx) => addItem(basket, 'x', ITEMS.avocado, ctx));
    expect(() => till.do((basket, ctx) => tenderCash(basket, priceBasket(basket, rules), 0, ctx))).toThrowError(/positive whole number/);
    expect(() => till.do((basket, ctx) => tenderCash(basket, priceBasket(basket, rules), 1.5, ctx))).toThrowError(/positive whole number/);
  });
});

describe('gift cards', () => {
  const rules = pricingRules(TAX);

  it('pay at most their balance and leave the rest due', () => {
    const till = new Till();
    till.do((basket, ctx) => addItem(basket, 'x', ITEMS.ribeye, ctx));
    const view = priceBasket(till.basket, rules);
    till.do((basket, ctx) => tenderGiftCard(basket, view, { cardId: 'gc_1', last4: '9876', balance: 1000, currency: 'USD' }, null, ctx));
    expect(till.basket.tenders[0]).toMatchObject({ method: 'gift-card', amount: 1000, balanceAfter: 0 });
    expect(priceBasket(till.basket, rules).due).toBe(view.total - 1000);
  });

  it('are refused when empty or in another currency', () => {
    const till = new Till();
    till.do((basket, ctx) => addItem(basket, 'x', ITEMS.ribeye, ctx));
    const view = priceBasket(till.basket, rules);
    expect(() => till.do((basket, ctx) => tenderGiftCard(basket, view, { cardId: 'gc_1', last4: '9876', balance: 0, currency: 'USD' }, null, ctx))).toThrowError(/no balance/);
    expect(() => till.do((basket, ctx) => tenderGiftCard(basket, view, { cardId: 'gc_1', last4: '9876', balance: 500, currency: 'EUR' }, null, ctx))).toThrowError(/holds EUR/);
  });
});
