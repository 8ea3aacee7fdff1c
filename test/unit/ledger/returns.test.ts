import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { migrations } from '../../../main/ledger/migrations/index.ts';
import { migrate } from '../../../main/ledger/open-database.ts';
import type { RecordReturnInput } from '../../../main/ledger/returns.ts';
import { cardPayment, minute as at, useLedger, ledgerError } from './ledger-fixture.ts';

const lane = useLedger();

/**
 * Sale n: 3 × Cola (9.00 paid) and a weighed line of apples (2.00 paid), 11.00 in all: 8.00 by
 * card, 3.00 by gift card.
 */
function sell(ledger: Ledger, n: number): { saleId: string; receiptNumber: string; giftCardId: string } {
  const card = ledger.giftCards.issue({ code: `GIFT-${n}-0001`, amount: 5000, currency: 'USD', laneId: 'L01', operatorId: '1001', reason: 'store-credit', requestId: `issue-gift-${n}`, at: at(n) });
  const basketId = `basket-${n}`;
  ledger.baskets.openBasket(basketId, 'L01', at(n));
  const lines = [
    { lineId: `line-${n}-1`, itemId: 'cola', name: 'Cola 12-pack', code: '00000000000017', soldBy: 'each', quantity: 3, amountPaid: 900 },
    { lineId: `line-${n}-2`, itemId: 'apples', name: 'Honeycrisp Apples', code: '4131', soldBy: 'weight', quantity: 1234, amountPaid: 200 },
  ];
  const done = ledger.transaction(() => {
    const completion = ledger.sales.completeSale({
      saleId: `sale-${n}`,
      basketId,
      laneId: 'L01',
      completedAt: at(n),
      currency: 'USD',
      total: 1100,
      document: (receiptNumber) => ({ receiptNumber, total: 1100, currency: 'USD', lines, tenders: [] }),
      finalEvents: [],
      payments: [cardPayment(n, 800)],
      settledByOtherTenders: 300,
    });
    ledger.shifts.recordSaleTenders(`sale-${n}`, 'L01', '2026-03-14', [
      { tenderId: `pay-${n}`, method: 'card', amount: 800, tendered: 800, change: 0, rounding: 0, giftCardId: null, takenAt: at(n) },
      { tenderId: `gift-${n}`, method: 'gift-card', amount: 300, tendered: 300, change: 0, rounding: 0, giftCardId: card.cardId, takenAt: at(n) },
    ]);
    return completion;
  });
  return { saleId: done.saleId, receiptNumber: done.receiptNumber, giftCardId: card.cardId };
}

function returnOf(saleId: string, n: number, overrides: Partial<RecordReturnInput> = {}): RecordReturnInput {
  return {
    returnId: `rtn-${n}`,
    saleId,
    laneId: 'L01',
    returnedAt: at(30 + n),
    currency: 'USD',
    operatorId: '1001',
    approverId: null,
    requestId: `req-return-${n}`,
    lines: [{ lineId: 'line-1-1', itemCode: '00000000000017', name: 'Cola 12-pack', soldBy: 'each', units: 1, grams: null, amount: 300 }],
    refunds: [{ method: 'card', amount: 300, tenderId: 'pay-1', giftCardId: null, card: { brand: 'VISA', last4: '4242', authCode: 'R1', reference: `RF-${n}` } }],
    document: (receiptNumber) => ({ type: 'return', receiptNumber, total: -300, currency: 'USD' }),
    ...overrides,
  };
}


const count = (ledger: Ledger, table: string): number => {
  const db = new Database(ledger.file, { readonly: true });
  try {
    return Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  } finally {
    db.close();
  }
};

