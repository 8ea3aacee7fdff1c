import type Database from 'better-sqlite3';
import { z } from 'zod';
import { GENESIS_HASH, saleHash, type PostVoidHashFields, type SaleHashFields } from './sale-hash.ts';

/** The first broken link of the sales journal, named so a person can find it. */
export interface BrokenLink {
  readonly ok: false;
  readonly brokenAtSeq: number;
  readonly saleId: string;
  readonly receiptNumber: string;
  readonly kind: 'sale' | 'post-void';
  readonly reason: string;
}
export type ChainVerdict = { readonly ok: true; readonly count: number } | BrokenLink;

const EntryRow = z.object({
  sale_id: z.string(),
  seq: z.number().int(),
  kind: z.enum(['sale', 'post-void']),
  basket_id: z.string().nullable(),
  voids_sale_id: z.string().nullable(),
  lane_id: z.string(),
  receipt_number: z.string(),
  completed_at: z.string(),
  currency: z.string(),
  total: z.number().int(),
  document: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});
type EntryRow = z.infer<typeof EntryRow>;

/** What the hash of an entry covers (see sale-hash.ts); a sale's fields predate post-voids. */
export function entryHashFields(row: Omit<EntryRow, 'document' | 'prev_hash' | 'hash'>, document: unknown): SaleHashFields | PostVoidHashFields {
  if (row.kind === 'post-void') {
    return {
      kind: 'post-void',
      sale_id: row.sale_id,
      seq: row.seq,
      voids_sale_id: row.voids_sale_id ?? '',
      lane_id: row.lane_id,
      receipt_number: row.receipt_number,
      completed_at: row.completed_at,
      currency: row.currency,
      total: row.total,
      document,
    };
  }
  return {
    sale_id: row.sale_id,
    seq: row.seq,
    basket_id: row.basket_id ?? '',
    lane_id: row.lane_id,
    receipt_number: row.receipt_number,
    completed_at: row.completed_at,
    currency: row.currency,
    total: row.total,
    document,
  };
}

/**
 * A hash tells that an entry changed, not what changed. Its receipt document repeats the
 * columns a forger is most likely to touch, so a disagreement between them says what.
 */
function whatDiffers(row: EntryRow, document: unknown): string | null {
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
 * from 2 on: before post-voids every entry is a sale).
 */
export function verifySalesChain(db: Database.Database): ChainVerdict {
  const columns = hasColumn(db, 'sales', 'kind') ? 'kind, basket_id, voids_sale_id' : "'sale' AS kind, basket_id, NULL AS voids_sale_id";
  const select = `SELECT sale_id, seq, ${columns}, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash FROM sales ORDER BY seq`;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let prevReceipt = '';
  for (const found of db.prepare(select).iterate()) {
    const row = EntryRow.parse(found);
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
    if (saleHash(row.prev_hash, entryHashFields(row, document)) !== row.hash) {
      const differs = whatDiffers(row, document);
      return broken(`the hash does not match the sale's contents${differs === null ? '' : ` (${differs})`}`);
    }
    prevHash = row.hash;
    prevReceipt = row.receipt_number;
    expectedSeq += 1;
  }
  return { ok: true, count: expectedSeq - 1 };
}
