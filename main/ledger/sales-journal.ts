import type Database from 'better-sqlite3';
import { z } from 'zod';
import { IdSchema } from '../../common/ids.ts';
import { CurrencyCodeSchema, MinorSchema } from '../../common/money.ts';
import type { BasketJournal } from './basket-journal.ts';
import { containsCardNumber } from './card-data.ts';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema, JournalEventsSchema, OptionalRequestIdSchema, type JournalEvent } from './journal-event.ts';
import type { OutboxRepository } from './outbox.ts';
import { verifySalesChain, type ChainVerdict } from './chain-verify.ts';
import { CanonicalText, canonicalJson, entryHash, GENESIS_HASH, JournalEntryRow } from './sale-hash.ts';

/** The receipt as HQ and a reprint need it: any JSON object. */
export const SaleDocumentSchema = z.record(z.string(), z.json());
export type SaleDocument = z.infer<typeof SaleDocumentSchema>;

const noCardNumber = (text: string, ctx: z.RefinementCtx): void => {
  if (containsCardNumber(text)) ctx.addIssue({ code: 'custom', message: 'looks like a card number; only the brand and last four digits may be stored' });
};

/** An approved card payment as the ledger keeps it: what a receipt may show, nothing more. */
export const CardPaymentSchema = z.strictObject({
  paymentId: IdSchema,
  method: z.literal('card'),
  amount: MinorSchema.positive(),
  brand: z.string().min(1).max(20).superRefine(noCardNumber),
  last4: z.string().regex(/^\d{4}$/, 'the last four digits of the card'),
  authCode: z.string().min(1).max(12).superRefine(noCardNumber),
  reference: z.string().min(1).max(64).superRefine(noCardNumber),
  approvedAt: IsoTimeSchema,
});
export type CardPayment = z.infer<typeof CardPaymentSchema>;

/**
 * What completes a sale, all committed in one transaction:
 * - `saleId`: the engine's id of the sale (from `basket.completed`); also the outbox key HQ
 *   dedupes by. Completing the same basket again with the same id answers the committed sale.
 * - `basketId`, `laneId`: the open basket being completed and the lane it is open on.
 * - `completedAt`: ISO 8601 time of completion; `currency`: ISO 4217; `total`: minor units.
 * - `document`: the receipt (a JSON object), or a function that builds it from the receipt
 *   number, since that number is allocated inside the transaction.
 * - `finalEvents`: the basket's last events (the approval, the completion), appended first.
 * - `payments`: the approved card payments; their amounts must add up to `total`.
 * - `requestId`: the caller's idempotency key for this command, if it has one.
 * - `settledByOtherTenders`: what cash and gift cards settled of the total (their rows are the
 *   caller's, in the same transaction); card payments plus this must equal `total`.
 */
export interface CompleteSaleInput {
  readonly saleId: string;
  readonly basketId: string;
  readonly laneId: string;
  readonly completedAt: string;
  readonly currency: string;
  readonly total: number;
  readonly document: object | ((receiptNumber: string) => object);
  readonly finalEvents: readonly JournalEvent[];
  readonly payments: readonly CardPayment[];
  readonly requestId?: string;
  readonly settledByOtherTenders?: number;
}

/** A sale as the journal holds it. */
export interface CommittedSale {
  readonly saleId: string;
  readonly seq: number;
  readonly basketId: string;
  readonly laneId: string;
  readonly receiptNumber: string;
  readonly completedAt: string;
  readonly currency: string;
  readonly total: number;
  readonly document: SaleDocument;
  readonly prevHash: string;
  readonly hash: string;
}

/** The answer of completeSale: the committed sale, and whether this call only replayed it. */
export interface SaleCompletion extends CommittedSale {
  readonly replayed: boolean;
}

export type { ChainVerdict } from './chain-verify.ts';

const CompleteSaleSchema = z.object({
  saleId: IdSchema,
  basketId: IdSchema,
  laneId: z.string().min(1).max(16),
  completedAt: IsoTimeSchema,
  currency: CurrencyCodeSchema,
  total: MinorSchema.nonnegative(),
  document: z.union([z.custom<(receiptNumber: string) => object>((value) => typeof value === 'function'), SaleDocumentSchema]),
  finalEvents: JournalEventsSchema,
  payments: z.array(CardPaymentSchema).max(20),
  requestId: OptionalRequestIdSchema,
  settledByOtherTenders: MinorSchema.nonnegative().default(0),
});

