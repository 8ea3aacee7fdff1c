import type { Migration } from './migration.ts';

/**
 * Suspended baskets: a basket parked under a ticket closes with the outcome 'suspended' (the
 * baskets table is rebuilt to allow it: SQLite cannot change a CHECK in place), and its contents
 * wait in `suspended_baskets` until one lane claims them, exactly once. `resumed_tickets` is the
 * resuming lane's record that it brought a ticket back, so it never does so twice.
 */
export const migration: Migration = {
  version: 8,
  name: 'suspended-baskets',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      -- It names the baskets table, which is replaced below.
      DROP TRIGGER basket_events_only_while_open;

      CREATE TABLE baskets_v8 (
        basket_id TEXT PRIMARY KEY,
        lane_id   TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        outcome   TEXT CHECK (outcome IN ('completed', 'cancelled', 'suspended')),
        CHECK ((closed_at IS NULL) = (outcome IS NULL))
      ) STRICT;
      INSERT INTO baskets_v8 (basket_id, lane_id, opened_at, closed_at, outcome) SELECT basket_id, lane_id, opened_at, closed_at, outcome FROM baskets;
      DROP TABLE baskets;
      ALTER TABLE baskets_v8 RENAME TO baskets;
      CREATE UNIQUE INDEX baskets_one_open_per_lane ON baskets (lane_id) WHERE closed_at IS NULL;

      CREATE TRIGGER baskets_no_delete BEFORE DELETE ON baskets
      BEGIN SELECT RAISE(ABORT, 'baskets are never deleted'); END;

      CREATE TRIGGER baskets_close_once BEFORE UPDATE ON baskets
      WHEN OLD.closed_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'a closed basket cannot be changed'); END;

      CREATE TRIGGER baskets_identity_fixed BEFORE UPDATE ON baskets
      WHEN NEW.basket_id IS NOT OLD.basket_id OR NEW.lane_id IS NOT OLD.lane_id OR NEW.opened_at IS NOT OLD.opened_at
      BEGIN SELECT RAISE(ABORT, 'only closing a basket may change it'); END;

      CREATE TRIGGER basket_events_only_while_open BEFORE INSERT ON basket_events
      WHEN (SELECT closed_at FROM baskets WHERE basket_id = NEW.basket_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'events cannot be added to a closed basket'); END;

      -- contents: the lines (with their corrections), coupons and customer, as the resuming lane
      -- needs them (common/suspend.ts). The claim columns are filled once, by the one claim.
      CREATE TABLE suspended_baskets (
        ticket          TEXT PRIMARY KEY CHECK (ticket GLOB 'SUS-*'),
        lane_id         TEXT NOT NULL,
        number          INTEGER NOT NULL CHECK (number >= 1),
        basket_id       TEXT NOT NULL UNIQUE REFERENCES baskets (basket_id),
        business_date   TEXT NOT NULL CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        suspended_at    TEXT NOT NULL,
        expires_at      TEXT NOT NULL,
        suspended_by    TEXT,
        currency        TEXT NOT NULL CHECK (length(currency) = 3),
        line_count      INTEGER NOT NULL CHECK (line_count >= 1),
        total           INTEGER NOT NULL,
        contents        TEXT NOT NULL CHECK (json_valid(contents)),
        request_id      TEXT NOT NULL UNIQUE,
        claim_id        TEXT UNIQUE,
        claimed_by_lane TEXT,
        claimed_at      TEXT,
        UNIQUE (lane_id, number),
        CHECK ((claim_id IS NULL) = (claimed_at IS NULL) AND (claim_id IS NULL) = (claimed_by_lane IS NULL))
      ) STRICT;
      CREATE INDEX suspended_baskets_waiting ON suspended_baskets (lane_id, expires_at) WHERE claim_id IS NULL;

      CREATE TRIGGER suspended_baskets_of_suspended_baskets BEFORE INSERT ON suspended_baskets
      WHEN (SELECT outcome FROM baskets WHERE basket_id = NEW.basket_id) IS NOT 'suspended'
      BEGIN SELECT RAISE(ABORT, 'only a basket closed as suspended can wait for a resume'); END;

      CREATE TRIGGER suspended_baskets_claim_once BEFORE UPDATE ON suspended_baskets
      WHEN OLD.claim_id IS NOT NULL OR NEW.claim_id IS NULL
        OR NEW.ticket IS NOT OLD.ticket OR NEW.lane_id IS NOT OLD.lane_id OR NEW.number IS NOT OLD.number
        OR NEW.basket_id IS NOT OLD.basket_id OR NEW.business_date IS NOT OLD.business_date
        OR NEW.suspended_at IS NOT OLD.suspended_at OR NEW.expires_at IS NOT OLD.expires_at
        OR NEW.suspended_by IS NOT OLD.suspended_by OR NEW.currency IS NOT OLD.currency
        OR NEW.line_count IS NOT OLD.line_count OR NEW.total IS NOT OLD.total
        OR NEW.contents IS NOT OLD.contents OR NEW.request_id IS NOT OLD.request_id
      BEGIN SELECT RAISE(ABORT, 'a suspended basket is claimed once and otherwise never changes'); END;

      CREATE TRIGGER suspended_baskets_no_delete BEFORE DELETE ON suspended_baskets
      BEGIN SELECT RAISE(ABORT, 'suspended baskets are never deleted'); END;

      CREATE TABLE resumed_tickets (
        ticket     TEXT PRIMARY KEY,
        basket_id  TEXT NOT NULL REFERENCES baskets (basket_id),
        from_lane  TEXT NOT NULL,
        claim_id   TEXT NOT NULL,
        resumed_at TEXT NOT NULL,
        request_id TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TRIGGER resumed_tickets_no_update BEFORE UPDATE ON resumed_tickets
      BEGIN SELECT RAISE(ABORT, 'resumed tickets are append-only'); END;

      CREATE TRIGGER resumed_tickets_no_delete BEFORE DELETE ON resumed_tickets
      BEGIN SELECT RAISE(ABORT, 'resumed tickets are append-only'); END;
    `);
  },
};
