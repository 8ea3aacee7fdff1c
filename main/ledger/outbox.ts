import type Database from 'better-sqlite3';
import { z } from 'zod';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema } from './journal-event.ts';
import { CanonicalText, canonicalJson } from './sale-hash.ts';

/** A message for HQ waiting to be delivered (or delivered, with its bookkeeping). */
export interface OutboxEntry {
  readonly outboxId: number;
  readonly topic: string;
  readonly idempotencyKey: string;
  readonly payload: unknown;
  readonly createdAt: string;
  readonly attempts: number;
  readonly lastError: string | null;
}

const EntryRow = z.object({
  outbox_id: z.number().int(),
  topic: z.string(),
  idempotency_key: z.string(),
  payload: z.string(),
  created_at: z.string(),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
});
const MessageRow = z.object({ topic: z.string(), payload: z.string() });

const EnqueueSchema = z.object({
  topic: z.string().min(1).max(64),
  idempotencyKey: z.string().min(1).max(128),
  payload: z.json(),
  createdAt: IsoTimeSchema,
});

const MAX_ERROR_LENGTH = 1000;

/**
 * The transactional outbox: facts to report to HQ are written here in the same transaction as
 * the fact itself, and the sync worker delivers them at least once; HQ dedupes by the key.
 */
export class OutboxRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /**
   * Adds a message; false when the same message (topic and payload) is already there under this
   * key. The same key with a different message is refused with IDEMPOTENCY_CONFLICT.
   */
  enqueue(topic: string, idempotencyKey: string, payload: unknown, createdAt: string): boolean {
    const input = parseInput(EnqueueSchema, { topic, idempotencyKey, payload, createdAt }, '');
    return this.enqueueCanonical(input.topic, input.idempotencyKey, new CanonicalText(canonicalJson(input.payload)), input.createdAt);
  }

  /**
   * `enqueue` for a payload the caller has already validated and rendered with canonicalJson
   * (a sale's receipt, rendered once for its hash, its row and this message).
   */
  enqueueCanonical(topic: string, idempotencyKey: string, payload: CanonicalText, createdAt: string): boolean {
    const text = payload.text;
    return this.#db.transaction(() => {
      const found: unknown = this.#db.prepare('SELECT topic, payload FROM outbox WHERE idempotency_key = ?').get(idempotencyKey);
      if (found !== undefined) {
        const existing = MessageRow.parse(found);
        if (existing.topic === topic && existing.payload === text) return false;
        throw new LedgerError('IDEMPOTENCY_CONFLICT', `outbox key ${idempotencyKey} already holds a different ${existing.topic} message`, 'idempotencyKey');
      }
      this.#db.prepare('INSERT INTO outbox (topic, idempotency_key, payload, created_at) VALUES (?, ?, ?, ?)').run(topic, idempotencyKey, text, createdAt);
      return true;
    })();
  }

  /** Undelivered messages, oldest first. */
  pending(limit = 100): OutboxEntry[] {
    const bounded = Math.max(1, Math.min(10_000, Math.trunc(limit)));
    return this.#db
      .prepare(
        `SELECT outbox_id, topic, idempotency_key, payload, created_at, attempts, last_error
         FROM outbox WHERE sent_at IS NULL ORDER BY outbox_id LIMIT ?`,
      )
      .all(bounded)
      .map((found) => {
        const row = EntryRow.parse(found);
        const payload: unknown = JSON.parse(row.payload);
        return {
          outboxId: row.outbox_id,
          topic: row.topic,
          idempotencyKey: row.idempotency_key,
          payload,
          createdAt: row.created_at,
          attempts: row.attempts,
          lastError: row.last_error,
        };
      });
  }

  /** Marks messages HQ acknowledged; already-sent ones are left alone. Returns how many changed. */
  markSent(ids: readonly number[], at: string): number {
    const sentAt = parseInput(IsoTimeSchema, at, 'at');
    const statement = this.#db.prepare('UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE outbox_id = ? AND sent_at IS NULL');
    return this.#db.transaction(() => ids.reduce((changed, id) => changed + statement.run(sentAt, id).changes, 0))();
  }

  /** Records a failed delivery attempt; false when the message is unknown or already sent. */
  markFailed(id: number, error: string): boolean {
    const message = error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error;
    return this.#db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE outbox_id = ? AND sent_at IS NULL').run(message, id).changes === 1;
  }

  pendingCount(): number {
    return z.number().int().parse(this.#db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get());
  }
}
