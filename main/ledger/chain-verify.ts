import type Database from 'better-sqlite3';
import { z } from 'zod';
import { entryHash, GENESIS_HASH, JournalEntryRow } from './sale-hash.ts';

/** The first broken link of the sales journal, named so a person can find it. */
export interface BrokenLink {
  readonly ok: false;
  readonly brokenAtSeq: number;
  readonly saleId: string;
  readonly receiptNumber: string;
  readonly kind: 'sale' | 'post-void' | 'return';
  readonly reason: string;
}
export type ChainVerdict = { readonly ok: true; readonly count: number } | BrokenLink;

/**
 * A hash tells that an entry changed, not what changed. Its receipt document repeats the
 * columns a forger is most likely to touch, so a disagreement between them says what.
 */
function whatDiffers(row: JournalEntryRow, document: unknown): string | null {
  if (typeof document !== 'object' || document === null) return null;
  const doc = document as Record<string, unknown>;
  const differences: string[] = [];
  if (typeof doc.total === 'number' && doc.total !== row.total) differences.push(`the total is ${row.total} but its receipt says ${doc.total}`);
  if (typeof doc.receiptNumber === 'string' && doc.receiptNumber !== row.receipt_number) {
    differences.push(`the receipt number is ${row.receipt_number} but its receipt says ${doc.receiptNumber}`);
  }
  if (typeof doc.currency === 'string' && doc.currency !== row.currency) differences.push(`the currency is ${row.currency} but its receipt says ${doc.currency}`);
  return differences.length === 0 ? null : differences.join('; ');
}

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  return db
    .prepare(`PRAGMA table_info(${table})`)
    .all()
    .some((row) => z.object({ name: z.string() }).parse(row).name === column);
}

/**
 * Walks the sales journal from its first entry, recomputing every hash, and names the first
 * broken link. Reads only, so it can check a copy of a ledger as it is (any schema version
 * from 2 on: before post-voids every entry is a sale, before returns none names a returned sale).
 */
export function verifySalesChain(db: Database.Database): ChainVerdict {
  const kinds = hasColumn(db, 'sales', 'kind') ? 'kind, basket_id, voids_sale_id' : "'sale' AS kind, basket_id, NULL AS voids_sale_id";
  const columns = `${kinds}, ${hasColumn(db, 'sales', 'returns_sale_id') ? 'returns_sale_id' : 'NULL AS returns_sale_id'}`;
  const select = `SELECT sale_id, seq, ${columns}, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash FROM sales ORDER BY seq`;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let prevReceipt = '';
  for (const found of db.prepare(select).iterate()) {
    const row = JournalEntryRow.parse(found);
    const broken = (reason: string): BrokenLink => ({
      ok: false,
      brokenAtSeq: row.seq,
      saleId: row.sale_id,
      receiptNumber: row.receipt_number,
      kind: row.kind,
      reason,
    });
    if (row.seq !== expectedSeq) return broken(`sale ${expectedSeq} is missing (found ${row.seq} next)`);
    if (row.prev_hash !== prevHash) return broken(`prev_hash is not the hash of sale ${expectedSeq - 1} (receipt ${prevReceipt})`);
    let document: unknown;
    try {
      document = JSON.parse(row.document);
    } catch {
      return broken('the document is not valid JSON');
    }
    if (entryHash(row.prev_hash, row, document) !== row.hash) {
      const differs = whatDiffers(row, document);
      return broken(`the hash does not match the sale's contents${differs === null ? '' : ` (${differs})`}`);
    }
    prevHash = row.hash;
    prevReceipt = row.receipt_number;
    expectedSeq += 1;
  }
  return { ok: true, count: expectedSeq - 1 };
}
