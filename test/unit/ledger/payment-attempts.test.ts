import { describe, expect, it } from 'vitest';
import { minute as at, useLedger } from './ledger-fixture.ts';

const lane = useLedger();

function openBasket(basketId = 'basket-1'): void {
  lane.ledger.baskets.openBasket(basketId, 'L01', at(0));
}

const attempt = (overrides: Partial<{ reference: string; amount: number }> = {}) => ({
  reference: 'basket-1-1',
  basketId: 'basket-1',
  amount: 549,
  currency: 'USD',
  startedAt: at(1),
  ...overrides,
});

describe('card payment attempts', () => {
  it('keeps a payment asked for as in doubt until it is resolved', () => {
    openBasket();
    lane.ledger.paymentAttempts.begin(attempt());
    expect(lane.ledger.paymentAttempts.unresolved('basket-1')).toMatchObject({ reference: 'basket-1-1', amount: 549 });
    expect(lane.ledger.paymentAttempts.resolve('basket-1', 'approved', at(2))).toBe(true);
    expect(lane.ledger.paymentAttempts.unresolved('basket-1')).toBeNull();
    expect(lane.ledger.paymentAttempts.resolve('basket-1', 'not-charged', at(3))).toBe(false);
  });

  it('keeps one record when the same payment is asked again, and refuses another while it is in doubt', () => {
    openBasket();
    lane.ledger.paymentAttempts.begin(attempt());
    lane.ledger.paymentAttempts.begin(attempt());
    expect(() => lane.ledger.paymentAttempts.begin(attempt({ amount: 600 }))).toThrow(expect.objectContaining({ code: 'PAYMENT_IN_DOUBT' }) as Error);
    lane.ledger.paymentAttempts.resolve('basket-1', 'not-charged', at(2));
    lane.ledger.paymentAttempts.begin(attempt({ amount: 600 }));
    expect(lane.ledger.paymentAttempts.unresolved('basket-1')?.amount).toBe(600);
  });

  it('refuses a bad attempt naming the field, and one for a basket that does not exist', () => {
    openBasket();
    expect(() => lane.ledger.paymentAttempts.begin(attempt({ reference: 'has space' }))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'reference' }) as Error);
    expect(() => lane.ledger.paymentAttempts.begin(attempt({ amount: 0 }))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'amount' }) as Error);
    expect(() => lane.ledger.paymentAttempts.begin({ ...attempt(), basketId: 'basket-9' })).toThrow(/FOREIGN KEY/);
    expect(lane.ledger.paymentAttempts.unresolved('basket-1')).toBeNull();
  });
});
