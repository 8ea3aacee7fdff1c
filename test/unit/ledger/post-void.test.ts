import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { migrations } from '../../../main/ledger/migrations/index.ts';
import { migrate } from '../../../main/ledger/open-database.ts';
import type { PostVoidInput } from '../../../main/ledger/post-voids.ts';
import { runLedgerCli } from '../../../main/terminal/ledger-cli.ts';
import { minute as at, saleInput, useLedger, ledgerError } from './ledger-fixture.ts';

const lane = useLedger();

function sell(target: Ledger, n: number, total: number): void {
  target.sales.completeSale(saleInput(target, n, total));
}

const voidOf = (receiptNumber: string, overrides: Partial<PostVoidInput> = {}): PostVoidInput => ({
  voidId: 'void-1',
  receiptNumber,
  laneId: 'L01',
  voidedAt: at(30),
  reason: 'customer-request',
  operatorId: '1001',
  approverId: '3001',
  requestId: 'req-void-0001',
  ...overrides,
});


describe('post-voiding a completed sale', () => {
  beforeEach(() => {
    sell(lane.ledger, 1, 549);
    sell(lane.ledger, 2, 1431);
  });

  it('appends a reversing entry to the hash chain, with its own receipt number, and queues it for HQ', () => {
    const entry = lane.ledger.postVoids.postVoid(voidOf('L01-000002'));
    expect(entry).toMatchObject({ voidId: 'void-1', seq: 3, receiptNumber: 'L01-000003', voidedSaleId: 'sale-2', voidedReceiptNumber: 'L01-000002', total: -1431, replayed: false });
    expect(entry.document).toMatchObject({ type: 'post-void', reason: 'customer-request', operatorId: '1001', approverId: '3001', refunds: [{ amount: -1431, brand: 'VISA', last4: '4242' }] });
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 3 });
    expect(lane.ledger.outbox.pending().map((message) => [message.topic, message.idempotencyKey])).toEqual([
      ['sale.completed', 'sale-1'],
      ['sale.completed', 'sale-2'],
      ['sale.postVoided', 'void-1'],
    ]);
    // The sale itself is untouched; the next sale continues the chain after the void.
    expect(lane.ledger.sales.findSale('sale-2')?.total).toBe(1431);
    sell(lane.ledger, 4, 100);
    expect(lane.ledger.sales.findSale('sale-4')?.receiptNumber).toBe('L01-000004');
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 4 });
  });

  it('post-voids a sale once: a second void is refused naming the first, a retry with the same request id answers it', () => {
    lane.ledger.postVoids.postVoid(voidOf('L01-000001'));
    expect(lane.ledger.postVoids.postVoid(voidOf('L01-000001', { voidId: 'void-again' }))).toMatchObject({ voidId: 'void-1', replayed: true });
    const again = ledgerError(() => lane.ledger.postVoids.postVoid(voidOf('L01-000001', { voidId: 'void-2', requestId: 'req-void-0002' })));
    expect(again.code).toBe('SALE_ALREADY_VOIDED');
    expect(again.message).toContain('L01-000001 was already post-voided (void L01-000003');
    expect(lane.ledger.outbox.pendingCount()).toBe(3);
  });

  it('refuses an unknown receipt and a post-void of a post-void, and writes nothing', () => {
    expect(ledgerError(() => lane.ledger.postVoids.postVoid(voidOf('L01-999999'))).code).toBe('UNKNOWN_SALE');
    lane.ledger.postVoids.postVoid(voidOf('L01-000001'));
    expect(ledgerError(() => lane.ledger.postVoids.postVoid(voidOf('L01-000003', { voidId: 'void-2', requestId: 'req-void-0002' }))).code).toBe('UNKNOWN_SALE');
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 3 });
  });

  it('the database itself refuses a second reversal of the same sale', () => {
    lane.ledger.postVoids.postVoid(voidOf('L01-000001'));
    const raw = new Database(lane.file);
    try {
      const first = z.object({ prev_hash: z.string(), hash: z.string() }).parse(raw.prepare('SELECT prev_hash, hash FROM sales WHERE seq = 3').get());
      expect(() =>
        raw
          .prepare(
            `INSERT INTO sales (sale_id, seq, kind, voids_sale_id, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash)
             VALUES ('void-x', 4, 'post-void', 'sale-1', 'L01', 'L01-000004', ?, 'USD', -549, '{}', ?, ?)`,
          )
          .run(at(40), first.hash, 'f'.repeat(64)),
      ).toThrow(/UNIQUE constraint failed: sales.voids_sale_id/);
    } finally {
      raw.close();
    }
  });
});

