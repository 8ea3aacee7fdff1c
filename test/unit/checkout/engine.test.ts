import { describe, expect, it } from 'vitest';
import { TerminalError } from '../../../common/api/result.ts';
import type { ItemSnapshot, TaxCategory } from '../../../common/catalog.ts';
import {
  addItem,
  amountToPay,
  approveTender,
  cancelBasket,
  openBasket,
  priceBasket,
  pricingRules,
  replay,
  setQuantity,
  type Basket,
  type BasketEvent,
  type EngineContext,
} from '../../../main/checkout/index.ts';

function fixedContext(): EngineContext {
  let n = 0;
  return { now: () => '2026-11-22T10:00:00.000Z', newId: (kind) => `${kind}_${(n += 1)}` };
}

const categories: TaxCategory[] = [
  { code: 'grocery', label: 'Food 2.25%', ratePpm: 22_500 },
  { code: 'general', label: 'Sales tax 8.875%', ratePpm: 88_750 },
];
const rules = pricingRules(categories);

const bread: ItemSnapshot = { itemId: 'sourdough', name: 'Sourdough', unitPrice: 549, taxCategory: 'grocery', soldBy: 'each', minimumAge: null };
const cola: ItemSnapshot = { itemId: 'cola', name: 'Cola 12pk', unitPrice: 799, taxCategory: 'general', soldBy: 'each', minimumAge: null };
const beer: ItemSnapshot = { itemId: 'ipa', name: 'IPA 6pk', unitPrice: 1099, taxCategory: 'general', soldBy: 'each', minimumAge: 21 };
const bananas: ItemSnapshot = { itemId: 'bananas', name: 'Bananas', unitPrice: 132, taxCategory: 'grocery', soldBy: 'weight', minimumAge: null };

function run(events: BasketEvent[], more: BasketEvent[]): Basket {
  events.push(...more);
  return replay(events);
}

