import { describe, expect, it } from 'vitest';
import type { SuspendedBasket } from '../../../common/suspend.ts';
import {
  addItem,
  addLabelledItem,
  addWeighedItem,
  approveTender,
  assertSuspendable,
  identifyMember,
  overridePrice,
  priceBasket,
  pricingRules,
  replay,
  resumeSuspended,
  suspendedContents,
} from '../../../main/checkout/index.ts';
import { ITEMS, TAX, Till } from './basket-builder.ts';

const RULES = pricingRules(TAX);

function parked(till: Till): SuspendedBasket {
  return {
    ticket: 'SUS-L01-0001',
    basketId: till.basket.basketId,
    laneId: 'L01',
    currency: 'USD',
    businessDate: '2026-11-22',
    suspendedAt: '2026-11-22T10:00:00.000Z',
    expiresAt: '2026-11-23T05:00:00.000Z',
    suspendedBy: '1001',
    ...suspendedContents(till.basket),
  };
}

describe('parking a basket and bringing it back', () => {
  it('brings every line back with its weight, label price, override and the member, priced by today’s catalog', () => {
    const till = new Till()
      .do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx, 2))
      .do((b, ctx) => addWeighedItem(b, 'o', ITEMS.oliveBar, 518, ctx))
      .do((b, ctx) => addLabelledItem(b, '2012340003991', ITEMS.turkey, { measure: 'price', value: 399 }, ctx))
      .do((b) => overridePrice(b, 'line_0002', 699, 'shelf-price', '2001'))
      .do((b) => identifyMember(b, 'M-42'));
    const suspended = parked(till);

    // Today the cola costs 8.49 and the turkey 23.00/kg; the label still says 3.99.
    const today = (line: { item: { itemId: string } }) => (line.item.itemId === 'cola' ? { ...ITEMS.cola, unitPrice: 849 } : line.item.itemId === 'deli-turkey' ? { ...ITEMS.turkey, unitPrice: 2300 } : null);
    const resumed = new Till({ now: '2026-11-22T15:00:00.000Z' }).do((b, ctx) => resumeSuspended(b, suspended, today, ctx));
    expect(resumed.journal[1]).toMatchObject({ type: 'basket.resumed', ticket: 'SUS-L01-0001', fromLaneId: 'L01' });
    const view = priceBasket(resumed.basket, RULES);
    expect(view.lines.map((line) => [line.name, line.quantity, line.unitPrice, line.priceSource, line.tareGrams])).toEqual([
      ['Cola 12-pack', 2, 699, 'override', 0],
      ['Olive Bar Mix', 500, 2202, 'catalog', 18],
      ['Deli Turkey Breast', 1, 399, 'label', 0],
    ]);
    expect(view.lines[0]?.regularUnitPrice).toBe(849);
    expect(resumed.basket.customer.memberId).toBe('M-42');
    expect(resumed.basket.resumedFrom).toEqual(['SUS-L01-0001']);
    // The journal of the resumed basket replays to the same basket, like any other.
    expect(replay(resumed.journal)).toEqual(resumed.basket);
  });

  it('refuses to park an empty basket or one a payment has started on', () => {
    expect(() => assertSuspendable(new Till().basket)).toThrowError(expect.objectContaining({ code: 'BASKET_EMPTY' }) as Error);
    const paid = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx));
    paid.do((b, ctx) => approveTender(b, { method: 'card', amount: 100, brand: 'VISA', last4: '4242', authCode: 'A1', reference: 'r1', approvedAt: '2026-11-22T10:00:00.000Z' }, 870, ctx));
    expect(() => assertSuspendable(paid.basket)).toThrowError(expect.objectContaining({ code: 'PAYMENT_STARTED' }) as Error);
  });

  it('resumes only into an empty basket', () => {
    const suspended = parked(new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx)));
    const busy = new Till().do((b, ctx) => addItem(b, 'r', ITEMS.ryeBread, ctx));
    expect(() => busy.do((b, ctx) => resumeSuspended(b, suspended, () => null, ctx))).toThrowError(expect.objectContaining({ code: 'SALE_IN_PROGRESS' }) as Error);
  });
});
