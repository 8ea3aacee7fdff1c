import type Database from 'better-sqlite3';
import { z } from 'zod';
import { SoldBySchema } from '../../common/catalog.ts';
import { IdSchema, RequestIdSchema } from '../../common/ids.ts';
import { CurrencyCodeSchema, MinorSchema } from '../../common/money.ts';
import { containsCardNumber } from './card-data.ts';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema } from './journal-event.ts';
import type { OutboxRepository } from './outbox.ts';
import { canonicalJson, entryHash, GENESIS_HASH } from './sale-hash.ts';
import { nextReceiptNumber, SaleDocumentSchema, type SaleDocument } from './sales-journal.ts';

const noCardNumber = (text: string, ctx: z.RefinementCtx): void => {
  if (containsCardNumber(text)) ctx.addIssue({ code: 'custom', message: 'looks like a card number; only the brand and last four digits may be stored' });
};

const ReturnLineInputSchema = z.object({
  /** The sale line; null for a return without a receipt. */
  lineId: IdSchema.nullable(),
  itemCode: z.string().min(1).max(32),
  name: z.string().min(1).max(120),
  soldBy: SoldBySchema,
  units: z.number().int().min(1).max(999),
  grams: z.number().int().positive().nullable(),
  amount: MinorSchema.nonnegative(),
});

const ReturnRefundInputSchema = z.object({
  method: z.enum(['card', 'gift-card', 'cash', 'store-credit']),
  amount: MinorSchema.positive(),
  /** The sale's tender refunded; null without a receipt. */
  tenderId: IdSchema.nullable(),
  giftCardId: z.string().min(1).max(64).nullable(),
  card: z
    .strictObject({
      brand: z.string().min(1).max(20).superRefine(noCardNumber),
      last4: z.string().regex(/^\d{4}$/, 'the last four digits of the card'),
      authCode: z.string().max(12).superRefine(noCardNumber),
      reference: z.string().min(1).max(64).superRefine(noCardNumber),
    })
    .nullable(),
});

const RecordReturnSchema = z
  .object({
    returnId: IdSchema,
    /** The sale returned from; null for a return without a receipt. */
    saleId: IdSchema.nullable(),
    laneId: z.string().min(1).max(16),
    returnedAt: IsoTimeSchema,
    currency: CurrencyCodeSchema,
    operatorId: z.string().max(32).nullable(),
    approverId: z.string().max(32).nullable(),
    requestId: RequestIdSchema,
    lines: z.array(ReturnLineInputSchema).min(1).max(200),
    refunds: z.array(ReturnRefundInputSchema).max(20),
    document: z.custom<(receiptNumber: string) => object>((value) => typeof value === 'function'),
  })
  .refine((input) => input.lines.every((line) => (line.lineId === null) === (input.saleId === null)), { path: ['lines'], message: 'a return by receipt names the sale line of every line; one without names none' })
  .refine((input) => input.refunds.every((refund) => (refund.card !== null) === (refund.method === 'card')), { path: ['refunds'], message: 'a card refund, and only one, carries the card reader’s answer' })
  .refine((input) => input.refunds.reduce((sum, refund) => sum + refund.amount, 0) === input.lines.reduce((sum, line) => sum + line.amount, 0), {
    path: ['refunds'],
    message: 'the refunds must add up to what the returned lines refund',
  });
export type RecordReturnInput = z.input<typeof RecordReturnSchema>;

export interface ReturnEntry {
  readonly returnId: string;
  readonly seq: number;
  readonly receiptNumber: string;
  readonly saleId: string | null;
  readonly currency: string;
  /** Negative: what was refunded. */
  readonly total: number;
  readonly returnedAt: string;
  readonly document: SaleDocument;
  readonly replayed: boolean;
}

const ChainEnd = z.object({ seq: z.number().int(), hash: z.string() });
const EntryRow = z.object({
  sale_id: z.string(),
  seq: z.number().int(),
  returns_sale_id: z.string().nullable(),
  receipt_number: z.string(),
  completed_at: z.string(),
  currency: z.string(),
  total: z.number().int(),
  document: z.string(),
});
const ENTRY_COLUMNS = 'sale_id, seq, returns_sale_id, receipt_number, completed_at, currency, total, document';

function toEntry(found: unknown, replayed: boolean): ReturnEntry {
  const row = EntryRow.parse(found);
  return {
    returnId: row.sale_id,
    seq: row.seq,
    receiptNumber: row.receipt_number,
    saleId: row.returns_sale_id,
    currency: row.currency,
    total: row.total,
    returnedAt: row.completed_at,
    document: SaleDocumentSchema.parse(JSON.parse(row.document)),
    replayed,
  };
}

