import type { Migration } from './migration.ts';

/**
 * Card payments asked of the payment terminal, written before the request leaves the lane. An
 * attempt without a resolution is a payment whose outcome the lane does not know (a crash, a
 * power cut or a lost reply while the card reader worked): the basket cannot be cancelled until
 * the card reader has been asked what became of it. Only amounts and our reference are kept,
 * never anything of the card.
 */
export const migration: Migration = {
  version: 9,
  name: 'payment-attempts',
  up(db) {
    db.exec(`
      CREATE TABLE payment_attempts (
        attempt_id  INTEGER PRIMARY KEY,
        reference   TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 40),
        basket_id   TEXT NOT NULL REFERENCES baskets (basket_id),
        amount      INTEGER NOT NULL CHECK (amount > 0),
        currency    TEXT NOT NULL CHECK (length(currency) = 3),
        started_at  TEXT NOT NULL,
        resolved_at TEXT,
        resolution  TEXT CHECK (resolution IN ('approved', 'not-charged')),
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      ) STRICT;
      -- A basket waits on at most one card payment at a time.
      CREATE UNIQUE INDEX payment_attempts_one_open ON payment_attempts (basket_id) WHERE resolved_at IS NULL;

      CREATE TRIGGER payment_attempts_resolve_once BEFORE UPDATE ON payment_attempts
      WHEN OLD.resolved_at IS NOT NULL OR NEW.attempt_id IS NOT OLD.attempt_id OR NEW.reference IS NOT OLD.reference
        OR NEW.basket_id IS NOT OLD.basket_id OR NEW.amount IS NOT OLD.amount OR NEW.currency IS NOT OLD.currency
        OR NEW.started_at IS NOT OLD.started_at
      BEGIN SELECT RAISE(ABORT, 'a payment attempt is resolved once and never changed'); END;
      CREATE TRIGGER payment_attempts_no_delete BEFORE DELETE ON payment_attempts
      BEGIN SELECT RAISE(ABORT, 'payment attempts are never deleted'); END;
    `);
  },
};