describe('the checkout engine', () => {
  it('merges a repeated scan of the same code into one line with a higher quantity', () => {
    const ctx = fixedContext();
    const journal: BasketEvent[] = [openBasket({ laneId: 'L01', currency: 'USD', taxMode: 'exclusive' }, ctx)];
    let basket = replay(journal);
    basket = run(journal, addItem(basket, '4006381333931', bread, ctx));
    basket = run(journal, addItem(basket, '4006381333931', bread, ctx));
    basket = run(journal, addItem(basket, '036000291452', cola, ctx));
    expect(basket.lines.map((line) => [line.item.itemId, line.quantity])).toEqual([
      ['sourdough', 2],
      ['cola', 1],
    ]);
  });

  it('prices exclusive tax per category, rounded half up once per category', () => {
    const ctx = fixedContext();
    const journal: BasketEvent[] = [openBasket({ laneId: 'L01', currency: 'USD', taxMode: 'exclusive' }, ctx)];
    let basket = replay(journal);
    basket = run(journal, addItem(basket, 'b', bread, ctx));
    basket = run(journal, addItem(basket, 'c', cola, ctx));
    basket = run(journal, setQuantity(basket, lineAt(basket, 1), 3));
    const view = priceBasket(basket, rules);
    expect(view.subtotal).toBe(549 + 3 * 799);
    // 549 × 2.25% = 12.3525 → 12; 2397 × 8.875% = 212.73375 → 213
    expect(view.taxes.map((t) => [t.category, t.taxable, t.tax])).toEqual([
      ['general', 2397, 213],
      ['grocery', 549, 12],
    ]);
    expect(view.total).toBe(549 + 2397 + 12 + 213);
    expect(view.itemCount).toBe(4);
  });

  it('extracts inclusive VAT from gross prices without changing the total', () => {
    const ctx = fixedContext();
    const journal: BasketEvent[] = [openBasket({ laneId: 'L01', currency: 'EUR', taxMode: 'inclusive' }, ctx)];
    let basket = replay(journal);
    basket = run(journal, addItem(basket, 'c', cola, ctx));
    const view = priceBasket(basket, pricingRules([{ code: 'general', label: 'VAT 19%', ratePpm: 190_000 }]));
    // net = round(799 / 1.19) = 671, so the VAT inside the price is 128
    expect(view.total).toBe(799);
    expect(view.taxTotal).toBe(799 - 671);
  });

  it('replaying the journal rebuilds exactly the same basket', () => {
    const ctx = fixedContext();
    const journal: BasketEvent[] = [openBasket({ laneId: 'L01', currency: 'USD', taxMode: 'exclusive' }, ctx)];
    let basket = replay(journal);
    for (const item of [bread, cola, bread, cola, cola]) basket = run(journal, addItem(basket, item.itemId, item, ctx));
    expect(replay(JSON.parse(JSON.stringify(journal)) as BasketEvent[])).toEqual(basket);
  });

  it('refuses an item sold by weight without a scale reading', () => {
    const ctx = fixedContext();
    const basket = replay([openBasket({ laneId: 'L01', currency: 'USD', taxMode: 'exclusive' }, ctx)]);
    expect(() => addItem(basket, '4011', bananas, ctx)).toThrowError(expect.objectContaining({ code: 'NEEDS_WEIGHT' }) as Error);
  });

  it('holds payment until the age of the buyer of an age-restricted item is checked', () => {
    const ctx = fixedContext();
    const journal: BasketEvent[] = [openBasket({ laneId: 'L01', currency: 'USD', taxMode: 'exclusive' }, ctx)];
    const basket = run(journal, addItem(replay(journal), 'ipa', beer, ctx));
    const view = priceBasket(basket, rules);
    expect(view.ageCheckRequired).toBe(true);
    expect(() => amountToPay(basket, view.total, view.ageCheckRequired)).toThrowError(TerminalError);
  });

  it('completes the sale in the same step as an approval that covers the total, then locks the basket', () => {
    const ctx = fixedContext();
    const journal: BasketEvent[] = [openBasket({ laneId: 'L01', currency: 'USD', taxMode: 'exclusive' }, ctx)];
    let basket = run(journal, addItem(replay(journal), 'b', bread, ctx));
    const view = priceBasket(basket, rules);
    const due = amountToPay(basket, view.total, view.ageCheckRequired);
    const events = approveTender(
      basket,
      { method: 'card', amount: due, brand: 'VISA', last4: '1111', authCode: 'A1B2C3', reference: 'T-1', approvedAt: ctx.now() },
      due,
      ctx,
    );
    expect(events.map((e) => e.type)).toEqual(['tender.approved', 'basket.completed']);
    basket = run(journal, events);
    expect(basket.status).toBe('completed');
    expect(() => addItem(basket, 'b', bread, ctx)).toThrowError(expect.objectContaining({ code: 'NO_OPEN_BASKET' }) as Error);
    expect(() => cancelBasket(basket, ctx)).toThrowError(TerminalError);
  });

  it('voids a partly paid basket only when every payment taken on it is given back, for exactly its amount', () => {
    const ctx = fixedContext();
    const journal: BasketEvent[] = [openBasket({ laneId: 'L01', currency: 'USD', taxMode: 'exclusive' }, ctx)];
    let basket = run(journal, addItem(replay(journal), 'b', bread, ctx));
    const due = amountToPay(basket, priceBasket(basket, rules).total, false);
    basket = run(journal, approveTender(basket, { method: 'card', amount: 200, brand: 'VISA', last4: '1111', authCode: 'A1B2C3', reference: 'T-1', approvedAt: ctx.now() }, due, ctx));
    const tenderId = basket.tenders[0]?.tenderId ?? '';
    expect(() => cancelBasket(basket, ctx)).toThrowError(expect.objectContaining({ code: 'BASKET_LOCKED' }) as Error);
    expect(() => cancelBasket(basket, ctx, [{ tenderId, method: 'card', amount: 199 }])).toThrowError(expect.objectContaining({ code: 'BASKET_LOCKED' }) as Error);
    expect(() => cancelBasket(basket, ctx, [{ tenderId, method: 'card', amount: 200 }, { tenderId: 'tender_99', method: 'cash', amount: 5 }])).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'reversals' }) as Error,
    );
    const events = cancelBasket(basket, ctx, [{ tenderId, method: 'card', amount: 200, reference: 'TV-1' }]);
    expect(events).toEqual([{ type: 'basket.cancelled', cancelledAt: ctx.now(), reversals: [{ tenderId, method: 'card', amount: 200, reference: 'TV-1' }] }]);
    expect(run(journal, events).status).toBe('cancelled');
  });

  it('refuses an approval larger than what is due', () => {
    const ctx = fixedContext();
    const journal: BasketEvent[] = [openBasket({ laneId: 'L01', currency: 'USD', taxMode: 'exclusive' }, ctx)];
    const basket = run(journal, addItem(replay(journal), 'b', bread, ctx));
    const tender = { method: 'card', amount: 10_000, brand: 'VISA', last4: '1111', authCode: 'X', reference: 'R', approvedAt: '' } as const;
    expect(() => approveTender(basket, tender, 561, ctx)).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }) as Error);
  });

  it('refuses a quantity of zero and names the field', () => {
    const ctx = fixedContext();
    const journal: BasketEvent[] = [openBasket({ laneId: 'L01', currency: 'USD', taxMode: 'exclusive' }, ctx)];
    const basket = run(journal, addItem(replay(journal), 'b', bread, ctx));
    expect(() => setQuantity(basket, lineAt(basket, 0), 0)).toThrowError(expect.objectContaining({ field: 'quantity' }) as Error);
    expect(() => setQuantity(basket, 'ln_nope', 2)).toThrowError(expect.objectContaining({ code: 'UNKNOWN_LINE' }) as Error);
  });
});

function lineAt(basket: { lines: readonly { lineId: string }[] }, index: number): string {
  const line = basket.lines[index];
  if (!line) throw new Error(`the basket has no line ${index}`);
  return line.lineId;
}
