import type { Migration } from './migration.ts';

/**
 * Returns join the sales journal as entries of kind `return` in the same hash chain: a return by
 * receipt names the sale it returns from (`returns_sale_id`, many returns per sale), a return
 * without a receipt names none. The lines and refunds of each return are kept beside it, and
 * triggers refuse returning more of a line than was sold, or refunding a tender more than it
 * paid, whatever the writer computed. The sales table is rebuilt as in 0005 (rows and hashes
 * copied unchanged).
 */
export const migration: Migration = {
  version: 7,
  name: 'returns',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      DROP TRIGGER sales_extend_chain;
      DROP TRIGGER sales_void_reverses_a_sale;
      DROP TRIGGER sales_no_update;
      DROP TRIGGER sales_no_delete;
      DROP INDEX sales_by_lane;

      CREATE TABLE sales_v7 (
        sale_id         TEXT PRIMARY KEY,
        seq             INTEGER NOT NULL UNIQUE CHECK (seq >= 1),
        kind            TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'post-void', 'return')),
        basket_id       TEXT UNIQUE REFERENCES baskets (basket_id),
        voids_sale_id   TEXT UNIQUE REFERENCES sales_v7 (sale_id),
        returns_sale_id TEXT REFERENCES sales_v7 (sale_id),
        lane_id         TEXT NOT NULL,
        receipt_number  TEXT NOT NULL UNIQUE,
        completed_at    TEXT NOT NULL,
        currency        TEXT NOT NULL CHECK (length(currency) = 3),
        total           INTEGER NOT NULL,
        document        TEXT NOT NULL CHECK (json_valid(document)),
        prev_hash       TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash            TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
        CHECK ((kind = 'sale') = (basket_id IS NOT NULL)),
        CHECK ((kind = 'post-void') = (voids_sale_id IS NOT NULL)),
        CHECK (kind = 'return' OR returns_sale_id IS NULL),
        CHECK (kind <> 'return' OR total <= 0)
      ) STRICT;
      INSERT INTO sales_v7 (sale_id, seq, kind, basket_id, voids_sale_id, returns_sale_id, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash)
        SELECT sale_id, seq, kind, basket_id, voids_sale_id, NULL, lane_id, receipt_number, completed_at, currency, total, document, prev_hash, hash FROM sales;
      DROP TABLE sales;
      ALTER TABLE sales_v7 RENAME TO sales;
      CREATE INDEX sales_by_lane ON sales (lane_id, seq);
      CREATE INDEX sales_by_returned_sale ON sales (returns_sale_id) WHERE returns_sale_id IS NOT NULL;

      CREATE TRIGGER sales_extend_chain BEFORE INSERT ON sales
      WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM sales)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM sales ORDER BY seq DESC LIMIT 1), printf('%064d', 0))
      BEGIN SELECT RAISE(ABORT, 'a sale must extend the end of the sales journal'); END;

      CREATE TRIGGER sales_void_reverses_a_sale BEFORE INSERT ON sales
      WHEN NEW.kind = 'post-void' AND (SELECT kind FROM sales WHERE sale_id = NEW.voids_sale_id) IS NOT 'sale'
      BEGIN SELECT RAISE(ABORT, 'a post-void must reverse a completed sale'); END;

      -- A post-void gives every tender back all it paid: after a return, that would pay twice.
      CREATE TRIGGER sales_void_not_after_return BEFORE INSERT ON sales
      WHEN NEW.kind = 'post-void' AND EXISTS (SELECT 1 FROM sales WHERE kind = 'return' AND returns_sale_id = NEW.voids_sale_id)
      BEGIN SELECT RAISE(ABORT, 'a sale with returns cannot be post-voided'); END;

      CREATE TRIGGER sales_return_of_a_standing_sale BEFORE INSERT ON sales
      WHEN NEW.kind = 'return' AND NEW.returns_sale_id IS NOT NULL AND (
        (SELECT kind FROM sales WHERE sale_id = NEW.returns_sale_id) IS NOT 'sale'
        OR EXISTS (SELECT 1 FROM sales WHERE kind = 'post-void' AND voids_sale_id = NEW.returns_sale_id))
      BEGIN SELECT RAISE(ABORT, 'a return must come from a completed sale that was not post-voided'); END;

      CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales
      BEGIN SELECT RAISE(ABORT, 'sales journal is append-only'); END;

      CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
      BEGIN SELECT RAISE(ABORT, 'sales journal is append-only'); END;

      -- One row per return entry: who did it, and the caller's idempotency key.
      CREATE TABLE returns (
        return_id   TEXT PRIMARY KEY REFERENCES sales (sale_id),
        sale_id     TEXT REFERENCES sales (sale_id),
        request_id  TEXT NOT NULL UNIQUE,
        operator_id TEXT,
        approver_id TEXT,
        returned_at TEXT NOT NULL
      ) STRICT;

      -- line_units: what the sale line holds (its count; 1 for a weighed line returned whole).
      CREATE TABLE return_lines (
        return_id  TEXT NOT NULL REFERENCES returns (return_id),
        sale_id    TEXT REFERENCES sales (sale_id),
        line_id    TEXT,
        item_code  TEXT NOT NULL,
        units      INTEGER NOT NULL CHECK (units >= 1),
        line_units INTEGER CHECK (line_units >= 1),
        amount     INTEGER NOT NULL CHECK (amount >= 0),
        CHECK ((sale_id IS NULL) = (line_id IS NULL)),
        CHECK ((line_id IS NULL) = (line_units IS NULL))
      ) STRICT;
      CREATE INDEX return_lines_by_sale_line ON return_lines (sale_id, line_id) WHERE sale_id IS NOT NULL;

      CREATE TRIGGER return_lines_not_over BEFORE INSERT ON return_lines
      WHEN NEW.sale_id IS NOT NULL
        AND NEW.units + (SELECT coalesce(sum(units), 0) FROM return_lines WHERE sale_id = NEW.sale_id AND line_id = NEW.line_id) > NEW.line_units
      BEGIN SELECT RAISE(ABORT, 'a sale line cannot be returned beyond what was sold'); END;

      -- tender_paid: what the sale's tender contributed to its total; null for no-receipt refunds.
      CREATE TABLE return_refunds (
        return_id   TEXT NOT NULL REFERENCES returns (return_id),
        sale_id     TEXT REFERENCES sales (sale_id),
        tender_id   TEXT REFERENCES sale_tenders (tender_id),
        method      TEXT NOT NULL CHECK (method IN ('card', 'gift-card', 'cash', 'store-credit')),
        amount      INTEGER NOT NULL CHECK (amount > 0),
        tender_paid INTEGER,
        gift_card_id TEXT REFERENCES gift_cards (card_id),
        -- A card refund: what the card reader answered, never a card number.
        brand       TEXT,
        last4       TEXT CHECK (last4 IS NULL OR (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*')),
        auth_code   TEXT,
        reference   TEXT,
        CHECK ((tender_id IS NULL) = (tender_paid IS NULL)),
        CHECK ((method = 'card') = (reference IS NOT NULL))
      ) STRICT;
      CREATE INDEX return_refunds_by_tender ON return_refunds (tender_id) WHERE tender_id IS NOT NULL;

      CREATE TRIGGER return_refunds_not_over BEFORE INSERT ON return_refunds
      WHEN NEW.tender_id IS NOT NULL
        AND NEW.amount + (SELECT coalesce(sum(amount), 0) FROM return_refunds WHERE tender_id = NEW.tender_id) > NEW.tender_paid
      BEGIN SELECT RAISE(ABORT, 'a tender cannot be refunded more than it paid'); END;

      CREATE TRIGGER returns_no_update BEFORE UPDATE ON returns
      BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END;
      CREATE TRIGGER returns_no_delete BEFORE DELETE ON returns
      BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END;
      CREATE TRIGGER return_lines_no_update BEFORE UPDATE ON return_lines
      BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END;
      CREATE TRIGGER return_lines_no_delete BEFORE DELETE ON return_lines
      BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END;
      CREATE TRIGGER return_refunds_no_update BEFORE UPDATE ON return_refunds
      BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END;
      CREATE TRIGGER return_refunds_no_delete BEFORE DELETE ON return_refunds
      BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END;
    `);
  },
};
