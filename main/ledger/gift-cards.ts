import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { RequestIdSchema } from '../../common/ids.ts';
import { CurrencyCodeSchema, MinorSchema } from '../../common/money.ts';
import { containsCardNumber } from './card-data.ts';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema } from './journal-event.ts';
import type { OutboxRepository } from './outbox.ts';

/** What is printed or keyed on a gift card or store credit voucher. */
export const GiftCardCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{6,32}$/, '6 to 32 letters, digits or dashes')
  .refine((code) => !containsCardNumber(code), 'that is a payment card number, not a gift card');

export interface GiftCardAccount {
  readonly cardId: string;
  readonly last4: string;
  readonly currency: string;
  readonly balance: number;
}

const IssueSchema = z.object({
  code: GiftCardCodeSchema,
  amount: MinorSchema.positive(),
  currency: CurrencyCodeSchema,
  laneId: z.string().min(1).max(16),
  operatorId: z.string().max(32).nullable(),
  reason: z.string().min(1).max(64),
  requestId: RequestIdSchema,
  at: IsoTimeSchema,
});

const RedeemSchema = z.object({
  cardId: z.string().min(1),
  amount: MinorSchema.positive(),
  basketId: z.string().min(1),
  laneId: z.string().min(1).max(16),
  requestId: RequestIdSchema,
  at: IsoTimeSchema,
});

const CardRow = z.object({ card_id: z.string(), code: z.string(), currency: z.string(), balance: z.number().int().nullable() });

const CARD_WITH_BALANCE = `SELECT c.card_id, c.code, c.currency,
  (SELECT balance_after FROM gift_card_movements m WHERE m.card_id = c.card_id ORDER BY movement_id DESC LIMIT 1) AS balance
  FROM gift_cards c`;

function account(row: z.infer<typeof CardRow>): GiftCardAccount {
  return { cardId: row.card_id, last4: row.code.slice(-4), currency: row.currency, balance: row.balance ?? 0 };
}

/**
 * Gift cards and store credit: a balance kept as a chain of movements (issue adds, redeem takes),
 * each applied once by its request id, each reported to HQ through the outbox in its transaction.
 */
export class GiftCards {
  readonly #db: Database.Database;
  readonly #outbox: OutboxRepository;

  constructor(db: Database.Database, outbox: OutboxRepository) {
    this.#db = db;
    this.#outbox = outbox;
  }

  find(code: string): GiftCardAccount | null {
    const parsed = GiftCardCodeSchema.safeParse(code);
    if (!parsed.success) throw new LedgerError('GIFT_CARD_REFUSED', `code: ${parsed.error.issues[0]?.message ?? 'not a gift card code'}`, 'code');
    const found: unknown = this.#db.prepare(`${CARD_WITH_BALANCE} WHERE c.code = ?`).get(parsed.data);
    return found === undefined ? null : account(CardRow.parse(found));
  }

