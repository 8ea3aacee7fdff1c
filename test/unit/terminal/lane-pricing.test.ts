import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifierDigit4, withCheckDigit } from '../../../common/gs1.ts';
import { DEMO_STORE_FILE, readStoreFile } from '../../../main/ledger/demo-store.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { DEMO_PROMOTIONS_FILE, readPromotionsFile } from '../../../main/ledger/promotions-file.ts';
import { Lane } from '../../../main/terminal/lane.ts';
import { laneLedger } from '../../../main/terminal/lane-ledger.ts';
import { lanePricing } from '../../../main/terminal/lane-pricing.ts';
import { useTempDir } from '../ledger/temp-dir.ts';
import { fixedContext } from '../checkout/basket-builder.ts';

const store = readStoreFile(DEMO_STORE_FILE);
const dir = useTempDir();
let ledger: Ledger;
let lane: Lane;
let request = 0;
const next = (): string => `req-${String((request += 1)).padStart(6, '0')}`;

beforeEach(() => {
  ledger = Ledger.open(path.join(dir(), 'ledger.sqlite'));
  ledger.catalog.importCatalog(store);
  const context = fixedContext();
  lane = new Lane({
    role: 'associate',
    settings: { laneId: 'L01', currency: 'USD', taxMode: 'exclusive' },
    storeName: store.store.name,
    locale: 'en-US',
    taxCategories: ledger.catalog.taxCategories(),
    pricing: lanePricing(store, DEMO_PROMOTIONS_FILE),
    ledger: laneLedger(ledger, context.now),
    payment: null,
    context,
    devices: () => [],
    log: pino({ level: 'silent' }),
  });
});

afterEach(() => ledger.close());

const turkeyLabel = (cents: number): string => {
  const price = String(cents).padStart(4, '0');
  return withCheckDigit(`201001${verifierDigit4(price)}${price}`);
};

describe('the lane prices what it scans with the store’s promotions', () => {
  it('sells a deli price label at its printed price, with the deli promotion', () => {
    const line = lane.scan(turkeyLabel(749), 'scanner', next()).basket?.lines[0];
    expect(line).toMatchObject({ itemId: 'deli-oven-roasted-turkey-breast', priceSource: 'label', extendedPrice: 749, discountTotal: 75 });
  });

  it('applies the demo multi-buy to the quantity key and shows the saving', () => {
    const basket = lane.scan('4046', 'keyed', next(), 3).basket;
    expect(basket).toMatchObject({ itemCount: 3, subtotal: 387, discountTotal: 87 });
    expect(basket?.savings).toEqual([{ source: 'promotion', id: 'avocados-3-for-3', label: 'Avocados 3 for $3', amount: 87 }]);
  });

  it('takes a store coupon, a Rewards card, and refuses a coupon the store does not accept', () => {
    lane.scan('782238006053', 'scanner', next()); // ribeye 14.99
    let state = lane.scan('9910000005015', 'scanner', next());
    expect(state.basket?.coupons).toEqual([expect.objectContaining({ couponId: 'store-5-off-steak', amount: 500, applied: true })]);
    state = lane.scan(withCheckDigit('41234567890'), 'scanner', next());
    expect(state.basket?.customer.memberId).toBe(withCheckDigit('41234567890'));
    // Rewards price 11.99 on the ribeye, then the $5 coupon.
    expect(state.basket?.lines[0]?.netPrice).toBe(1199 - 500);
    expect(() => lane.scan(withCheckDigit('991234567890'), 'scanner', next())).toThrowError(expect.objectContaining({ code: 'COUPON_NOT_ACCEPTED' }) as Error);
  });

  it('sells a German EAN-13 product although Rewards cards start with a 4 as UPC-A', () => {
    expect(lane.scan('4006381333931', 'scanner', next()).basket?.lines.map((line) => line.itemId)).toEqual(['sourdough-loaf']);
  });

  it('weighs the olive bar net of its container tare from the store file', () => {
    const line = lane.addWeighed('052350002449', 518, next()).basket?.lines[0];
    expect(line).toMatchObject({ quantity: 500, tareGrams: 18 });
    expect(() => lane.addWeighed('052350002449', 10, next())).toThrowError(expect.objectContaining({ field: 'grams' }) as Error);
  });

  it('refuses a receipt barcode and a label with a wrong verifier digit at the lane, naming why', () => {
    expect(() => lane.scan('RCPT-L01-000042', 'scanner', next())).toThrowError(expect.objectContaining({ code: 'INVALID_BARCODE', message: expect.stringContaining('receipt') as string }) as Error);
    const good = turkeyLabel(749);
    const bad = withCheckDigit(`${good.slice(0, 6)}${(Number(good.charAt(6)) + 1) % 10}${good.slice(7, 11)}`);
    expect(() => lane.scan(bad, 'scanner', next())).toThrowError(expect.objectContaining({ code: 'INVALID_BARCODE', message: expect.stringContaining('verifier') as string }) as Error);
  });

  it('voids a line and records overrides with who allowed them', () => {
    let state = lane.scan('036000291452', 'scanner', next());
    const lineId = state.basket?.lines[0]?.lineId ?? '';
    state = lane.overridePrice(lineId, 699, 'price-match', 'sup-1', next());
    expect(state.basket?.lines[0]).toMatchObject({ unitPrice: 699, regularUnitPrice: 799 });
    state = lane.voidLine(lineId, next());
    expect(state.basket?.lines).toEqual([]);
  });
});

describe('the demo promotions file', () => {
  it('is valid against the demo store and runs at least one promotion of every kind', () => {
    const file = readPromotionsFile(DEMO_PROMOTIONS_FILE, store);
    expect(new Set(file.promotions.map((p) => p.type))).toEqual(
      new Set(['multi-buy', 'mix-and-match', 'buy-get', 'percent-off', 'amount-off', 'member-price', 'basket-threshold']),
    );
    expect(new Set(file.coupons.map((c) => c.issuer))).toEqual(new Set(['manufacturer', 'store']));
  });

  it('is refused with the file and the field when it names an item the store does not sell', () => {
    const bad = path.join(dir(), 'promotions.json');
    fs.writeFileSync(bad, JSON.stringify({ promotions: [{ id: 'x', type: 'percent-off', label: 'X', target: { items: ['no-such-item'] }, percentOff: 10 }] }));
    expect(() => readPromotionsFile(bad, store)).toThrow(`${bad}: promotions[0].target.items[0]: no item no-such-item in the store file`);
    fs.writeFileSync(bad, JSON.stringify({ promotions: [{ id: 'x', type: 'basket-threshold', label: 'X', threshold: 100 }] }));
    expect(() => readPromotionsFile(bad, store)).toThrow(/promotions\[0\]\.amountOff: give exactly one of amountOff and percentOff/);
  });
});
