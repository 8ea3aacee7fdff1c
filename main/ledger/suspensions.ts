import type Database from 'better-sqlite3';
import { z } from 'zod';
import { IdSchema, RequestIdSchema } from '../../common/ids.ts';
import { ClaimRequestSchema, SuspendedBasketSchema, ticketCode, type ClaimAnswer, type ClaimRequest, type SuspendedBasket } from '../../common/suspend.ts';
import type { BasketJournal } from './basket-journal.ts';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema } from './journal-event.ts';
import { canonicalJson } from './sale-hash.ts';

const ContentsSchema = SuspendedBasketSchema.pick({ lines: true, coupons: true, memberId: true, taxExemptCertificate: true });

const SuspendInputSchema = z.object({
  basketId: IdSchema,
  laneId: z.string().min(1).max(16),
  businessDate: z.iso.date(),
  suspendedAt: IsoTimeSchema,
  expiresAt: IsoTimeSchema,
  suspendedBy: z.string().max(32).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  total: z.number().int(),
  contents: ContentsSchema,
  requestId: RequestIdSchema,
});
export type SuspendInput = z.input<typeof SuspendInputSchema>;

const Row = z.object({
  ticket: z.string(),
  lane_id: z.string(),
  number: z.number().int(),
  basket_id: z.string(),
  business_date: z.string(),
  suspended_at: z.string(),
  expires_at: z.string(),
  suspended_by: z.string().nullable(),
  currency: z.string(),
  line_count: z.number().int(),
  total: z.number().int(),
  contents: z.string(),
  request_id: z.string(),
  claim_id: z.string().nullable(),
  claimed_by_lane: z.string().nullable(),
  claimed_at: z.string().nullable(),
});
type Row = z.infer<typeof Row>;

export interface SuspensionRecord {
  readonly basket: SuspendedBasket;
  readonly lineCount: number;
  readonly total: number;
  readonly claimedByLane: string | null;
}

function recordOf(row: Row): SuspensionRecord {
  const contents = ContentsSchema.parse(JSON.parse(row.contents));
  return {
    basket: {
      ticket: row.ticket,
      basketId: row.basket_id,
      laneId: row.lane_id,
      currency: row.currency,
      businessDate: row.business_date,
      suspendedAt: row.suspended_at,
      expiresAt: row.expires_at,
      suspendedBy: row.suspended_by,
      ...contents,
    },
    lineCount: row.line_count,
    total: row.total,
    claimedByLane: row.claimed_by_lane,
  };
}

const ResumeInputSchema = z.object({
  ticket: z.string().min(1).max(40),
  basketId: IdSchema,
  fromLane: z.string().min(1).max(16),
  claimId: z.string().min(8).max(100),
  resumedAt: IsoTimeSchema,
  requestId: RequestIdSchema,
});

/**
 * The lane's suspended baskets and the tickets it resumed. A suspension closes the basket and
 * records its contents in one transaction; a claim marks it taken in one UPDATE guarded by
 * `claim_id IS NULL`, so of two lanes claiming at once exactly one wins.
 */
export class Suspensions {
  readonly #db: Database.Database;
  readonly #baskets: BasketJournal;

  constructor(db: Database.Database, baskets: BasketJournal) {
    this.#db = db;
    this.#baskets = baskets;
  }

