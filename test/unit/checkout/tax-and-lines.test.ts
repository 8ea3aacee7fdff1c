import { describe, expect, it } from 'vitest';
import { TaxCategorySchema } from '../../../common/catalog.ts';
import {
  addCoupon,
  addItem,
  addLabelledItem,
  addWeighedItem,
  discountLine,
  exemptFromTax,
  overridePrice,
  priceBasket,
  pricingRules,
  replay,
  setQuantity,
  settleInCash,
  voidLine,
} from '../../../main/checkout/index.ts';
import { coupon, ITEMS, TAX, Till } from './basket-builder.ts';

const RULES = pricingRules(TAX);

describe('weighed, labelled and keyed quantities', () => {
  it('subtracts the catalog tare from a stable reading and prices the net grams per kilogram', () => {
    const till = new Till().do((b, ctx) => addWeighedItem(b, '052350002449', ITEMS.oliveBar, 518, ctx));
    const line = priceBasket(till.basket, RULES).lines[0];
    // 518 g − 18 g container = 500 g × $22.02/kg = $11.01
    expect(line).toMatchObject({ quantity: 500, tareGrams: 18, extendedPrice: 1101, soldBy: 'weight' });
  });

  it('refuses a reading that is not more than the container, naming the weight', () => {
    const till = new Till();
    expect(() => till.do((b, ctx) => addWeighedItem(b, 'o', ITEMS.oliveBar, 18, ctx))).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'grams', message: expect.stringContaining('18 g container') as string }) as Error,
    );
    expect(() => till.do((b, ctx) => addWeighedItem(b, '4011', ITEMS.honeycrisp, 0, ctx))).toThrowError(expect.objectContaining({ field: 'grams' }) as Error);
    expect(() => till.do((b, ctx) => addWeighedItem(b, '4011', ITEMS.honeycrisp, -5, ctx))).toThrowError(expect.objectContaining({ field: 'grams' }) as Error);
  });

  it('refuses to weigh an item sold by each', () => {
    expect(() => new Till().do((b, ctx) => addWeighedItem(b, 'c', ITEMS.cola, 400, ctx))).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }) as Error);
  });

  it('a price label makes a one-unit line at the printed price; a weight label a weighed line', () => {
    const till = new Till()
      .do((b, ctx) => addLabelledItem(b, '00201001000000', ITEMS.turkey, { measure: 'price', value: 749 }, ctx))
      .do((b, ctx) => addLabelledItem(b, '00201001000000', ITEMS.turkey, { measure: 'weight', value: 250 }, ctx));
    const [price, weight] = priceBasket(till.basket, RULES).lines;
    expect(price).toMatchObject({ quantity: 1, extendedPrice: 749, priceSource: 'label', soldBy: 'each' });
    expect(weight).toMatchObject({ quantity: 250, extendedPrice: 551, priceSource: 'catalog', soldBy: 'weight' });
    expect(() => till.do((b) => setQuantity(b, till.line(0), 2))).toThrowError(expect.objectContaining({ field: 'quantity' }) as Error);
  });

  it('the quantity key adds n units at once and refuses more than a line holds', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx, 3)).do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx, 2));
    expect(till.basket.lines.map((line) => line.quantity)).toEqual([5]);
    expect(() => till.do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx, 995))).toThrowError(expect.objectContaining({ field: 'quantity' }) as Error);
    expect(() => till.do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx, 0))).toThrowError(expect.objectContaining({ field: 'quantity' }) as Error);
  });
});