describe('a return by receipt in the ledger', () => {
  it('is an entry of the hash chain with its own receipt number, queued for HQ, and the chain still verifies', () => {
    const { saleId } = sell(lane.ledger, 1);
    const entry = lane.ledger.returns.record(returnOf(saleId, 1));
    expect(entry).toMatchObject({ returnId: 'rtn-1', seq: 2, receiptNumber: 'L01-000002', saleId: 'sale-1', total: -300, replayed: false });
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 2 });
    expect(lane.ledger.outbox.pending().map((message) => [message.topic, message.idempotencyKey])).toContainEqual(['sale.returned', 'rtn-1']);
    expect(lane.ledger.returns.returnedUnits(saleId)).toEqual(new Map([['line-1-1', 1]]));
    expect(lane.ledger.returns.refundedByTender(saleId)).toEqual(new Map([['pay-1', 300]]));
    // The sale after it continues the chain; a retry of the same request answers the committed return.
    sell(lane.ledger, 3);
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 3 });
    expect(lane.ledger.returns.record(returnOf(saleId, 1))).toMatchObject({ returnId: 'rtn-1', receiptNumber: 'L01-000002', replayed: true });
  });

  it('accumulates returns of one sale and refuses returning more than was sold, even after a restart', () => {
    const { saleId } = sell(lane.ledger, 1);
    const cola = { lineId: 'line-1-1', itemCode: '00000000000017', name: 'Cola 12-pack', soldBy: 'each' as const, units: 2, grams: null, amount: 600 };
    const two = [cola];
    lane.ledger.returns.record(returnOf(saleId, 1));
    lane.ledger.close();
    lane.ledger = Ledger.open(lane.file);
    const refused = ledgerError(() =>
      lane.ledger.returns.record(returnOf(saleId, 2, { lines: [{ ...cola, units: 3, amount: 900 }], refunds: [{ method: 'card', amount: 900, tenderId: 'pay-1', giftCardId: null, card: { brand: 'VISA', last4: '4242', authCode: 'R2', reference: 'RF-2' } }] })),
    );
    expect(refused.code).toBe('ALREADY_RETURNED');
    expect(refused.message).toMatch(/2 of 3 unit\(s\) left/);
    lane.ledger.returns.record(returnOf(saleId, 2, { lines: two, refunds: [{ method: 'card', amount: 500, tenderId: 'pay-1', giftCardId: null, card: { brand: 'VISA', last4: '4242', authCode: 'R2', reference: 'RF-2' } }, { method: 'gift-card', amount: 100, tenderId: 'gift-1', giftCardId: null, card: null }] }));
    expect(lane.ledger.returns.returnedUnits(saleId).get('line-1-1')).toBe(3);
    expect(ledgerError(() => lane.ledger.returns.record(returnOf(saleId, 3))).code).toBe('ALREADY_RETURNED');
    expect(lane.ledger.returns.returnsOf(saleId).map((entry) => entry.total)).toEqual([-300, -600]);
  });

  it('the database itself refuses a line beyond what was sold and a tender refunded beyond what it paid', () => {
    const { saleId } = sell(lane.ledger, 1);
    lane.ledger.returns.record(returnOf(saleId, 1));
    lane.ledger.close();
    const db = new Database(lane.file);
    try {
      db.pragma('foreign_keys = ON');
      expect(() => db.prepare("INSERT INTO return_lines (return_id, sale_id, line_id, item_code, units, line_units, amount) VALUES ('rtn-1', 'sale-1', 'line-1-1', 'x', 3, 3, 0)").run()).toThrowError(/beyond what was sold/);
      expect(() => db.prepare("INSERT INTO return_refunds (return_id, sale_id, tender_id, method, amount, tender_paid, reference) VALUES ('rtn-1', 'sale-1', 'pay-1', 'card', 501, 800, 'RF-9')").run()).toThrowError(/more than it paid/);
      expect(() => db.prepare("UPDATE return_lines SET units = 1").run()).toThrowError(/append-only/);
      expect(() => db.prepare("DELETE FROM returns").run()).toThrowError(/append-only/);
    } finally {
      db.close();
    }
    lane.ledger = Ledger.open(lane.file);
  });

  it('refuses returning a weighed line in part, a line the sale does not have, and refunds that do not add up', () => {
    const { saleId } = sell(lane.ledger, 1);
    const apples = { lineId: 'line-1-2', itemCode: '4131', name: 'Honeycrisp Apples', soldBy: 'weight' as const, units: 2, grams: 1234, amount: 200 };
    const card = (amount: number) => [{ method: 'card' as const, amount, tenderId: 'pay-1', giftCardId: null, card: { brand: 'VISA', last4: '4242', authCode: 'R', reference: 'RF-x' } }];
    expect(ledgerError(() => lane.ledger.returns.record(returnOf(saleId, 1, { lines: [apples], refunds: card(200) }))).code).toBe('ALREADY_RETURNED');
    expect(ledgerError(() => lane.ledger.returns.record(returnOf(saleId, 1, { lines: [{ ...apples, lineId: 'line-9', units: 1 }], refunds: card(200) }))).field).toBe('lines[0].lineId');
    expect(ledgerError(() => lane.ledger.returns.record(returnOf(saleId, 1, { refunds: card(299) }))).field).toBe('refunds');
    expect(lane.ledger.returns.record(returnOf(saleId, 1, { lines: [{ ...apples, units: 1 }], refunds: card(200) })).total).toBe(-200);
  });

  it('writes nothing when the transaction it is part of fails (a crash before commit)', () => {
    const { saleId } = sell(lane.ledger, 1);
    const before = ['sales', 'returns', 'return_lines', 'return_refunds', 'outbox'].map((table) => count(lane.ledger, table));
    expect(() =>
      lane.ledger.transaction(() => {
        lane.ledger.returns.record(returnOf(saleId, 1));
        // The cash or gift card movement that belongs to the return fails: all of it goes.
        throw new Error('power cut');
      }),
    ).toThrowError('power cut');
    expect(['sales', 'returns', 'return_lines', 'return_refunds', 'outbox'].map((table) => count(lane.ledger, table))).toEqual(before);
    expect(lane.ledger.returns.returnedUnits(saleId).size).toBe(0);
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 1 });
  });

  it('a post-voided sale cannot be returned, and a sale with returns cannot be post-voided', () => {
    const first = sell(lane.ledger, 1);
    const second = sell(lane.ledger, 2);
    lane.ledger.postVoids.postVoid({ voidId: 'void-1', receiptNumber: first.receiptNumber, laneId: 'L01', voidedAt: at(20), reason: 'customer-request', operatorId: '1001', approverId: '3001', requestId: 'req-void-0001' });
    expect(ledgerError(() => lane.ledger.returns.record(returnOf(first.saleId, 1))).code).toBe('SALE_ALREADY_VOIDED');
    lane.ledger.returns.record(
      returnOf(second.saleId, 2, {
        lines: [{ lineId: 'line-2-1', itemCode: '00000000000017', name: 'Cola 12-pack', soldBy: 'each', units: 1, grams: null, amount: 300 }],
        refunds: [{ method: 'card', amount: 300, tenderId: 'pay-2', giftCardId: null, card: { brand: 'VISA', last4: '4242', authCode: 'R1', reference: 'RF-2' } }],
      }),
    );
    const refused = ledgerError(() => lane.ledger.postVoids.postVoid({ voidId: 'void-2', receiptNumber: second.receiptNumber, laneId: 'L01', voidedAt: at(40), reason: 'customer-request', operatorId: '1001', approverId: '3001', requestId: 'req-void-0002' }));
    expect(refused.code).toBe('SALE_HAS_RETURNS');
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 4 });
  });

  it('finds the lowest unit price paid for an item in recent sales that stand', () => {
    sell(lane.ledger, 1);
    expect(lane.ledger.returns.lowestPaidUnitPrice('cola', at(0))).toBe(300);
    expect(lane.ledger.returns.lowestPaidUnitPrice('cola', at(2))).toBeNull();
    // Weighed lines have no unit price to compare.
    expect(lane.ledger.returns.lowestPaidUnitPrice('apples', at(0))).toBeNull();
  });
});

