import type { Migration } from './migration.ts';

/** The terminal's operators and the append-only audit log of what they did. */
export const migration: Migration = {
  version: 4,
  name: 'operators-audit',
  up(db) {
    db.exec(`
      -- A PIN is kept only as a scrypt hash with the operator's own salt (cost = log2 N); a badge
      -- only as a keyed SHA-256, so a scan is looked up by index without trying every operator.
      CREATE TABLE operators (
        operator_id         TEXT PRIMARY KEY CHECK (length(operator_id) BETWEEN 3 AND 8 AND operator_id NOT GLOB '*[^0-9]*'),
        name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        role                TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'manager')),
        pin_salt            BLOB NOT NULL CHECK (length(pin_salt) = 16),
        pin_hash            BLOB NOT NULL CHECK (length(pin_hash) = 32),
        pin_cost            INTEGER NOT NULL CHECK (pin_cost BETWEEN 10 AND 20),
        badge_hash          TEXT UNIQUE CHECK (badge_hash IS NULL OR length(badge_hash) = 64),
        active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        failed_pin_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_pin_attempts >= 0),
        locked_until        TEXT,
        created_at          TEXT NOT NULL
      ) STRICT;

      -- Who did what, and who approved it. Operator ids are not foreign keys: a failed sign-in
      -- names whatever number was keyed.
      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        at          TEXT NOT NULL,
        lane_id     TEXT NOT NULL,
        action      TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
        operator_id TEXT,
        approver_id TEXT,
        subject     TEXT,
        details     TEXT NOT NULL CHECK (json_valid(details))
      ) STRICT;
      CREATE INDEX audit_log_by_action ON audit_log (action, seq);

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    `);
  },
};
