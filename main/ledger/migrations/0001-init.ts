import { LEDGER_APPLICATION_ID, type Migration } from './migration.ts';

/** The catalog and the journal of open baskets. */
export const migration: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.pragma(`application_id = ${LEDGER_APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE tax_categories (
        code     TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),
        label    TEXT NOT NULL,
        rate_ppm INTEGER NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000)
      ) STRICT;

      CREATE TABLE items (
        item_id      TEXT PRIMARY KEY,
        name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        department   TEXT NOT NULL,
        unit_price   INTEGER NOT NULL CHECK (unit_price >= 0),
        tax_category TEXT NOT NULL REFERENCES tax_categories (code),
        sold_by      TEXT NOT NULL CHECK (sold_by IN ('each', 'weight')),
        minimum_age  INTEGER CHECK (minimum_age BETWEEN 1 AND 99),
        plu          TEXT UNIQUE CHECK (plu GLOB '[0-9][0-9][0-9][0-9]' OR plu GLOB '[0-9][0-9][0-9][0-9][0-9]'),
        image        TEXT
      ) STRICT;
      CREATE INDEX items_by_tax_category ON items (tax_category);

      -- The key is the GTIN-14 (EAN-8, UPC-A and EAN-13 left-padded with zeros) or a bare PLU,
      -- so a product scanned as UPC-A and as EAN-13 finds the same row.
      CREATE TABLE barcodes (
        code    TEXT PRIMARY KEY CHECK (length(code) IN (4, 5, 14) AND code NOT GLOB '*[^0-9]*'),
        item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX barcodes_by_item ON barcodes (item_id);

      CREATE TABLE baskets (
        basket_id TEXT PRIMARY KEY,
        lane_id   TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        outcome   TEXT CHECK (outcome IN ('completed', 'cancelled')),
        CHECK ((closed_at IS NULL) = (outcome IS NULL))
      ) STRICT;
      -- A lane works on one basket at a time; this is also how a restart finds it.
      CREATE UNIQUE INDEX baskets_one_open_per_lane ON baskets (lane_id) WHERE closed_at IS NULL;

      CREATE TRIGGER baskets_no_delete BEFORE DELETE ON baskets
      BEGIN SELECT RAISE(ABORT, 'baskets are never deleted'); END;

      CREATE TRIGGER baskets_close_once BEFORE UPDATE ON baskets
      WHEN OLD.closed_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'a closed basket cannot be changed'); END;

      CREATE TRIGGER baskets_identity_fixed BEFORE UPDATE ON baskets
      WHEN NEW.basket_id IS NOT OLD.basket_id OR NEW.lane_id IS NOT OLD.lane_id OR NEW.opened_at IS NOT OLD.opened_at
      BEGIN SELECT RAISE(ABORT, 'only closing a basket may change it'); END;

      -- Append-only journal of the open basket. The payload belongs to the checkout engine; the
      -- ledger keeps it verbatim. request_id is set on the first event of each idempotent write.
      CREATE TABLE basket_events (
        basket_id   TEXT NOT NULL REFERENCES baskets (basket_id),
        seq         INTEGER NOT NULL CHECK (seq >= 1),
        type        TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 64),
        payload     TEXT NOT NULL CHECK (json_valid(payload)),
        recorded_at TEXT NOT NULL,
        request_id  TEXT UNIQUE,
        PRIMARY KEY (basket_id, seq)
      ) STRICT;

      CREATE TRIGGER basket_events_only_while_open BEFORE INSERT ON basket_events
      WHEN (SELECT closed_at FROM baskets WHERE basket_id = NEW.basket_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'events cannot be added to a closed basket'); END;

      CREATE TRIGGER basket_events_no_update BEFORE UPDATE ON basket_events
      BEGIN SELECT RAISE(ABORT, 'basket events journal is append-only'); END;

      CREATE TRIGGER basket_events_no_delete BEFORE DELETE ON basket_events
      BEGIN SELECT RAISE(ABORT, 'basket events journal is append-only'); END;
    `);
  },
};