describe('corrections', () => {
  it('voids a line; the journal keeps it and replays to the same basket', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx)).do((b, ctx) => addItem(b, 'r', ITEMS.ryeBread, ctx));
    till.do((b, ctx) => voidLine(b, till.line(0), ctx));
    expect(till.basket.lines.map((line) => line.item.itemId)).toEqual(['rye-bread']);
    expect(till.journal.some((event) => event.type === 'line.voided')).toBe(true);
    expect(replay(JSON.parse(JSON.stringify(till.journal)) as typeof till.journal)).toEqual(till.basket);
    expect(() => till.do((b, ctx) => voidLine(b, 'line_nope', ctx))).toThrowError(expect.objectContaining({ code: 'UNKNOWN_LINE' }) as Error);
  });

  it('a price override records the reason and who allowed it; a bad reason is refused by name', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx, 2));
    till.do((b) => overridePrice(b, till.line(0), 699, 'shelf-price', 'supervisor-2'));
    expect(till.journal.at(-1)).toEqual({ type: 'line.priceOverridden', lineId: till.line(0), unitPrice: 699, reason: 'shelf-price', authorizedBy: 'supervisor-2' });
    expect(priceBasket(till.basket, RULES).lines[0]).toMatchObject({ extendedPrice: 1398, regularUnitPrice: 799 });
    // Not a reason code at all, as a careless caller might send it (the store's list is checked by the terminal).
    expect(() => till.do((b) => overridePrice(b, till.line(0), 1, 'Because!', null))).toThrowError(expect.objectContaining({ field: 'reason' }) as Error);
    expect(() => till.do((b) => overridePrice(b, till.line(0), -1, 'damaged', null))).toThrowError(expect.objectContaining({ field: 'unitPrice' }) as Error);
  });

  it('a manual line discount applies after promotions and is capped at what is left of the line', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx)).do((b, ctx) => addItem(b, 'r', ITEMS.ryeBread, ctx));
    till.do((b) => discountLine(b, till.line(0), { kind: 'percent', basisPoints: 1000 }, 'damaged', 'op-1'));
    till.do((b) => discountLine(b, till.line(1), { kind: 'amount', amount: 10_000 }, 'customer-service', 'op-1'));
    const view = priceBasket(till.basket, RULES);
    expect(view.lines.map((line) => [line.discountTotal, line.netPrice])).toEqual([
      [80, 719],
      [399, 0],
    ]);
    expect(view.lines[0]?.discounts[0]).toMatchObject({ source: 'manual', id: 'damaged' });
  });
});

