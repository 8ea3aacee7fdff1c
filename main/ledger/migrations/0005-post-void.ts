import type { Migration } from './migration.ts';

/**
 * Post-voids join the sales journal as reversing entries in the same hash chain. SQLite cannot
 * relax a NOT NULL column in place, so the table is rebuilt (the documented 12-step procedure,
 * hence foreign keys off while it runs); the rows and their hashes are copied unchanged.
 */
export const migration: Migration = {
  version: 5,
  name: 'post-void',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      DROP TRIGGER sales_extend_chain;
      DROP TRIGGER sales_no_update;
      DROP TRIGGER sales_no_delete;
      DROP INDEX sales_by_lane;

      -- kind 'sale': a completed basket; kind 'post-void': the reversal of one sale (at most one).
      CREATE TABLE sales_v5 (
        sale_id        TEXT PRIMARY KEY,
        seq            INTEGER NOT NULL UNIQUE CHECK (seq >= 1),
        kind           TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'post-void')),
        basket_id      TEXT UNIQUE REFERENCES baskets (basket_id),
        voids_sale_id  TEXT UNIQUE REFERENCES sales_v5 (sale_id),
        lane_id        TEXT NOT NULL,
        receipt_number TEXT NOT NULL UNIQUE,
        completed_at   TEXT NOT NULL,
        currency       TEXT NOT NULL CHECK (length(currency) = 3),
        total          INTEGER NOT NULL,
        document       TEXT NOT NULL CHECK (json_valid(document)),
        prev_hash      TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash           TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
        CHECK ((kind = 'sale') = (basket_id IS NOT NULL)),
        CHECK ((kind = 'post-void') = (voids_sale_id IS NOT NULL))
      ) STRICT;
      INSERT INTO sales_v5 (sale_id, seq, kind, basket_id, voids_sale_id, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash)
        SELECT sale_id, seq, 'sale', basket_id, NULL, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash FROM sales;
      DROP TABLE sales;
      ALTER TABLE sales_v5 RENAME TO sales;
      CREATE INDEX sales_by_lane ON sales (lane_id, seq);

      CREATE TRIGGER sales_extend_chain BEFORE INSERT ON sales
      WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM sales)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM sales ORDER BY seq DESC LIMIT 1), printf('%064d', 0))
      BEGIN SELECT RAISE(ABORT, 'a sale must extend the end of the sales journal'); END;

      CREATE TRIGGER sales_void_reverses_a_sale BEFORE INSERT ON sales
      WHEN NEW.kind = 'post-void' AND (SELECT kind FROM sales WHERE sale_id = NEW.voids_sale_id) IS NOT 'sale'
      BEGIN SELECT RAISE(ABORT, 'a post-void must reverse a completed sale'); END;

      CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales
      BEGIN SELECT RAISE(ABORT, 'sales journal is append-only'); END;

      CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
      BEGIN SELECT RAISE(ABORT, 'sales journal is append-only'); END;
    `);
  },
};
