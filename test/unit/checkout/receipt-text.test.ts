import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReceiptView } from '../../../common/basket.ts';
import { withCheckDigit } from '../../../common/gs1.ts';
import { classifyCode } from '../../../common/scanned-code.ts';
import {
  addCoupon,
  addItem,
  addLabelledItem,
  addWeighedItem,
  approveTender,
  discountLine,
  exemptFromTax,
  identifyMember,
  overridePrice,
  plainAmount,
  priceBasket,
  pricingRules,
  receiptBarcodePayload,
  renderReceiptText,
  type PricingRules,
} from '../../../main/checkout/index.ts';
import { coupon, ITEMS, promotion, TAX, Till } from './basket-builder.ts';

// Golden files: set UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
const GOLDEN = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'receipts');

function golden(name: string, text: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}

function completed(till: Till, rules: PricingRules, extra: Partial<ReceiptView> = {}): ReceiptView {
  const due = priceBasket(till.basket, rules).total;
  till.do((b, ctx) => approveTender(b, { method: 'card', amount: due, brand: 'VISA', last4: '1111', authCode: 'A1B2C3', reference: 'T-000871', approvedAt: ctx.now() }, due, ctx));
  return {
    ...priceBasket(till.basket, rules),
    saleId: 'sale_1',
    receiptNumber: 'L01-000042',
    laneId: 'L01',
    storeName: 'Harbor Street Market',
    completedAt: '2026-11-22T15:04:00.000Z',
    ...extra,
  };
}

const US_RULES = pricingRules(TAX, {
  manufacturerCouponsReduceTax: false,
  promotions: [
    promotion({ id: 'avocados-3-for-3', type: 'multi-buy', label: 'Avocados 3 for $3', target: { items: ['hass-avocado'] }, quantity: 3, price: 300 }),
    promotion({ id: 'cereal-20', type: 'percent-off', label: 'Cereal 20% off', target: { items: ['oat-rings'] }, percentOff: 20 }),
    promotion({ id: 'honeycrisp-member', type: 'member-price', label: 'Rewards price', target: { items: ['honeycrisp'] }, price: 549 }),
    promotion({ id: 'basket-10-off-50', type: 'basket-threshold', label: '$10 off $50', threshold: 5000, amountOff: 1000, excludeDepartments: ['Beer & Wine'] }),
  ],
});