describe('migration 5 (post-voids join the sales journal)', () => {
  it('keeps the sales, their hashes and their payments of a ledger written before it', () => {
    lane.ledger.close();
    // Build a real version-4 ledger with sales by running only migrations 1–4 on a fresh file.
    const legacyFile = path.join(lane.dir, 'legacy.sqlite');
    const legacy = new Database(legacyFile);
    legacy.pragma('foreign_keys = ON');
    migrate(legacy, migrations.slice(0, 4));
    const hashesBefore = writeLegacySales(legacy);
    legacy.close();

    lane.ledger = Ledger.open(legacyFile);
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 2 });
    expect(lane.ledger.sales.findSale('sale-2')).toMatchObject({ receiptNumber: 'L01-000002', total: 1431, hash: hashesBefore[1] });
    expect(lane.ledger.sales.paymentsOf('sale-1')).toHaveLength(1);
    lane.ledger.postVoids.postVoid(voidOf('L01-000001'));
    expect(lane.ledger.sales.verifyChain()).toEqual({ ok: true, count: 3 });
  });
});

/** Two sales written by the version-4 code path (same hashing), straight into a version-4 schema. */
function writeLegacySales(db: Database.Database): string[] {
  const temp = path.join(lane.dir, 'source.sqlite');
  const source = Ledger.open(temp);
  sell(source, 1, 549);
  sell(source, 2, 1431);
  source.close();
  const src = new Database(temp, { readonly: true });
  const hashes: string[] = [];
  try {
    for (const table of ['baskets', 'sales', 'payments']) {
      const rows = src.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[];
      for (const row of rows) {
        const columns = Object.keys(row).filter((column) => table !== 'sales' || !['kind', 'voids_sale_id', 'returns_sale_id'].includes(column));
        db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((column) => row[column]));
        if (table === 'sales') hashes.push(String(row.hash));
      }
    }
  } finally {
    src.close();
  }
  return hashes;
}

describe('npm run ledger -- verify', () => {
  function run(args: string[]): { code: number; out: string; err: string } {
    let out = '';
    let err = '';
    const code = runLedgerCli(args, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
    return { code, out, err };
  }

  beforeEach(() => {
    for (const n of [1, 2, 3]) sell(lane.ledger, n, 100 * n);
    lane.ledger.postVoids.postVoid(voidOf('L01-000001'));
  });

  it('answers 0 for an intact ledger, counting sales and post-voids', () => {
    lane.ledger.close();
    const result = run(['verify', '--db', lane.file]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('4 entries, hash chain intact');
  });

  it('names the first broken link of a tampered copy (sale id, receipt number, what differs) and answers 1', () => {
    lane.ledger.close();
    const copy = path.join(lane.dir, 'copy.sqlite');
    fs.copyFileSync(lane.file, copy);
    const tamper = new Database(copy);
    tamper.exec('DROP TRIGGER sales_no_update');
    tamper.prepare('UPDATE sales SET total = 1 WHERE receipt_number = ?').run('L01-000002');
    tamper.close();

    const result = run(['verify', '--db', copy]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('BROKEN at entry 2');
    expect(result.err).toContain("First broken link: sale sale-2, receipt L01-000002: the hash does not match the sale's contents (the total is 1 but its receipt says 200)");
    // The original is untouched.
    expect(run(['verify', '--db', lane.file]).code).toBe(0);
  });

  it('names a forged post-void too', () => {
    lane.ledger.close();
    const copy = path.join(lane.dir, 'copy.sqlite');
    fs.copyFileSync(lane.file, copy);
    const tamper = new Database(copy);
    tamper.exec('DROP TRIGGER sales_no_update');
    tamper.prepare("UPDATE sales SET total = -5 WHERE kind = 'post-void'").run();
    tamper.close();
    const result = run(['verify', '--db', copy]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('First broken link: post-void void-1, receipt L01-000004');
  });

  it('refuses a file that is not a ledger, and bad usage', () => {
    lane.ledger.close();
    const other = path.join(lane.dir, 'other.sqlite');
    new Database(other).close();
    expect(run(['verify', '--db', other])).toMatchObject({ code: 1, err: expect.stringContaining('not a lane ledger') });
    expect(run(['verify', '--db', path.join(lane.dir, 'missing.sqlite')])).toMatchObject({ code: 1, err: expect.stringContaining('Cannot verify') });
    expect(run(['check'])).toMatchObject({ code: 2, err: expect.stringContaining('Usage: npm run ledger -- verify') });
  });
});