describe('tax', () => {
  it('exclusive sales tax on discounted amounts, rounded once per category on the invoice and allocated to lines', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx, 3)).do((b, ctx) => addItem(b, 'r', ITEMS.ryeBread, ctx));
    till.do((b) => discountLine(b, till.line(0), { kind: 'amount', amount: 397 }, 'damaged', null));
    const view = priceBasket(till.basket, RULES);
    // general: 2397 − 397 = 2000 × 8.875 % = 177.5 → 178; grocery: 399 × 2.25 % = 8.9775 → 9
    expect(view.taxes.map((tax) => [tax.category, tax.taxable, tax.tax])).toEqual([
      ['general', 2000, 178],
      ['grocery', 399, 9],
    ]);
    expect(view.total).toBe(2000 + 399 + 178 + 9);
    expect(view.lines.map((line) => line.amountPaid)).toEqual([2178, 408]);
  });

  it('splits a category’s tax by jurisdiction in proportion to the rates, adding up to the cent', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx, 3));
    const general = priceBasket(till.basket, RULES).taxes.find((tax) => tax.category === 'general');
    // 23.97 × 8.875 % = 2.127 → 2.13: 4 / 8.875 of it to the state, 4.5 / 8.875 to the city, the rest to the MCTD
    expect(general?.tax).toBe(213);
    expect(general?.jurisdictions).toEqual([
      { name: 'New York State', ratePpm: 40_000, tax: 96 },
      { name: 'New York City', ratePpm: 45_000, tax: 108 },
      { name: 'MCTD', ratePpm: 3_750, tax: 9 },
    ]);
    expect(TaxCategorySchema.safeParse({ code: 'x', label: 'X', ratePpm: 88_750, jurisdictions: [{ name: 'State', ratePpm: 40_000 }] }).success).toBe(false);
  });

  it('rounding per line can differ from per invoice by a cent, and both add up', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'a', { ...ITEMS.cola, itemId: 'a', unitPrice: 6 }, ctx)).do((b, ctx) => addItem(b, 'b', { ...ITEMS.cola, itemId: 'b', unitPrice: 6 }, ctx));
    // 6 × 8.875 % = 0.5325 → 1 per line (2 in all); 12 × 8.875 % = 1.065 → 1 on the invoice.
    expect(priceBasket(till.basket, pricingRules(TAX, { taxRounding: 'line' })).taxTotal).toBe(2);
    expect(priceBasket(till.basket, pricingRules(TAX, { taxRounding: 'invoice' })).taxTotal).toBe(1);
  });

  it('extracts inclusive VAT from the discounted gross amount', () => {
    const till = new Till({ currency: 'EUR', taxMode: 'inclusive' }).do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx));
    till.do((b) => discountLine(b, till.line(0), { kind: 'amount', amount: 99 }, 'damaged', null));
    const view = priceBasket(till.basket, pricingRules([{ code: 'general', label: 'MwSt 19%', ratePpm: 190_000 }]));
    // 7.00 gross contains 7.00 − 7.00 / 1.19 = 1.12 VAT
    expect(view).toMatchObject({ total: 700, taxTotal: 112 });
  });

  it('charges a tax-exempt customer no sales tax, and no VAT where prices include it', () => {
    const us = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx)).do((b) => exemptFromTax(b, 'ST-120-4471', 'mgr-1'));
    expect(priceBasket(us.basket, RULES)).toMatchObject({ taxes: [], taxTotal: 0, total: 799, customer: { taxExempt: true } });
    const eu = new Till({ currency: 'EUR', taxMode: 'inclusive' }).do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx)).do((b) => exemptFromTax(b, 'DIPL-1', null));
    // 7.99 gross, 1.28 of it VAT at 19 %: the exempt buyer pays 6.71
    expect(priceBasket(eu.basket, pricingRules([{ code: 'general', label: 'MwSt 19%', ratePpm: 190_000 }])).total).toBe(671);
    expect(() => new Till().do((b) => exemptFromTax(b, '  ', null))).toThrowError(expect.objectContaining({ field: 'certificate' }) as Error);
  });

  it('taxes the price before a manufacturer coupon where the store says so, and after a store coupon always', () => {
    const maker = coupon({ id: 'cola-1', label: 'Cola $1 off', issuer: 'manufacturer', code: '595322321105', target: { items: ['cola'] }, amountOff: 100 });
    const till = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx)).do((b, ctx) => addCoupon(b, maker, ctx));
    // 7.99 × 8.875 % = 0.709 → 0.71 on the full price; 6.99 × 8.875 % = 0.620 → 0.62 after the coupon
    expect(priceBasket(till.basket, pricingRules(TAX, { manufacturerCouponsReduceTax: false }))).toMatchObject({ taxTotal: 71, total: 699 + 71 });
    expect(priceBasket(till.basket, pricingRules(TAX, { manufacturerCouponsReduceTax: true }))).toMatchObject({ taxTotal: 62, total: 699 + 62 });
  });

  it('settles cash at the rounded amount with change, and refuses too little cash', () => {
    const till = new Till({ currency: 'CHF', taxMode: 'inclusive' }).do((b, ctx) => addItem(b, 'c', { ...ITEMS.cola, unitPrice: 1232 }, ctx));
    const view = priceBasket(till.basket, pricingRules([{ code: 'general', label: 'MWST 8.1%', ratePpm: 81_000 }]));
    // 12.32 rounds down to 12.30 in cash: the shopper pays 2 rappen less, and gets 7.70 back from 20.
    expect(settleInCash(view, 2000)).toEqual({ amount: 1230, rounding: -2, tendered: 2000, change: 770 });
    expect(settleInCash(view, 1230).change).toBe(0);
    expect(() => settleInCash(view, 1225)).toThrowError(expect.objectContaining({ field: 'tendered' }) as Error);
  });

  it('rounds a Swiss cash payment to 5 rappen, and only the cash figure', () => {
    const till = new Till({ currency: 'CHF', taxMode: 'inclusive' }).do((b, ctx) => addItem(b, 'c', { ...ITEMS.cola, unitPrice: 1233 }, ctx));
    const view = priceBasket(till.basket, pricingRules([{ code: 'general', label: 'MWST 8.1%', ratePpm: 81_000 }]));
    expect(view).toMatchObject({ total: 1233, due: 1233, cash: { increment: 5, due: 1235, rounding: 2 } });
    const usd = priceBasket(new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx)).basket, RULES);
    expect(usd.cash).toEqual({ increment: 1, due: usd.due, rounding: 0 });
  });
});
