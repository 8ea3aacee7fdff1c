import type Database from 'better-sqlite3';
import { z } from 'zod';
import { IdSchema } from '../../common/ids.ts';
import { PostVoidReasonSchema, type PostVoidReason } from '../../common/session.ts';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema, OptionalRequestIdSchema } from './journal-event.ts';
import type { OutboxRepository } from './outbox.ts';
import { canonicalJson, entryHash, GENESIS_HASH } from './sale-hash.ts';
import { nextReceiptNumber, type SalesJournal } from './sales-journal.ts';

/**
 * What post-voids a completed sale:
 * - `voidId`: the id of the reversing entry (also the outbox key HQ dedupes by);
 * - `receiptNumber`: the receipt of the sale to reverse;
 * - `laneId`, `voidedAt`: where and when it is voided (the void gets that lane's next number);
 * - `reason`, `operatorId`, `approverId`: why and by whom (the approver of a step-up, or null);
 * - `requestId`: the caller's idempotency key; a retry with it answers the committed void.
 */
export interface PostVoidInput {
  readonly voidId: string;
  readonly receiptNumber: string;
  readonly laneId: string;
  readonly voidedAt: string;
  readonly reason: PostVoidReason;
  readonly operatorId: string | null;
  readonly approverId: string | null;
  readonly requestId?: string;
}

export interface PostVoidEntry {
  readonly voidId: string;
  readonly seq: number;
  readonly receiptNumber: string;
  readonly voidedSaleId: string;
  readonly voidedReceiptNumber: string;
  readonly currency: string;
  readonly total: number;
  readonly voidedAt: string;
  readonly document: Record<string, unknown>;
  readonly replayed: boolean;
}

const PostVoidInputSchema = z.object({
  voidId: IdSchema,
  receiptNumber: z.string().trim().min(1).max(32),
  laneId: z.string().min(1).max(16),
  voidedAt: IsoTimeSchema,
  reason: PostVoidReasonSchema,
  operatorId: z.string().max(32).nullable(),
  approverId: z.string().max(32).nullable(),
  requestId: OptionalRequestIdSchema,
});

const VoidRow = z.object({
  sale_id: z.string(),
  seq: z.number().int(),
  voids_sale_id: z.string(),
  receipt_number: z.string(),
  completed_at: z.string(),
  currency: z.string(),
  total: z.number().int(),
  document: z.string(),
});
const ChainEnd = z.object({ seq: z.number().int(), hash: z.string() });

/**
 * Post-voids: a completed sale is reversed by a new entry at the end of the sales journal (kind
 * `post-void`, the negated total, chained like sales), never by changing the sale. A sale is
 * post-voided at most once (a unique index keeps it so).
 */
export class PostVoids {
  readonly #db: Database.Database;
  readonly #sales: SalesJournal;
  readonly #outbox: OutboxRepository;

  constructor(db: Database.Database, sales: SalesJournal, outbox: OutboxRepository) {
    this.#db = db;
    this.#sales = sales;
    this.#outbox = outbox;
  }

  /** Records the reversal and queues `sale.postVoided` for HQ, in one transaction. */
  postVoid(input: PostVoidInput): PostVoidEntry {
    const request = parseInput(PostVoidInputSchema, input, '');
    const db = this.#db;
    return db.transaction((): PostVoidEntry => {
      const sale = this.#sales.findByReceiptNumber(request.receiptNumber);
      if (!sale) throw new LedgerError('UNKNOWN_SALE', `receiptNumber: no completed sale has the receipt number ${request.receiptNumber}`, 'receiptNumber');
      const earlier = this.voidOf(sale.saleId);
      if (earlier) {
        if (request.requestId !== undefined && earlier.document.requestId === request.requestId) return { ...earlier, replayed: true };
        throw new LedgerError(
          'SALE_ALREADY_VOIDED',
          `receiptNumber: the sale ${sale.receiptNumber} was already post-voided (void ${earlier.receiptNumber} at ${earlier.voidedAt})`,
          'receiptNumber',
        );
      }
      const returned: unknown = db.prepare("SELECT receipt_number FROM sales WHERE kind = 'return' AND returns_sale_id = ? ORDER BY seq LIMIT 1").pluck().get(sale.saleId);
      if (returned !== undefined) {
        throw new LedgerError(
          'SALE_HAS_RETURNS',
          `receiptNumber: items of the sale ${sale.receiptNumber} were returned (return ${String(returned)}); return the rest instead of post-voiding it`,
          'receiptNumber',
        );
      }
      const end: unknown = db.prepare('SELECT seq, hash FROM sales ORDER BY seq DESC LIMIT 1').get();
      const last = end === undefined ? null : ChainEnd.parse(end);
      const receiptNumber = nextReceiptNumber(db, request.laneId);
      const total = -sale.total;
      const document = {
        type: 'post-void',
        receiptNumber,
        voidsSaleId: sale.saleId,
        voidsReceiptNumber: sale.receiptNumber,
        laneId: request.laneId,
        voidedAt: request.voidedAt,
        currency: sale.currency,
        total,
        reason: request.reason,
        operatorId: request.operatorId,
        approverId: request.approverId,
        requestId: request.requestId ?? null,
        // The tenders to give back: what a receipt may show of them, nothing more.
        refunds: this.#sales.paymentsOf(sale.saleId).map((payment) => ({
          method: payment.method,
          amount: -payment.amount,
          brand: payment.brand,
          last4: payment.last4,
          reference: payment.reference,
        })),
      };
      const row = {
        kind: 'post-void' as const,
        sale_id: request.voidId,
        seq: (last?.seq ?? 0) + 1,
        basket_id: null,
        voids_sale_id: sale.saleId,
        lane_id: request.laneId,
        receipt_number: receiptNumber,
        completed_at: request.voidedAt,
        currency: sale.currency,
        total,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = entryHash(prevHash, row, document);
      db.prepare(
        `INSERT INTO sales (sale_id, seq, kind, basket_id, voids_sale_id, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash)
         VALUES (?, ?, 'post-void', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(row.sale_id, row.seq, row.voids_sale_id, row.lane_id, row.receipt_number, row.completed_at, row.currency, row.total, canonicalJson(document), prevHash, hash);
      this.#outbox.enqueue('sale.postVoided', request.voidId, document, request.voidedAt);
      return {
        voidId: request.voidId,
        seq: row.seq,
        receiptNumber,
        voidedSaleId: sale.saleId,
        voidedReceiptNumber: sale.receiptNumber,
        currency: sale.currency,
        total,
        voidedAt: request.voidedAt,
        document,
        replayed: false,
      };
    })();
  }

  /** The post-void of a sale, or null when the sale stands. */
  voidOf(saleId: string): Omit<PostVoidEntry, 'replayed'> | null {
    const found: unknown = this.#db
      .prepare("SELECT sale_id, seq, voids_sale_id, receipt_number, completed_at, currency, total, document FROM sales WHERE kind = 'post-void' AND voids_sale_id = ?")
      .get(saleId);
    if (found === undefined) return null;
    const row = VoidRow.parse(found);
    const voided = this.#sales.findSale(row.voids_sale_id);
    return {
      voidId: row.sale_id,
      seq: row.seq,
      receiptNumber: row.receipt_number,
      voidedSaleId: row.voids_sale_id,
      voidedReceiptNumber: voided?.receiptNumber ?? '',
      currency: row.currency,
      total: row.total,
      voidedAt: row.completed_at,
      document: z.record(z.string(), z.unknown()).parse(JSON.parse(row.document)),
    };
  }
}