describe('receipt text', () => {
  it('prints a US sale with promotions, a member price, a coupon, weighed and labelled items and a card (golden)', () => {
    const cereal = coupon({ id: 'oat-75c', label: 'Oat Rings 75c off', issuer: 'manufacturer', code: '546828100077', target: { items: ['oat-rings'] }, amountOff: 75 });
    const till = new Till()
      .do((b) => identifyMember(b, '412345678903'))
      .do((b, ctx) => addItem(b, '4046', ITEMS.avocado, ctx, 4))
      .do((b, ctx) => addWeighedItem(b, '052350002449', ITEMS.oliveBar, 518, ctx))
      .do((b, ctx) => addWeighedItem(b, '3283', ITEMS.honeycrisp, 1215, ctx))
      .do((b, ctx) => addLabelledItem(b, '00201001000000', ITEMS.turkey, { measure: 'price', value: 749 }, ctx))
      .do((b, ctx) => addItem(b, '846828007827', ITEMS.cereal, ctx, 2))
      .do((b, ctx) => addCoupon(b, cereal, ctx))
      .do((b, ctx) => addItem(b, '036000291452', ITEMS.cola, ctx))
      .do((b, ctx) => addItem(b, '085123006016', ITEMS.ipa, ctx))
      .do((b, ctx) => addItem(b, '782238006053', ITEMS.ribeye, ctx));
    till.do((b) => overridePrice(b, till.line(6), 699, 'shelf-price', 'sup-2'));
    const receipt = completed(till, US_RULES);
    golden('us-promotions-card.txt', renderReceiptText(receipt, { storeLines: ['118 Harbor Street', 'Brooklyn, NY 11201', '(718) 555-0142'], timeZone: 'America/New_York' }));
  });

  it('prints cash with change and a tax-exempt sale (golden)', () => {
    const till = new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx, 2)).do((b, ctx) => addItem(b, 'r', ITEMS.ryeBread, ctx));
    till.do((b) => discountLine(b, till.line(1), { kind: 'percent', basisPoints: 2500 }, 'damaged', 'sup-2'));
    till.do((b) => exemptFromTax(b, 'ST-119-0042', 'mgr-1'));
    const view = priceBasket(till.basket, US_RULES);
    const receipt: ReceiptView = {
      ...view,
      paid: view.total,
      due: 0,
      tenders: [{ tenderId: 't1', method: 'cash', amount: view.total, tendered: 2000, change: 2000 - view.total }],
      saleId: 'sale_2',
      receiptNumber: 'L02-000007',
      laneId: 'L02',
      storeName: 'Harbor Street Market',
      completedAt: '2026-11-22T15:10:00.000Z',
    };
    golden('us-cash-exempt.txt', renderReceiptText(receipt, { timeZone: 'America/New_York' }));
  });

  it('prints an EU sale with VAT included, broken down by rate (golden)', () => {
    const rules = pricingRules([
      { code: 'grocery', label: 'MwSt 7%', ratePpm: 70_000 },
      { code: 'general', label: 'MwSt 19%', ratePpm: 190_000 },
    ]);
    const till = new Till({ currency: 'EUR', taxMode: 'inclusive' })
      .do((b, ctx) => addItem(b, '4006381333931', { ...ITEMS.ryeBread, name: 'Bauernbrot 750 g', unitPrice: 329 }, ctx))
      .do((b, ctx) => addItem(b, '4000000000001', { ...ITEMS.cola, name: 'Cola 1,5 l', unitPrice: 149 }, ctx, 3))
      .do((b, ctx) => addWeighedItem(b, '4011', { ...ITEMS.honeycrisp, name: 'Äpfel Elstar', unitPrice: 299 }, 1340, ctx));
    golden('eu-vat-card.txt', renderReceiptText(completed(till, rules, { storeName: 'Hafenmarkt Köln' }), { timeZone: 'Europe/Berlin' }));
  });

  it('prints a Swiss cash sale rounded to 5 rappen on a 58 mm (32-column) printer (golden)', () => {
    const rules = pricingRules([{ code: 'grocery', label: 'MWST 2.6%', ratePpm: 26_000 }]);
    const till = new Till({ currency: 'CHF', taxMode: 'inclusive' }).do((b, ctx) => addItem(b, '7610000000001', { ...ITEMS.yogurtBig, name: 'Joghurt Nature 500 g', unitPrice: 233 }, ctx, 3));
    const view = priceBasket(till.basket, rules);
    expect(view.cash).toEqual({ increment: 5, due: 700, rounding: 1 });
    const receipt: ReceiptView = {
      ...view,
      tenders: [{ tenderId: 't1', method: 'cash', amount: view.cash.due, tendered: 1000, change: 1000 - view.cash.due }],
      paid: view.total,
      due: 0,
      saleId: 'sale_3',
      receiptNumber: 'K3-000120',
      laneId: 'K3',
      storeName: 'Marktplatz Zürich',
      completedAt: '2026-11-22T09:30:00.000Z',
    };
    golden('ch-cash-rounding-58mm.txt', renderReceiptText(receipt, { width: 32, timeZone: 'Europe/Zurich' }));
  });

  it('prints the receipt barcode payload that the lane reads back as a receipt', () => {
    expect(receiptBarcodePayload('L01-000042')).toBe('RCPT-L01-000042');
    expect(classifyCode('RCPT-L01-000042')).toEqual({ kind: 'receipt', receiptNumber: 'L01-000042' });
    expect(classifyCode(withCheckDigit('03600029145'))).toMatchObject({ kind: 'product' });
  });

  it('formats amounts with the currency’s decimals and refuses a width a printer does not have', () => {
    expect([plainAmount(1234, 'USD'), plainAmount(-87, 'USD'), plainAmount(5, 'EUR'), plainAmount(1200, 'JPY')]).toEqual(['12.34', '-0.87', '0.05', '1200']);
    const receipt = completed(new Till().do((b, ctx) => addItem(b, 'c', ITEMS.cola, ctx)), US_RULES);
    expect(() => renderReceiptText(receipt, { width: 20 })).toThrow(/32–64/);
    expect(renderReceiptText(receipt, { width: 48 }).split('\n').every((line) => line.length <= 48)).toBe(true);
  });
});
