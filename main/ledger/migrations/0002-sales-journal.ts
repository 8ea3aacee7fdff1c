import type { Migration } from './migration.ts';

/** The tamper-evident sales journal and the card payments behind each sale. */
export const migration: Migration = {
  version: 2,
  name: 'sales-journal',
  up(db) {
    db.exec(`
      -- hash = sha256(prev_hash || '\\n' || canonical JSON of the other columns); see sale-hash.ts.
      CREATE TABLE sales (
        sale_id        TEXT PRIMARY KEY,
        seq            INTEGER NOT NULL UNIQUE CHECK (seq >= 1),
        basket_id      TEXT NOT NULL UNIQUE REFERENCES baskets (basket_id),
        lane_id        TEXT NOT NULL,
        receipt_number TEXT NOT NULL UNIQUE,
        completed_at   TEXT NOT NULL,
        currency       TEXT NOT NULL CHECK (length(currency) = 3),
        total          INTEGER NOT NULL,
        document       TEXT NOT NULL CHECK (json_valid(document)),
        prev_hash      TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash           TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
      ) STRICT;
      CREATE INDEX sales_by_lane ON sales (lane_id, seq);

      -- The chain is kept by the database too: a sale must extend the last one.
      CREATE TRIGGER sales_extend_chain BEFORE INSERT ON sales
      WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM sales)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM sales ORDER BY seq DESC LIMIT 1), printf('%064d', 0))
      BEGIN SELECT RAISE(ABORT, 'a sale must extend the end of the sales journal'); END;

      CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales
      BEGIN SELECT RAISE(ABORT, 'sales journal is append-only'); END;

      CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
      BEGIN SELECT RAISE(ABORT, 'sales journal is append-only'); END;

      -- Only what a receipt may show: never a card number, track data or CVV.
      CREATE TABLE payments (
        payment_id  TEXT PRIMARY KEY,
        basket_id   TEXT NOT NULL REFERENCES baskets (basket_id),
        sale_id     TEXT REFERENCES sales (sale_id),
        method      TEXT NOT NULL CHECK (method IN ('card')),
        amount      INTEGER NOT NULL CHECK (amount > 0),
        brand       TEXT NOT NULL CHECK (length(brand) BETWEEN 1 AND 20),
        last4       TEXT NOT NULL CHECK (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*'),
        auth_code   TEXT NOT NULL,
        reference   TEXT NOT NULL,
        approved_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payments_by_basket ON payments (basket_id);
      CREATE INDEX payments_by_sale ON payments (sale_id);

      CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
      BEGIN SELECT RAISE(ABORT, 'payments journal is append-only'); END;

      CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
      BEGIN SELECT RAISE(ABORT, 'payments journal is append-only'); END;
    `);
  },
};
