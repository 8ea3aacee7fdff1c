import type { Migration } from './migration.ts';

/** Messages for HQ, written in the same transaction as the fact they report. */
export const migration: Migration = {
  version: 3,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        outbox_id       INTEGER PRIMARY KEY AUTOINCREMENT,
        topic           TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 64),
        idempotency_key TEXT NOT NULL UNIQUE,
        payload         TEXT NOT NULL CHECK (json_valid(payload)),
        created_at      TEXT NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        sent_at         TEXT,
        last_error      TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (outbox_id) WHERE sent_at IS NULL;

      -- Delivery bookkeeping may change; what was said may not.
      CREATE TRIGGER outbox_message_immutable BEFORE UPDATE ON outbox
      WHEN NEW.outbox_id IS NOT OLD.outbox_id OR NEW.topic IS NOT OLD.topic
        OR NEW.idempotency_key IS NOT OLD.idempotency_key OR NEW.payload IS NOT OLD.payload
        OR NEW.created_at IS NOT OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'an outbox message cannot be changed, only its delivery'); END;

      CREATE TRIGGER outbox_keep_unsent BEFORE DELETE ON outbox
      WHEN OLD.sent_at IS NULL
      BEGIN SELECT RAISE(ABORT, 'an unsent outbox message cannot be deleted'); END;
    `);
  },
};
