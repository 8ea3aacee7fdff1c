import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LedgerError } from '../../../main/ledger/errors.ts';
import { saleHash } from '../../../main/ledger/sale-hash.ts';
import { cardPayment, minute, saleInput, useLedger } from './ledger-fixture.ts';

const lane = useLedger();
let raw: Database.Database;

beforeEach(() => {
  // A second connection to the same file, as a tool (or an attacker) with sqlite3 would have.
  raw = new Database(lane.file);
});
afterEach(() => {
  raw.close();
});

const at = minute;
const payment = cardPayment;

function count(table: string): number {
  return z.number().parse(raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
}

describe('journal tables refuse UPDATE and DELETE', () => {
  beforeEach(() => {
    lane.ledger.sales.completeSale(saleInput(lane.ledger, 1));
  });

  it.each([
    ['basket_events', "UPDATE basket_events SET type = 'item.voided'", 'basket events journal is append-only'],
    ['basket_events', 'DELETE FROM basket_events', 'basket events journal is append-only'],
    ['sales', 'UPDATE sales SET total = 0', 'sales journal is append-only'],
    ['sales', 'DELETE FROM sales', 'sales journal is append-only'],
    ['payments', "UPDATE payments SET last4 = '0000'", 'payments journal is append-only'],
    ['payments', 'DELETE FROM payments', 'payments journal is append-only'],
    ['baskets', 'DELETE FROM baskets', 'baskets are never deleted'],
    ['baskets', "UPDATE baskets SET outcome = 'cancelled'", 'a closed basket cannot be changed'],
    ['outbox', `UPDATE outbox SET payload = '{"total":0}'`, 'an outbox message cannot be changed, only its delivery'],
    ['outbox', 'DELETE FROM outbox', 'an unsent outbox message cannot be deleted'],
  ])('%s: %s is refused', (table, sql, message) => {
    const before = raw.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
    expect(() => raw.prepare(sql).run()).toThrow(message);
    expect(raw.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()).toEqual(before);
  });

  it('refuses events for a closed basket', () => {
    expect(() =>
      raw.prepare("INSERT INTO basket_events (basket_id, seq, type, payload, recorded_at) VALUES ('basket-1', 99, 'item.added', '{}', ?)").run(at(5)),
    ).toThrow('events cannot be added to a closed basket');
  });

  it('refuses changing who an open basket belongs to', () => {
    lane.ledger.baskets.openBasket('basket-2', 'L01', at(2));
    expect(() => raw.prepare("UPDATE baskets SET lane_id = 'L02' WHERE basket_id = 'basket-2'").run()).toThrow('only closing a basket may change it');
  });

  it('refuses a sale that does not extend the end of the chain', () => {
    const insert = raw.prepare(
      `INSERT INTO sales (sale_id, seq, basket_id, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash)
       VALUES ('forged', 2, 'basket-1', 'L01', 'L01-999999', ?, 'USD', 1, '{}', ?, ?)`,
    );
    expect(() => insert.run(at(9), '0'.repeat(64), 'f'.repeat(64))).toThrow('a sale must extend the end of the sales journal');
  });

  it('still lets the sync worker record deliveries, and prune what was sent', () => {
    const [entry] = lane.ledger.outbox.pending();
    if (entry === undefined) throw new Error('expected the sale in the outbox');
    expect(lane.ledger.outbox.markFailed(entry.outboxId, 'HQ unreachable')).toBe(true);
    expect(lane.ledger.outbox.markSent([entry.outboxId], at(30))).toBe(1);
    expect(raw.prepare('DELETE FROM outbox WHERE outbox_id = ?').run(entry.outboxId).changes).toBe(1);
  });
});

describe('completing a sale', () => {
  it('commits the sale, its payments, the closed basket and its outbox row together', () => {
    const sale = lane.ledger.sales.completeSale(saleInput(lane.ledger, 1));
    expect(sale).toMatchObject({ saleId: 'sale-1', seq: 1, receiptNumber: 'L01-000001', replayed: false });
    expect(lane.ledger.sales.paymentsOf('sale-1')).toEqual([payment(1, 549)]);
    expect(lane.ledger.baskets.findOpenBasket('L01')).toBeNull();
    expect(lane.ledger.outbox.pending()).toEqual([
      expect.objectContaining({ topic: 'sale.completed', idempotencyKey: 'sale-1', payload: sale.document, attempts: 0 }),
    ]);
  });

  it('answers a retry with the committed sale and queues nothing twice', () => {
    const input = saleInput(lane.ledger, 1);
    const first = lane.ledger.sales.completeSale(input);
    const again = lane.ledger.sales.completeSale(input);
    expect(again).toEqual({ ...first, replayed: true });
    expect(count('sales')).toBe(1);
    expect(count('payments')).toBe(1);
    expect(count('outbox')).toBe(1);
  });

  it('writes nothing at all when the outbox row cannot be written', () => {
    const input = saleInput(lane.ledger, 1);
    // Someone already used the sale's outbox key for another message: the enqueue is refused.
    lane.ledger.outbox.enqueue('inventory.adjusted', 'sale-1', { sku: 'x' }, at(0));
    const eventsBefore = lane.ledger.baskets.events('basket-1');

    expect(() => lane.ledger.sales.completeSale(input)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_CONFLICT' }) as Error);

    expect(lane.ledger.sales.findSale('sale-1')).toBeNull();
    expect(count('sales')).toBe(0);
    expect(count('payments')).toBe(0);
    expect(count('outbox')).toBe(1);
    expect(lane.ledger.baskets.events('basket-1')).toEqual(eventsBefore);
    expect(lane.ledger.baskets.findOpenBasket('L01')?.basketId).toBe('basket-1');
  });

  it('writes nothing when a payment cannot be recorded', () => {
    lane.ledger.sales.completeSale(saleInput(lane.ledger, 1));
    const input = { ...saleInput(lane.ledger, 2), payments: [payment(1, 549)] }; // pay-1 belongs to sale 1
    expect(() => lane.ledger.sales.completeSale(input)).toThrow(LedgerError);
    expect(count('sales')).toBe(1);
    expect(count('outbox')).toBe(1);
    expect(lane.ledger.baskets.findOpenBasket('L01')?.basketId).toBe('basket-2');
  });

  it('refuses payments that do not add up to the total', () => {
    const input = { ...saleInput(lane.ledger, 1), payments: [payment(1, 500)] };
    expect(() => lane.ledger.sales.completeSale(input)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'payments' }) as Error);
    expect(count('sales')).toBe(0);
  });

  it.each([
    ['a date', { printedAt: new Date(0) }, 'document.printedAt'],
    ['a number that is not finite', { total: Number.NaN }, 'document.total'],
    ['an array', [1, 2], 'document'],
  ])('refuses a receipt holding %s, naming the field, and writes nothing', (_what, document, field) => {
    const input = { ...saleInput(lane.ledger, 1), document: () => document };
    expect(() => lane.ledger.sales.completeSale(input)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field }) as Error);
    expect(count('sales')).toBe(0);
    expect(count('outbox')).toBe(0);
    expect(lane.ledger.baskets.findOpenBasket('L01')?.basketId).toBe('basket-1');
  });
});

