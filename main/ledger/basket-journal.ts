import type Database from 'better-sqlite3';
import { z } from 'zod';
import { IdSchema } from '../../common/ids.ts';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema, JournalEventsSchema, OptionalRequestIdSchema, type JournalEvent, type RecordedEvent } from './journal-event.ts';

export interface OpenBasket {
  readonly basketId: string;
  readonly laneId: string;
  readonly openedAt: string;
  readonly events: RecordedEvent[];
}

const LaneIdSchema = z.string().min(1).max(16);

const BasketRow = z.object({
  basket_id: z.string(),
  lane_id: z.string(),
  opened_at: z.string(),
  closed_at: z.string().nullable(),
  outcome: z.enum(['completed', 'cancelled', 'suspended']).nullable(),
});
type BasketRow = z.infer<typeof BasketRow>;

const EventRow = z.object({ seq: z.number().int(), type: z.string(), payload: z.string(), recorded_at: z.string() });
const NextSeqRow = z.object({ next: z.number().int() });

/**
 * The journal of open baskets: every event of a basket under way, appended in order, so a
 * restart replays the basket exactly. Writes are idempotent by the caller's request id.
 */
export class BasketJournal {
  readonly #db: Database.Database;
  readonly #basket: Database.Statement<[string]>;
  readonly #requestSeen: Database.Statement<[string]>;
  readonly #nextSeq: Database.Statement<[string]>;
  readonly #insertEvent: Database.Statement<[string, number, string, string, string, string | null]>;
  readonly #close: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#basket = db.prepare('SELECT basket_id, lane_id, opened_at, closed_at, outcome FROM baskets WHERE basket_id = ?');
    this.#requestSeen = db.prepare('SELECT 1 FROM basket_events WHERE request_id = ?').pluck();
    this.#nextSeq = db.prepare('SELECT coalesce(max(seq), 0) + 1 AS next FROM basket_events WHERE basket_id = ?');
    this.#insertEvent = db.prepare('INSERT INTO basket_events (basket_id, seq, type, payload, recorded_at, request_id) VALUES (?, ?, ?, ?, ?, ?)');
    this.#close = db.prepare('UPDATE baskets SET closed_at = ?, outcome = ? WHERE basket_id = ? AND closed_at IS NULL');
  }

  /** Opens a basket on a lane; false when this basket is already open there (a replay). */
  openBasket(basketId: string, laneId: string, openedAt: string): boolean {
    const input = parseInput(z.object({ basketId: IdSchema, laneId: LaneIdSchema, openedAt: IsoTimeSchema }), { basketId, laneId, openedAt }, '');
    return this.#db.transaction(() => {
      const existing = this.#find(input.basketId);
      if (existing) {
        if (existing.closed_at !== null) throw new LedgerError('BASKET_CLOSED', `basket ${basketId} is already ${existing.outcome ?? 'closed'}`);
        if (existing.lane_id !== input.laneId) throw new LedgerError('BASKET_ALREADY_OPEN', `basket ${basketId} is open on lane ${existing.lane_id}`);
        return false;
      }
      const open = this.findOpenBasket(input.laneId);
      if (open) throw new LedgerError('BASKET_ALREADY_OPEN', `lane ${laneId} already has basket ${open.basketId} open`);
      this.#db.prepare('INSERT INTO baskets (basket_id, lane_id, opened_at) VALUES (?, ?, ?)').run(input.basketId, input.laneId, input.openedAt);
      return true;
    })();
  }

  /**
   * Appends events to an open basket in one transaction. Returns false, writing nothing, when
   * `requestId` was already applied (the caller retried a command that did commit).
   */
  append(basketId: string, events: readonly JournalEvent[], requestId?: string): boolean {
    const input = this.#parseWrite(basketId, events, requestId);
    if (input.events.length === 0) throw new LedgerError('INVALID_INPUT', 'events: at least one event is needed', 'events');
    return this.#db.transaction(() => {
      if (input.requestId !== undefined && this.isRequestApplied(input.requestId)) return false;
      this.#requireOpen(input.basketId);
      this.#insert(input.basketId, input.events, input.requestId);
      return true;
    })();
  }

  /**
   * Records the last events of a basket and closes it as cancelled. False when the request or
   * the cancellation was already applied.
   */
  cancel(basketId: string, at: string, events: readonly JournalEvent[], requestId?: string): boolean {
    const input = this.#parseWrite(basketId, events, requestId);
    const cancelledAt = parseInput(IsoTimeSchema, at, 'at');
    return this.#db.transaction(() => {
      if (input.requestId !== undefined && this.isRequestApplied(input.requestId)) return false;
      const basket = this.#find(input.basketId);
      if (!basket) throw new LedgerError('UNKNOWN_BASKET', `there is no basket ${basketId}`, 'basketId');
      if (basket.outcome === 'cancelled') return false;
      if (basket.outcome !== null) throw new LedgerError('BASKET_CLOSED', `basket ${basketId} was ${basket.outcome} and cannot be cancelled`);
      this.#insert(input.basketId, input.events, input.requestId);
      this.close(input.basketId, cancelledAt, 'cancelled');
      return true;
    })();
  }

  /** The open basket of a lane with its events in order, or null when the lane is idle. */
  findOpenBasket(laneId: string): OpenBasket | null {
    const found: unknown = this.#db.prepare('SELECT basket_id, lane_id, opened_at, closed_at, outcome FROM baskets WHERE lane_id = ? AND closed_at IS NULL').get(laneId);
    if (found === undefined) return null;
    const basket = BasketRow.parse(found);
    return { basketId: basket.basket_id, laneId: basket.lane_id, openedAt: basket.opened_at, events: this.events(basket.basket_id) };
  }

  /** All events of a basket, open or closed, in the order they were recorded. */
  events(basketId: string): RecordedEvent[] {
    return this.#db
      .prepare('SELECT seq, type, payload, recorded_at FROM basket_events WHERE basket_id = ? ORDER BY seq')
      .all(basketId)
      .map((found) => {
        const row = EventRow.parse(found);
        const payload: unknown = JSON.parse(row.payload);
        return { seq: row.seq, type: row.type, payload, recordedAt: row.recorded_at };
      });
  }

  isRequestApplied(requestId: string): boolean {
    return this.#requestSeen.get(requestId) !== undefined;
  }

  /** Throws unless the basket exists and is still open; for writers composing a transaction. */
  requireOpen(basketId: string, laneId?: string): void {
    const basket = this.#requireOpen(basketId);
    if (laneId !== undefined && basket.lane_id !== laneId) {
      throw new LedgerError('INVALID_INPUT', `laneId: basket ${basketId} belongs to lane ${basket.lane_id}, not ${laneId}`, 'laneId');
    }
  }

  /** Closes an open basket; run inside the transaction that records why. */
  close(basketId: string, at: string, outcome: 'completed' | 'cancelled' | 'suspended'): void {
    if (this.#close.run(at, outcome, basketId).changes !== 1) throw new LedgerError('BASKET_CLOSED', `basket ${basketId} is already closed`);
  }

  #parseWrite(basketId: string, events: readonly JournalEvent[], requestId: string | undefined) {
    return {
      basketId: parseInput(IdSchema, basketId, 'basketId'),
      events: parseInput(JournalEventsSchema, events, 'events'),
      requestId: parseInput(OptionalRequestIdSchema, requestId, 'requestId'),
    };
  }

  #find(basketId: string): BasketRow | null {
    const found: unknown = this.#basket.get(basketId);
    return found === undefined ? null : BasketRow.parse(found);
  }

  #requireOpen(basketId: string): BasketRow {
    const basket = this.#find(basketId);
    if (!basket) throw new LedgerError('UNKNOWN_BASKET', `there is no basket ${basketId}`, 'basketId');
    if (basket.closed_at !== null) throw new LedgerError('BASKET_CLOSED', `basket ${basketId} is already ${basket.outcome ?? 'closed'}`);
    return basket;
  }

  #insert(basketId: string, events: readonly JournalEvent[], requestId: string | undefined): void {
    let seq = NextSeqRow.parse(this.#nextSeq.get(basketId)).next;
    events.forEach((event, index) => {
      // The request id marks the first event of the write; UNIQUE makes a replay impossible.
      this.#insertEvent.run(basketId, seq, event.type, JSON.stringify(event.payload), event.recordedAt, index === 0 ? (requestId ?? null) : null);
      seq += 1;
    });
  }
}