const SaleRow = JournalEntryRow.omit({ kind: true, voids_sale_id: true, returns_sale_id: true }).extend({ basket_id: z.string() });
type SaleRow = z.infer<typeof SaleRow>;

const PaymentRow = z.object({
  payment_id: z.string(),
  method: z.literal('card'),
  amount: z.number().int(),
  brand: z.string(),
  last4: z.string(),
  auth_code: z.string(),
  reference: z.string(),
  approved_at: z.string(),
});

const ChainEnd = z.object({ seq: z.number().int(), hash: z.string() });
const SALE_COLUMNS = 'sale_id, seq, basket_id, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash';

function toSale(row: SaleRow): CommittedSale {
  return {
    saleId: row.sale_id,
    seq: row.seq,
    basketId: row.basket_id,
    laneId: row.lane_id,
    receiptNumber: row.receipt_number,
    completedAt: row.completed_at,
    currency: row.currency,
    total: row.total,
    document: SaleDocumentSchema.parse(JSON.parse(row.document)),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The receipt checked and rendered once for its hash, its row and its outbox message. Rendering
 * is the check (canonicalJson accepts only JSON values); the schema runs only to name what is
 * wrong when it fails.
 */
function renderDocument(value: unknown): { readonly document: SaleDocument; readonly text: CanonicalText } {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    try {
      return { document: value as SaleDocument, text: new CanonicalText(canonicalJson(value)) };
    } catch {
      // Named by the schema below.
    }
  }
  const document = parseInput(SaleDocumentSchema, value, 'document');
  return { document, text: new CanonicalText(canonicalJson(document)) };
}

/**
 * The lane's next receipt number (L01-000042), from its last sale through the (lane_id, seq)
 * index: constant time however many sales the lane has made.
 */
export function nextReceiptNumber(db: Database.Database, laneId: string): string {
  const last: unknown = db.prepare('SELECT receipt_number FROM sales WHERE lane_id = ? ORDER BY seq DESC LIMIT 1').pluck().get(laneId);
  const count = last === undefined ? 0 : Number(/-([0-9]+)$/.exec(z.string().parse(last))?.[1] ?? Number.NaN);
  if (!Number.isSafeInteger(count)) throw new Error(`the last receipt number of lane ${laneId} is malformed: ${String(last)}`);
  return `${laneId}-${String(count + 1).padStart(6, '0')}`;
}

/**
 * The sales journal: append-only and hash-chained, so an edited or deleted sale shows. Receipt
 * numbers count per lane (L01-000042) and are allocated inside the completing transaction.
 */
export class SalesJournal {
  readonly #db: Database.Database;
  readonly #baskets: BasketJournal;
  readonly #outbox: OutboxRepository;

  constructor(db: Database.Database, baskets: BasketJournal, outbox: OutboxRepository) {
    this.#db = db;
    this.#baskets = baskets;
    this.#outbox = outbox;
  }

  /**
   * Appends the final basket events, records the sale (chained to the one before) and its
   * payments, closes the basket and queues `sale.completed` for HQ: all or nothing.
   */
  completeSale(input: CompleteSaleInput): SaleCompletion {
    const sale = parseInput(CompleteSaleSchema, input, '');
    const paid = sale.payments.reduce((sum, payment) => sum + payment.amount, 0) + sale.settledByOtherTenders;
    if (paid !== sale.total) throw new LedgerError('INVALID_INPUT', `payments: add up to ${paid} but the total is ${sale.total}`, 'payments');
    const db = this.#db;
    return db.transaction((): SaleCompletion => {
      const replayed = this.#replayOf(sale.saleId, sale.basketId, sale.requestId);
      if (replayed) return { ...replayed, replayed: true };
      this.#baskets.requireOpen(sale.basketId, sale.laneId);
      if (sale.finalEvents.length > 0) this.#baskets.append(sale.basketId, sale.finalEvents, sale.requestId);

      const end: unknown = db.prepare('SELECT seq, hash FROM sales ORDER BY seq DESC LIMIT 1').get();
      const last = end === undefined ? null : ChainEnd.parse(end);
      const receiptNumber = nextReceiptNumber(db, sale.laneId);
      const { document, text: documentText } = renderDocument(typeof sale.document === 'function' ? sale.document(receiptNumber) : sale.document);
      const row = {
        sale_id: sale.saleId,
        seq: (last?.seq ?? 0) + 1,
        basket_id: sale.basketId,
        lane_id: sale.laneId,
        receipt_number: receiptNumber,
        completed_at: sale.completedAt,
        currency: sale.currency,
        total: sale.total,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = entryHash(prevHash, { ...row, kind: 'sale', voids_sale_id: null }, documentText);
      db.prepare(`INSERT INTO sales (${SALE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        row.sale_id,
        row.seq,
        row.basket_id,
        row.lane_id,
        row.receipt_number,
        row.completed_at,
        row.currency,
        row.total,
        documentText.text,
        prevHash,
        hash,
      );

      const paymentExists = db.prepare('SELECT 1 FROM payments WHERE payment_id = ?').pluck();
      const insertPayment = db.prepare(
        `INSERT INTO payments (payment_id, basket_id, sale_id, method, amount, brand, last4, auth_code, reference, approved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      sale.payments.forEach((payment, index) => {
        if (paymentExists.get(payment.paymentId) !== undefined) {
          throw new LedgerError('DUPLICATE_PAYMENT', `payments[${index}].paymentId: ${payment.paymentId} is already recorded`, `payments[${index}].paymentId`);
        }
        insertPayment.run(
          payment.paymentId,
          sale.basketId,
          sale.saleId,
          payment.method,
          payment.amount,
          payment.brand,
          payment.last4,
          payment.authCode,
          payment.reference,
          payment.approvedAt,
        );
      });

      this.#baskets.close(sale.basketId, sale.completedAt, 'completed');
      this.#outbox.enqueueCanonical('sale.completed', sale.saleId, documentText, sale.completedAt);
      return {
        saleId: sale.saleId,
        seq: row.seq,
        basketId: sale.basketId,
        laneId: sale.laneId,
        receiptNumber,
        completedAt: sale.completedAt,
        currency: sale.currency,
        total: sale.total,
        document,
        prevHash,
        hash,
        replayed: false,
      };
    })();
  }

  /** The sequence number of the last sale in the journal, or null before the first. */
  lastSeq(): number | null {
    const seq: unknown = this.#db.prepare('SELECT max(seq) FROM sales').pluck().get();
    return seq === null || seq === undefined ? null : z.number().int().parse(seq);
  }

  findSale(saleId: string): CommittedSale | null {
    const found: unknown = this.#db.prepare(`SELECT ${SALE_COLUMNS} FROM sales WHERE sale_id = ? AND kind = 'sale'`).get(saleId);
    return found === undefined ? null : toSale(SaleRow.parse(found));
  }

  /** The sale a receipt belongs to, e.g. when a shopper's receipt is scanned at the exit gate. */
  findByReceiptNumber(receiptNumber: string): CommittedSale | null {
    const found: unknown = this.#db.prepare(`SELECT ${SALE_COLUMNS} FROM sales WHERE receipt_number = ? AND kind = 'sale'`).get(receiptNumber);
    return found === undefined ? null : toSale(SaleRow.parse(found));
  }

  /** The card payments of a sale, in the order they were approved. */
  paymentsOf(saleId: string): CardPayment[] {
    return this.#db
      .prepare('SELECT payment_id, method, amount, brand, last4, auth_code, reference, approved_at FROM payments WHERE sale_id = ? ORDER BY approved_at, rowid')
      .all(saleId)
      .map((found) => {
        const row = PaymentRow.parse(found);
        return {
          paymentId: row.payment_id,
          method: row.method,
          amount: row.amount,
          brand: row.brand,
          last4: row.last4,
          authCode: row.auth_code,
          reference: row.reference,
          approvedAt: row.approved_at,
        };
      });
  }

  /** Walks the journal from the first entry, recomputing every hash; names the first broken link. */
  verifyChain(): ChainVerdict {
    return verifySalesChain(this.#db);
  }

  /** The committed sale a retried completion refers to, or null when this is a new completion. */
  #replayOf(saleId: string, basketId: string, requestId: string | undefined): CommittedSale | null {
    const bySaleId = this.findSale(saleId);
    if (bySaleId) {
      if (bySaleId.basketId === basketId) return bySaleId;
      throw new LedgerError('DUPLICATE_SALE', `saleId: ${saleId} is already the sale of basket ${bySaleId.basketId}`, 'saleId');
    }
    if (requestId !== undefined && this.#baskets.isRequestApplied(requestId)) {
      const found: unknown = this.#db.prepare(`SELECT ${SALE_COLUMNS} FROM sales WHERE basket_id = ?`).get(basketId);
      if (found !== undefined) return toSale(SaleRow.parse(found));
      throw new LedgerError('IDEMPOTENCY_CONFLICT', `requestId: ${requestId} was already used for another write`, 'requestId');
    }
    return null;
  }
}