describe('migration 7 (returns join the sales journal)', () => {
  it('keeps the sales, post-voids and their hashes of a version-6 ledger, which then take returns', () => {
    lane.ledger.close();
    const file = path.join(lane.dir, 'v6.sqlite');
    const legacy = new Database(file);
    legacy.pragma('foreign_keys = ON');
    migrate(legacy, migrations.slice(0, 6));
    legacy.close();
    // A version-6 ledger written by the version-6 code path: sales and a post-void, chained.
    const v6 = Ledger.open(path.join(lane.dir, 'source.sqlite'));
    sell(v6, 1);
    sell(v6, 2);
    v6.postVoids.postVoid({ voidId: 'void-1', receiptNumber: 'L01-000001', laneId: 'L01', voidedAt: at(20), reason: 'other', operatorId: '1001', approverId: '3001', requestId: 'req-void-0001' });
    v6.close();
    const target = new Database(file);
    const source = new Database(path.join(lane.dir, 'source.sqlite'), { readonly: true });
    try {
      for (const table of ['gift_cards', 'gift_card_movements', 'baskets', 'sales', 'payments', 'sale_tenders']) {
        for (const row of source.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[]) {
          const columns = Object.keys(row).filter((column) => column !== 'returns_sale_id');
          target.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((column) => row[column]));
        }
      }
    } finally {
      source.close();
      target.close();
    }
    lane.ledger = Ledger.open(file);
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 3 });
    lane.ledger.returns.record(
      returnOf('sale-2', 2, {
        lines: [{ lineId: 'line-2-1', itemCode: '00000000000017', name: 'Cola 12-pack', soldBy: 'each', units: 1, grams: null, amount: 300 }],
        refunds: [{ method: 'card', amount: 300, tenderId: 'pay-2', giftCardId: null, card: { brand: 'VISA', last4: '4242', authCode: 'R1', reference: 'RF-2' } }],
      }),
    );
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 4 });
  });
});