  /** Parks an open basket under the lane's next ticket; a replayed request answers the same ticket. */
  suspend(input: SuspendInput): { readonly record: SuspensionRecord; readonly replayed: boolean } {
    const parsed = parseInput(SuspendInputSchema, input, '');
    return this.#db.transaction(() => {
      const earlier = this.#row('SELECT * FROM suspended_baskets WHERE request_id = ?', parsed.requestId);
      if (earlier) {
        if (earlier.basket_id !== parsed.basketId) throw new LedgerError('IDEMPOTENCY_CONFLICT', `request ${parsed.requestId} suspended basket ${earlier.basket_id}, not ${parsed.basketId}`, 'requestId');
        return { record: recordOf(earlier), replayed: true };
      }
      this.#baskets.requireOpen(parsed.basketId, parsed.laneId);
      const number = z.number().int().parse(this.#db.prepare('SELECT coalesce(max(number), 0) + 1 FROM suspended_baskets WHERE lane_id = ?').pluck().get(parsed.laneId));
      const ticket = ticketCode(parsed.laneId, number);
      this.#baskets.close(parsed.basketId, parsed.suspendedAt, 'suspended');
      this.#db
        .prepare(
          `INSERT INTO suspended_baskets (ticket, lane_id, number, basket_id, business_date, suspended_at, expires_at, suspended_by, currency, line_count, total, contents, request_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          ticket,
          parsed.laneId,
          number,
          parsed.basketId,
          parsed.businessDate,
          parsed.suspendedAt,
          parsed.expiresAt,
          parsed.suspendedBy,
          parsed.currency,
          parsed.contents.lines.length,
          parsed.total,
          canonicalJson(parsed.contents),
          parsed.requestId,
        );
      const row = this.#row('SELECT * FROM suspended_baskets WHERE ticket = ?', ticket);
      if (!row) throw new Error(`suspended basket ${ticket} was not written`);
      return { record: recordOf(row), replayed: false };
    })();
  }

  /**
   * Claims a ticket for a resuming lane (this one or another of the store). The same `claimId`
   * gets the same basket again; any other claim of a claimed ticket, or a claim after the
   * business day ended (`at` ≥ expiresAt), is refused.
   */
  claim(request: ClaimRequest, at: string): ClaimAnswer {
    const parsed = parseInput(ClaimRequestSchema, request, '');
    const now = parseInput(IsoTimeSchema, at, 'at');
    return this.#db.transaction((): ClaimAnswer => {
      const row = this.#row('SELECT * FROM suspended_baskets WHERE ticket = ?', parsed.ticket);
      if (!row) return { status: 'unknown', ticket: parsed.ticket };
      if (row.claim_id !== null) {
        if (row.claim_id === parsed.claimId) return { status: 'claimed', basket: recordOf(row).basket };
        return { status: 'already-claimed', ticket: row.ticket, claimedByLane: row.claimed_by_lane ?? '', claimedAt: row.claimed_at ?? '' };
      }
      if (Date.parse(now) >= Date.parse(row.expires_at)) return { status: 'expired', ticket: row.ticket, expiresAt: row.expires_at };
      const taken = this.#db
        .prepare('UPDATE suspended_baskets SET claim_id = ?, claimed_by_lane = ?, claimed_at = ? WHERE ticket = ? AND claim_id IS NULL')
        .run(parsed.claimId, parsed.claimingLaneId, now, row.ticket);
      if (taken.changes !== 1) throw new Error(`ticket ${row.ticket} was claimed while this claim held the write lock`);
      return { status: 'claimed', basket: recordOf(row).basket };
    }).immediate();
  }

  /** The lane's tickets still waiting to be resumed at `at`, oldest first. */
  waiting(laneId: string, at: string): SuspensionRecord[] {
    return this.#db
      .prepare('SELECT * FROM suspended_baskets WHERE lane_id = ? AND claim_id IS NULL AND expires_at > ? ORDER BY number')
      .all(laneId, at)
      .map((found) => recordOf(Row.parse(found)));
  }

  /** The suspension a request made, for answering a retried request. */
  byRequest(requestId: string): SuspensionRecord | null {
    const row = this.#row('SELECT * FROM suspended_baskets WHERE request_id = ?', requestId);
    return row && recordOf(row);
  }

  find(ticket: string): SuspensionRecord | null {
    const row = this.#row('SELECT * FROM suspended_baskets WHERE ticket = ?', ticket);
    return row && recordOf(row);
  }

  /** The basket a ticket was resumed into on this lane, or null. */
  resumedInto(ticket: string): string | null {
    const found: unknown = this.#db.prepare('SELECT basket_id FROM resumed_tickets WHERE ticket = ?').pluck().get(ticket);
    return found === undefined ? null : z.string().parse(found);
  }

  /** Records, in the resuming basket's transaction, that a ticket was brought back; refuses a second time. */
  recordResumed(input: z.input<typeof ResumeInputSchema>): void {
    const parsed = parseInput(ResumeInputSchema, input, '');
    const earlier = this.resumedInto(parsed.ticket);
    if (earlier !== null) throw new LedgerError('BASKET_CLOSED', `ticket ${parsed.ticket} was resumed before, into basket ${earlier}`, 'ticket');
    this.#db
      .prepare('INSERT INTO resumed_tickets (ticket, basket_id, from_lane, claim_id, resumed_at, request_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(parsed.ticket, parsed.basketId, parsed.fromLane, parsed.claimId, parsed.resumedAt, parsed.requestId);
  }

  #row(sql: string, value: string): Row | null {
    const found: unknown = this.#db.prepare(sql).get(value);
    return found === undefined ? null : Row.parse(found);
  }
}