/** SQLite's trigger refusals, as the ledger's own errors (the repository checks first; these are the backstop). */
function refusalOf(error: unknown): LedgerError | null {
  const message = error instanceof Error ? error.message : '';
  if (message.includes('returned beyond what was sold')) return new LedgerError('ALREADY_RETURNED', `lines: ${message}`, 'lines');
  if (message.includes('refunded more than it paid')) return new LedgerError('ALREADY_RETURNED', `refunds: ${message}`, 'refunds');
  if (message.includes('was not post-voided')) return new LedgerError('SALE_ALREADY_VOIDED', `saleId: ${message}`, 'saleId');
  return null;
}

/**
 * Returns: each is an entry of kind `return` at the end of the hash-chained sales journal (the
 * negated refund as its total), with its lines and refunds beside it and `sale.returned` queued
 * for HQ, all in one transaction. Returns of a sale accumulate; the ledger refuses returning a
 * line beyond what was sold or refunding a tender beyond what it paid, even across restarts.
 */
export class Returns {
  readonly #db: Database.Database;
  readonly #outbox: OutboxRepository;

  constructor(db: Database.Database, outbox: OutboxRepository) {
    this.#db = db;
    this.#outbox = outbox;
  }

  /** Units returned so far of each line of a sale. */
  returnedUnits(saleId: string): Map<string, number> {
    const rows = this.#db.prepare('SELECT line_id, sum(units) AS units FROM return_lines WHERE sale_id = ? GROUP BY line_id').all(saleId);
    return new Map(rows.map((row) => z.object({ line_id: z.string(), units: z.number().int() }).parse(row)).map((row) => [row.line_id, row.units]));
  }

  /** What returns gave back so far to each tender of a sale. */
  refundedByTender(saleId: string): Map<string, number> {
    const rows = this.#db.prepare('SELECT tender_id, sum(amount) AS amount FROM return_refunds WHERE sale_id = ? AND tender_id IS NOT NULL GROUP BY tender_id').all(saleId);
    return new Map(rows.map((row) => z.object({ tender_id: z.string(), amount: z.number().int() }).parse(row)).map((row) => [row.tender_id, row.amount]));
  }

  /** The returns of a sale, oldest first. */
  returnsOf(saleId: string): ReturnEntry[] {
    return this.#db
      .prepare(`SELECT ${ENTRY_COLUMNS} FROM sales WHERE kind = 'return' AND returns_sale_id = ? ORDER BY seq`)
      .all(saleId)
      .map((row) => toEntry(row, false));
  }

  /** The return recorded under a request id, or null. */
  byRequest(requestId: string): ReturnEntry | null {
    const found: unknown = this.#db.prepare(`SELECT ${ENTRY_COLUMNS.replaceAll(/(^|, )/g, '$1s.')} FROM returns r JOIN sales s ON s.sale_id = r.return_id WHERE r.request_id = ?`).get(requestId);
    return found === undefined ? null : toEntry(found, true);
  }

  /**
   * The lowest unit price paid for an item sold by each since `since` (after savings, with
   * tax, rounded down), over sales that stand (not post-voided); null when none sold it.
   */
  lowestPaidUnitPrice(itemId: string, since: string): number | null {
    const found: unknown = this.#db
      .prepare(
        `SELECT min(json_extract(line.value, '$.amountPaid') / json_extract(line.value, '$.quantity'))
         FROM sales s, json_each(s.document, '$.lines') AS line
         WHERE s.kind = 'sale' AND s.completed_at >= ?
           AND json_extract(line.value, '$.itemId') = ? AND json_extract(line.value, '$.soldBy') = 'each'
           AND json_extract(line.value, '$.quantity') > 0
           AND NOT EXISTS (SELECT 1 FROM sales v WHERE v.kind = 'post-void' AND v.voids_sale_id = s.sale_id)`,
      )
      .pluck()
      .get(since, itemId);
    return z.number().int().nullable().parse(found ?? null);
  }