describe('the hash chain', () => {
  const SaleRow = z.object({
    sale_id: z.string(),
    seq: z.number(),
    basket_id: z.string(),
    lane_id: z.string(),
    receipt_number: z.string(),
    completed_at: z.string(),
    currency: z.string(),
    total: z.number(),
    document: z.string(),
    prev_hash: z.string(),
  });

  beforeEach(() => {
    for (const n of [1, 2, 3]) lane.ledger.sales.completeSale(saleInput(lane.ledger, n, 100 * n));
  });

  it('verifies an untouched journal', () => {
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 3 });
  });

  it('names the sale whose contents were edited behind the triggers', () => {
    raw.exec('DROP TRIGGER sales_no_update');
    raw.prepare('UPDATE sales SET total = 1 WHERE seq = 2').run();
    expect(lane.ledger.sales.verifyChain()).toEqual({
      ok: false,
      brokenAtSeq: 2,
      saleId: 'sale-2',
      receiptNumber: 'L01-000002',
      kind: 'sale',
      reason: "the hash does not match the sale's contents (the total is 1 but its receipt says 200)",
    });
  });

  it('notices an edited sale even when its own hash was recomputed', () => {
    raw.exec('DROP TRIGGER sales_no_update');
    const row = SaleRow.parse(raw.prepare('SELECT * FROM sales WHERE seq = 2').get());
    const forged = { ...row, total: 1 };
    const { document, prev_hash: prevHash, ...columns } = forged;
    const hash = saleHash(prevHash, { ...columns, document: z.unknown().parse(JSON.parse(document)) });
    raw.prepare('UPDATE sales SET total = 1, hash = ? WHERE seq = 2').run(hash);
    expect(lane.ledger.sales.verifyChain()).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'prev_hash is not the hash of sale 2 (receipt L01-000002)' });
  });

  it('notices a deleted sale', () => {
    raw.exec('PRAGMA foreign_keys = OFF; DROP TRIGGER sales_no_delete');
    raw.prepare('DELETE FROM sales WHERE seq = 2').run();
    expect(lane.ledger.sales.verifyChain()).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'sale 2 is missing (found 3 next)' });
  });
});
