import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';

const SaleRow = z.object({ sale_id: z.string(), receipt_number: z.string(), total: z.number(), currency: z.string(), document: z.string() });
const OutboxRow = z.object({ topic: z.string(), idempotency_key: z.string(), payload: z.string() });

/** Reads what a terminal committed, straight from its ledger file (read-only). */
export function readLedger(dataDir: string): { sales: z.infer<typeof SaleRow>[]; outbox: z.infer<typeof OutboxRow>[] } {
  const db = new Database(path.join(dataDir, 'ledger.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return {
      sales: db.prepare('SELECT sale_id, receipt_number, total, currency, document FROM sales ORDER BY seq').all().map((row) => SaleRow.parse(row)),
      outbox: db.prepare('SELECT topic, idempotency_key, payload FROM outbox ORDER BY outbox_id').all().map((row) => OutboxRow.parse(row)),
    };
  } finally {
    db.close();
  }
}
