import type Database from 'better-sqlite3';
import { z } from 'zod';
import { IdSchema } from '../../common/ids.ts';
import { CurrencyCodeSchema, MinorSchema } from '../../common/money.ts';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema } from './journal-event.ts';

/** A card payment the lane asked of its payment terminal, by our reference. */
export interface PaymentAttempt {
  readonly reference: string;
  readonly basketId: string;
  readonly amount: number;
  readonly currency: string;
  readonly startedAt: string;
}

/** How an attempt ended: the card was charged (its tender is in the basket) or it was not. */
export type PaymentResolution = 'approved' | 'not-charged';

const AttemptSchema = z.object({
  reference: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '1–40 letters, digits, _ or -'),
  basketId: IdSchema,
  amount: MinorSchema.positive(),
  currency: CurrencyCodeSchema,
  startedAt: IsoTimeSchema,
});

const AttemptRow = z.object({ reference: z.string(), basket_id: z.string(), amount: z.number().int(), currency: z.string(), started_at: z.string() });

/**
 * The card payments under way, written before the request leaves the lane, so a crash while the
 * card reader works leaves a record that the basket may already be paid.
 */
export class PaymentAttempts {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /**
   * Records that a card payment is being asked for. Asking again for the open attempt with the
   * same reference and amount (a retry that asks the card reader first) keeps the one record; a
   * different payment while one is open is refused: its outcome must be known first.
   */
  begin(attempt: PaymentAttempt): void {
    const input = parseInput(AttemptSchema, attempt, '');
    this.#db.transaction(() => {
      const open = this.unresolved(input.basketId);
      if (open !== null) {
        if (open.reference === input.reference && open.amount === input.amount) return;
        throw new LedgerError('PAYMENT_IN_DOUBT', `basket ${input.basketId} still waits on card payment ${open.reference} of ${open.amount}`, 'reference');
      }
      this.#db
        .prepare('INSERT INTO payment_attempts (reference, basket_id, amount, currency, started_at) VALUES (?, ?, ?, ?, ?)')
        .run(input.reference, input.basketId, input.amount, input.currency, input.startedAt);
    })();
  }

  /** Closes the basket's open attempt; false when it has none (already resolved). */
  resolve(basketId: string, resolution: PaymentResolution, at: string): boolean {
    const when = parseInput(IsoTimeSchema, at, 'at');
    return this.#db.prepare('UPDATE payment_attempts SET resolved_at = ?, resolution = ? WHERE basket_id = ? AND resolved_at IS NULL').run(when, resolution, basketId).changes === 1;
  }

  /** The basket's card payment whose outcome is not known yet, or null. */
  unresolved(basketId: string): PaymentAttempt | null {
    const found: unknown = this.#db.prepare('SELECT reference, basket_id, amount, currency, started_at FROM payment_attempts WHERE basket_id = ? AND resolved_at IS NULL').get(basketId);
    if (found === undefined) return null;
    const row = AttemptRow.parse(found);
    return { reference: row.reference, basketId: row.basket_id, amount: row.amount, currency: row.currency, startedAt: row.started_at };
  }
}