  /**
   * Records a return; a retry with the same request id answers the committed return. Nests as a
   * savepoint in the caller's transaction (the cash and gift card movements commit with it).
   */
  record(input: RecordReturnInput): ReturnEntry {
    const request = parseInput(RecordReturnSchema, input, '');
    const db = this.#db;
    return db.transaction((): ReturnEntry => {
      const earlier = this.byRequest(request.requestId);
      if (earlier) {
        if (earlier.saleId !== request.saleId) throw new LedgerError('IDEMPOTENCY_CONFLICT', `requestId: ${request.requestId} was already used for another return`, 'requestId');
        return earlier;
      }
      const held = request.saleId === null ? null : this.#checkLines(request.saleId, request.lines);
      const paid = request.saleId === null ? null : this.#tendersPaid(request.saleId, request.refunds);
      const end: unknown = db.prepare('SELECT seq, hash FROM sales ORDER BY seq DESC LIMIT 1').get();
      const last = end === undefined ? null : ChainEnd.parse(end);
      const receiptNumber = nextReceiptNumber(db, request.laneId);
      const document = parseInput(SaleDocumentSchema, request.document(receiptNumber), 'document');
      const total = -request.lines.reduce((sum, line) => sum + line.amount, 0);
      const row = {
        kind: 'return' as const,
        sale_id: request.returnId,
        seq: (last?.seq ?? 0) + 1,
        basket_id: null,
        voids_sale_id: null,
        returns_sale_id: request.saleId,
        lane_id: request.laneId,
        receipt_number: receiptNumber,
        completed_at: request.returnedAt,
        currency: request.currency,
        total,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = entryHash(prevHash, row, document);
      try {
        db.prepare(
          `INSERT INTO sales (sale_id, seq, kind, basket_id, voids_sale_id, returns_sale_id, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash)
           VALUES (?, ?, 'return', NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(row.sale_id, row.seq, row.returns_sale_id, row.lane_id, row.receipt_number, row.completed_at, row.currency, row.total, canonicalJson(document), prevHash, hash);
        db.prepare('INSERT INTO returns (return_id, sale_id, request_id, operator_id, approver_id, returned_at) VALUES (?, ?, ?, ?, ?, ?)').run(
          request.returnId,
          request.saleId,
          request.requestId,
          request.operatorId,
          request.approverId,
          request.returnedAt,
        );
        const insertLine = db.prepare('INSERT INTO return_lines (return_id, sale_id, line_id, item_code, units, line_units, amount) VALUES (?, ?, ?, ?, ?, ?, ?)');
        for (const line of request.lines) insertLine.run(request.returnId, request.saleId, line.lineId, line.itemCode, line.units, held?.get(line.lineId ?? '') ?? null, line.amount);
        const insertRefund = db.prepare(
          `INSERT INTO return_refunds (return_id, sale_id, tender_id, method, amount, tender_paid, gift_card_id, brand, last4, auth_code, reference)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const refund of request.refunds) {
          insertRefund.run(
            request.returnId,
            request.saleId,
            refund.tenderId,
            refund.method,
            refund.amount,
            paid?.get(refund.tenderId ?? '') ?? null,
            refund.giftCardId,
            refund.card?.brand ?? null,
            refund.card?.last4 ?? null,
            refund.card?.authCode ?? null,
            refund.card?.reference ?? null,
          );
        }
      } catch (error) {
        throw refusalOf(error) ?? error;
      }
      this.#outbox.enqueue('sale.returned', request.returnId, document, request.returnedAt);
      return {
        returnId: request.returnId,
        seq: row.seq,
        receiptNumber,
        saleId: request.saleId,
        currency: request.currency,
        total,
        returnedAt: request.returnedAt,
        document,
        replayed: false,
      };
    })();
  }

  /**
   * What each returned line of the sale holds, from the sale's own receipt document (its count,
   * or 1 for a weighed line returned whole); names the line that would go beyond it.
   */
  #checkLines(saleId: string, lines: readonly z.infer<typeof ReturnLineInputSchema>[]): Map<string, number> {
    const found: unknown = this.#db.prepare("SELECT document FROM sales WHERE sale_id = ? AND kind = 'sale'").pluck().get(saleId);
    if (found === undefined) throw new LedgerError('UNKNOWN_SALE', `saleId: no completed sale has the id ${saleId}`, 'saleId');
    const sold = z.object({ lines: z.array(z.object({ lineId: z.string(), soldBy: SoldBySchema, quantity: z.number().int().positive() })) }).parse(JSON.parse(z.string().parse(found)));
    const returned = this.returnedUnits(saleId);
    const held = new Map<string, number>();
    lines.forEach((line, index) => {
      const soldLine = sold.lines.find((candidate) => candidate.lineId === line.lineId);
      if (!soldLine) throw new LedgerError('INVALID_INPUT', `lines[${index}].lineId: the sale has no line ${String(line.lineId)}`, `lines[${index}].lineId`);
      const units = soldLine.soldBy === 'weight' ? 1 : soldLine.quantity;
      const before = returned.get(soldLine.lineId) ?? 0;
      if (before + line.units > units) {
        throw new LedgerError('ALREADY_RETURNED', `lines[${index}]: ${line.name}: ${units - before} of ${units} unit(s) left to return, not ${line.units}`, `lines[${index}].units`);
      }
      held.set(soldLine.lineId, units);
    });
    return held;
  }

  /** What each refunded tender contributed to the sale (cash rounding belongs to the currency). */
  #tendersPaid(saleId: string, refunds: readonly z.infer<typeof ReturnRefundInputSchema>[]): Map<string, number> {
    const rows = this.#db.prepare('SELECT tender_id, amount - rounding AS paid FROM sale_tenders WHERE sale_id = ?').all(saleId);
    const paid = new Map(rows.map((row) => z.object({ tender_id: z.string(), paid: z.number().int() }).parse(row)).map((row) => [row.tender_id, row.paid]));
    refunds.forEach((refund, index) => {
      if (refund.tenderId === null || !paid.has(refund.tenderId)) throw new LedgerError('INVALID_INPUT', `refunds[${index}].tenderId: not a tender of sale ${saleId}`, `refunds[${index}].tenderId`);
    });
    return paid;
  }
}