  #byId(cardId: string): GiftCardAccount {
    return account(CardRow.parse(this.#db.prepare(`${CARD_WITH_BALANCE} WHERE c.card_id = ?`).get(cardId)));
  }

  /** Issues a new card or tops up an existing one; the same request id applies it once. */
  issue(input: z.input<typeof IssueSchema>): GiftCardAccount & { readonly replayed: boolean } {
    const issue = parseInput(IssueSchema, input, '');
    return this.#db.transaction(() => {
      const done = this.#movementOf(issue.requestId, 'issue');
      if (done) return { ...this.#byId(done), replayed: true };
      let card = this.find(issue.code);
      if (!card) {
        const cardId = `gc_${crypto.randomUUID().replaceAll('-', '')}`;
        this.#db.prepare('INSERT INTO gift_cards (card_id, code, currency, issued_at) VALUES (?, ?, ?, ?)').run(cardId, issue.code, issue.currency, issue.at);
        card = this.#byId(cardId);
      }
      if (card.currency !== issue.currency) throw new LedgerError('GIFT_CARD_REFUSED', `the card holds ${card.currency}, not ${issue.currency}`, 'currency');
      const balance = card.balance + issue.amount;
      this.#db
        .prepare(
          `INSERT INTO gift_card_movements (card_id, kind, amount, balance_after, request_id, lane_id, operator_id, reason, at)
           VALUES (?, 'issue', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(card.cardId, issue.amount, balance, issue.requestId, issue.laneId, issue.operatorId, issue.reason, issue.at);
      this.#outbox.enqueue('giftCard.issued', `giftCard.issue:${issue.requestId}`, { cardId: card.cardId, amount: issue.amount, currency: issue.currency, balance, laneId: issue.laneId, at: issue.at }, issue.at);
      return { ...card, balance, replayed: false };
    })();
  }

  /** Takes an amount off a card (in the caller's transaction); the same request id takes it once. */
  redeem(input: z.input<typeof RedeemSchema>): GiftCardAccount {
    const redeem = parseInput(RedeemSchema, input, '');
    return this.#db.transaction(() => {
      const done = this.#movementOf(redeem.requestId, 'redeem');
      if (done) return this.#byId(done);
      const card = this.#byId(redeem.cardId);
      if (card.balance < redeem.amount) throw new LedgerError('GIFT_CARD_REFUSED', `gift card ****${card.last4} holds ${card.balance}, less than ${redeem.amount}`, 'amount');
      const balance = card.balance - redeem.amount;
      this.#db
        .prepare(
          `INSERT INTO gift_card_movements (card_id, kind, amount, balance_after, request_id, basket_id, lane_id, at)
           VALUES (?, 'redeem', ?, ?, ?, ?, ?, ?)`,
        )
        .run(card.cardId, -redeem.amount, balance, redeem.requestId, redeem.basketId, redeem.laneId, redeem.at);
      this.#outbox.enqueue('giftCard.redeemed', `giftCard.redeem:${redeem.requestId}`, { cardId: card.cardId, amount: redeem.amount, balance, basketId: redeem.basketId, laneId: redeem.laneId, at: redeem.at }, redeem.at);
      return { ...card, balance };
    })();
  }

  /** Puts an amount back on a card (a post-voided sale it paid for); the same request id once. */
  refund(input: z.input<typeof RedeemSchema>): GiftCardAccount {
    const refund = parseInput(RedeemSchema, input, '');
    return this.#db.transaction(() => {
      const done = this.#movementOf(refund.requestId, 'refund');
      if (done) return this.#byId(done);
      const card = this.#byId(refund.cardId);
      const balance = card.balance + refund.amount;
      this.#db
        .prepare(
          `INSERT INTO gift_card_movements (card_id, kind, amount, balance_after, request_id, basket_id, lane_id, at)
           VALUES (?, 'refund', ?, ?, ?, ?, ?, ?)`,
        )
        .run(card.cardId, refund.amount, balance, refund.requestId, refund.basketId, refund.laneId, refund.at);
      this.#outbox.enqueue('giftCard.refunded', `giftCard.refund:${refund.requestId}`, { cardId: card.cardId, amount: refund.amount, balance, basketId: refund.basketId, laneId: refund.laneId, at: refund.at }, refund.at);
      return { ...card, balance };
    })();
  }

  /** The card a request already moved money on, or null; a request id used for another kind of write is refused. */
  #movementOf(requestId: string, kind: 'issue' | 'redeem' | 'refund'): string | null {
    const found: unknown = this.#db.prepare('SELECT card_id, kind FROM gift_card_movements WHERE request_id = ?').get(requestId);
    if (found === undefined) return null;
    const row = z.object({ card_id: z.string(), kind: z.string() }).parse(found);
    if (row.kind !== kind) throw new LedgerError('IDEMPOTENCY_CONFLICT', `requestId: ${requestId} was already used for another write`, 'requestId');
    return row.card_id;
  }
}
