import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PromotionFile } from '../../../common/promotions.ts';
import { DEMO_STORE_FILE, readStoreFile } from '../../../main/ledger/demo-store.ts';
import { LedgerError } from '../../../main/ledger/errors.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { DEMO_PROMOTIONS_FILE, readPromotionsFile } from '../../../main/ledger/promotions-file.ts';
import { Lane } from '../../../main/terminal/lane.ts';
import { laneLedger } from '../../../main/terminal/lane-ledger.ts';
import { lanePricing } from '../../../main/terminal/lane-pricing.ts';
import { fixedContext } from '../checkout/basket-builder.ts';
import { useTempDir } from './temp-dir.ts';

const store = readStoreFile(DEMO_STORE_FILE);
const demo = readPromotionsFile(DEMO_PROMOTIONS_FILE, store);
const AT = '2026-11-22T10:00:00.000Z';

const dir = useTempDir();
let ledger: Ledger;
beforeEach(() => {
  ledger = Ledger.open(path.join(dir(), 'ledger.sqlite'));
  ledger.catalog.importCatalog(store);
});
afterEach(() => ledger.close());

function refusal(work: () => unknown): LedgerError {
  try {
    work();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a LedgerError');
}

const avocados = (price: number, version?: number): PromotionFile => ({
  promotions: [{ id: 'avocados-3-for-3', type: 'multi-buy', label: 'Avocados 3 for $3', target: { items: ['hass-avocado'], departments: [] }, quantity: 3, price, membersOnly: false, ...(version ? { version } : {}) }],
  coupons: [],
});

describe('promotions imported into the ledger', () => {
  it('imports the demo file once; importing it again changes nothing', () => {
    const count = demo.promotions.length + demo.coupons.length;
    expect(ledger.promotions.importFile(demo, AT)).toEqual({ added: count, unchanged: 0 });
    expect(ledger.promotions.importFile(demo, AT)).toEqual({ added: 0, unchanged: count });
    const current = ledger.promotions.current();
    expect(current.promotions.map((promotion) => promotion.id).sort()).toEqual(demo.promotions.map((promotion) => promotion.id).sort());
    expect(current.coupons).toHaveLength(demo.coupons.length);
    expect(current.versions.get('avocados-3-for-3')).toBe(1);
  });

  it('refuses a bad file whole, naming the first bad field, and stores none of it', () => {
    const bad = { promotions: [...demo.promotions, { id: 'broken', type: 'percent-off', label: 'Broken', target: { items: ['bananas'] }, percentOff: 150 }], coupons: [] };
    const error = refusal(() => ledger.promotions.importFile(bad, AT));
    expect(error.field).toBe(`promotions[${demo.promotions.length}].percentOff`);
    expect(ledger.promotions.current().promotions).toEqual([]);
  });

  it('refuses new terms under a version the ledger already holds, whole, and asks for a new version', () => {
    ledger.promotions.importFile(avocados(300), AT);
    const changed: PromotionFile = { promotions: [...avocados(250).promotions, ...demo.promotions.filter((promotion) => promotion.id !== 'avocados-3-for-3')], coupons: [] };
    const error = refusal(() => ledger.promotions.importFile(changed, AT));
    expect(error.message).toMatch(/promotions\[0\]: avocados-3-for-3 version 1 is already in the ledger with other terms; publish the change as version 2/);
    expect(ledger.promotions.current().promotions.map((promotion) => promotion.id)).toEqual(['avocados-3-for-3']);
  });

  it('makes a new version current and keeps the old one readable', () => {
    ledger.promotions.importFile(avocados(300), AT);
    ledger.promotions.importFile(avocados(250, 2), AT);
    expect(ledger.promotions.current().promotions).toMatchObject([{ id: 'avocados-3-for-3', version: 2, price: 250 }]);
    expect(ledger.promotions.definition('avocados-3-for-3', 1)).toMatchObject({ price: 300 });
  });

  it('answers the promotions whose dates include a business day', () => {
    const [base] = avocados(300).promotions;
    if (!base) throw new Error('no promotion to date');
    const dated: PromotionFile = {
      promotions: [
        { ...base, id: 'november', validFrom: '2026-11-01', validTo: '2026-11-30' },
        { ...base, id: 'december', validFrom: '2026-12-01' },
        { ...base, id: 'always' },
      ],
      coupons: [],
    };
    ledger.promotions.importFile(dated, AT);
    expect(ledger.promotions.activeOn('2026-11-22').promotions.map((promotion) => promotion.id)).toEqual(['always', 'november']);
    expect(ledger.promotions.activeOn('2026-12-24').promotions.map((promotion) => promotion.id)).toEqual(['always', 'december']);
    expect(refusal(() => ledger.promotions.activeOn('22/11/2026')).field).toBe('date');
  });

  it('is append-only: a stored version cannot be edited or deleted behind the ledger’s back', () => {
    ledger.promotions.importFile(avocados(300), AT);
    const raw = new Database(ledger.file);
    try {
      expect(() => raw.prepare("UPDATE promotions SET definition = '{}'").run()).toThrow(/never changed/);
      expect(() => raw.prepare('DELETE FROM promotions').run()).toThrow(/never deleted/);
    } finally {
      raw.close();
    }
  });
});

describe('a completed sale pins the promotion versions it used', () => {
  function laneWithLedgerPromotions(): Lane {
    const promotions = ledger.promotions.current();
    const context = fixedContext(AT);
    return new Lane({
      role: 'associate',
      settings: { laneId: 'L01', currency: 'USD', taxMode: 'exclusive' },
      storeName: store.store.name,
      locale: 'en-US',
      taxCategories: ledger.catalog.taxCategories(),
      pricing: lanePricing(store, promotions),
      ledger: laneLedger(ledger, context.now, promotions.versions),
      // A card reader that approves whatever it is asked for.
      payment: {
        sale: (request) => Promise.resolve({ status: 'approved', amount: request.amount, brand: 'VISA', last4: '0119', authCode: 'A12345', reference: request.reference }),
        abort: () => Promise.resolve(),
        void: () => Promise.resolve({ status: 'declined', reason: 'not used in this test' }),
        transactionStatus: () => Promise.resolve({ state: 'unknown' }),
        onPrompt: () => undefined,
      },
      context,
      devices: () => [],
      log: pino({ level: 'silent' }),
    });
  }

  async function payByCard(lane: Lane, requestId: string): Promise<string> {
    lane.startPayment(requestId);
    await lane.settled();
    return lane.state().receipt?.saleId ?? '';
  }

  it('records version 1 for a sale priced with it, and keeps it when version 2 arrives', async () => {
    ledger.promotions.importFile(avocados(300), AT);
    const lane = laneWithLedgerPromotions();
    const basket = lane.scan('4046', 'keyed', 'req-000001', 3).basket;
    expect(basket?.savings).toEqual([{ source: 'promotion', id: 'avocados-3-for-3', label: 'Avocados 3 for $3', amount: 87 }]);
    lane.addWeighed('4011', 640, 'req-000002');
    const saleId = await payByCard(lane, 'req-000003');
    expect(saleId).not.toBe('');
    expect(ledger.promotions.usedBy(saleId)).toEqual([{ promotionId: 'avocados-3-for-3', version: 1 }]);

    ledger.promotions.importFile(avocados(250, 2), AT);
    expect(ledger.promotions.usedBy(saleId)).toEqual([{ promotionId: 'avocados-3-for-3', version: 1 }]);
    expect(ledger.promotions.definition('avocados-3-for-3', 1)).toMatchObject({ price: 300 });
  });

  it('records nothing for a sale no promotion touched', async () => {
    ledger.promotions.importFile(avocados(300), AT);
    const lane = laneWithLedgerPromotions();
    lane.scan('4046', 'keyed', 'req-000011');
    const saleId = await payByCard(lane, 'req-000012');
    expect(saleId).not.toBe('');
    expect(ledger.promotions.usedBy(saleId)).toEqual([]);
  });
});

it('the demo promotions file is valid JSON for the import (the terminal imports it at start)', () => {
  expect(() => JSON.parse(fs.readFileSync(DEMO_PROMOTIONS_FILE, 'utf8'))).not.toThrow();
});
