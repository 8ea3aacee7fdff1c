import type { Migration } from './migration.ts';

/**
 * The money beyond card payments: every tender of every sale (cash with its change and rounding,
 * gift cards, cards) tied to the cashier's shift; gift card and store credit balances; the cash
 * drawer's shifts with their float and count; paid in, paid out and no sale; the Z report that
 * closes a business day. Everything is append-only except a shift's one closing.
 */
export const migration: Migration = {
  version: 6,
  name: 'tenders-shifts',
  up(db) {
    db.exec(`
      -- One open shift per lane; closing fills the close columns once, blind (the count is keyed
      -- before the expected amount is shown).
      CREATE TABLE shifts (
        shift_id         TEXT PRIMARY KEY,
        lane_id          TEXT NOT NULL,
        operator_id      TEXT NOT NULL,
        business_date    TEXT NOT NULL CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        currency         TEXT NOT NULL CHECK (length(currency) = 3),
        opened_at        TEXT NOT NULL,
        opening_float    INTEGER NOT NULL CHECK (opening_float >= 0),
        open_request_id  TEXT NOT NULL UNIQUE,
        closed_at        TEXT,
        closed_by        TEXT,
        counted          TEXT CHECK (counted IS NULL OR json_valid(counted)),
        counted_total    INTEGER CHECK (counted_total IS NULL OR counted_total >= 0),
        expected_cash    INTEGER,
        over_short       INTEGER,
        close_request_id TEXT UNIQUE,
        CHECK ((closed_at IS NULL) = (counted_total IS NULL) AND (closed_at IS NULL) = (expected_cash IS NULL) AND (closed_at IS NULL) = (over_short IS NULL)),
        CHECK (over_short IS NULL OR over_short = counted_total - expected_cash)
      ) STRICT;
      CREATE UNIQUE INDEX shifts_one_open_per_lane ON shifts (lane_id) WHERE closed_at IS NULL;
      CREATE INDEX shifts_by_day ON shifts (lane_id, business_date);

      CREATE TRIGGER shifts_close_once BEFORE UPDATE ON shifts
      WHEN OLD.closed_at IS NOT NULL OR NEW.shift_id IS NOT OLD.shift_id OR NEW.lane_id IS NOT OLD.lane_id
        OR NEW.operator_id IS NOT OLD.operator_id OR NEW.business_date IS NOT OLD.business_date
        OR NEW.opened_at IS NOT OLD.opened_at OR NEW.opening_float IS NOT OLD.opening_float
        OR NEW.currency IS NOT OLD.currency OR NEW.open_request_id IS NOT OLD.open_request_id
      BEGIN SELECT RAISE(ABORT, 'a shift is closed once and its opening never changes'); END;

      CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
      BEGIN SELECT RAISE(ABORT, 'shifts are append-only'); END;

      CREATE TABLE gift_cards (
        card_id   TEXT PRIMARY KEY,
        code      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 6 AND 32),
        currency  TEXT NOT NULL CHECK (length(currency) = 3),
        issued_at TEXT NOT NULL
      ) STRICT;

      -- The balance is the last movement's balance_after; a redemption can never take it below 0.
      CREATE TABLE gift_card_movements (
        movement_id   INTEGER PRIMARY KEY AUTOINCREMENT,
        card_id       TEXT NOT NULL REFERENCES gift_cards (card_id),
        kind          TEXT NOT NULL CHECK (kind IN ('issue', 'redeem', 'refund')),
        amount        INTEGER NOT NULL CHECK (amount <> 0),
        balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
        request_id    TEXT NOT NULL UNIQUE,
        basket_id     TEXT,
        lane_id       TEXT NOT NULL,
        operator_id   TEXT,
        reason        TEXT,
        at            TEXT NOT NULL,
        CHECK ((kind = 'redeem') = (amount < 0))
      ) STRICT;
      CREATE INDEX gift_card_movements_by_card ON gift_card_movements (card_id, movement_id);

      CREATE TRIGGER gift_card_movements_no_update BEFORE UPDATE ON gift_card_movements
      BEGIN SELECT RAISE(ABORT, 'gift card movements are append-only'); END;
      CREATE TRIGGER gift_card_movements_no_delete BEFORE DELETE ON gift_card_movements
      BEGIN SELECT RAISE(ABORT, 'gift card movements are append-only'); END;

      -- Every tender of a completed sale. For cash, amount = tendered - change is what stays in
      -- the drawer and rounding = amount - what it settled of the total.
      CREATE TABLE sale_tenders (
        tender_id     TEXT PRIMARY KEY,
        sale_id       TEXT NOT NULL REFERENCES sales (sale_id),
        lane_id       TEXT NOT NULL,
        shift_id      TEXT REFERENCES shifts (shift_id),
        business_date TEXT NOT NULL,
        method        TEXT NOT NULL CHECK (method IN ('card', 'cash', 'gift-card')),
        amount        INTEGER NOT NULL CHECK (amount > 0),
        tendered      INTEGER NOT NULL CHECK (tendered >= amount),
        change_given  INTEGER NOT NULL CHECK (change_given = tendered - amount),
        rounding      INTEGER NOT NULL,
        gift_card_id  TEXT REFERENCES gift_cards (card_id),
        taken_at      TEXT NOT NULL,
        CHECK ((method = 'gift-card') = (gift_card_id IS NOT NULL)),
        CHECK (method = 'cash' OR (rounding = 0 AND change_given = 0))
      ) STRICT;
      CREATE INDEX sale_tenders_by_shift ON sale_tenders (shift_id);
      CREATE INDEX sale_tenders_by_day ON sale_tenders (lane_id, business_date);

      CREATE TRIGGER sale_tenders_no_update BEFORE UPDATE ON sale_tenders
      BEGIN SELECT RAISE(ABORT, 'sale tenders are append-only'); END;
      CREATE TRIGGER sale_tenders_no_delete BEFORE DELETE ON sale_tenders
      BEGIN SELECT RAISE(ABORT, 'sale tenders are append-only'); END;

      -- Cash in or out of the drawer outside a sale (a refund is cash handed back for a post-void);
      -- a no sale opens the drawer and moves nothing.
      CREATE TABLE cash_movements (
        movement_id TEXT PRIMARY KEY,
        shift_id    TEXT NOT NULL REFERENCES shifts (shift_id),
        kind        TEXT NOT NULL CHECK (kind IN ('paid-in', 'paid-out', 'no-sale', 'refund')),
        amount      INTEGER NOT NULL CHECK ((kind = 'no-sale' AND amount = 0) OR (kind <> 'no-sale' AND amount > 0)),
        reason      TEXT NOT NULL,
        note        TEXT,
        operator_id TEXT,
        approver_id TEXT,
        request_id  TEXT NOT NULL UNIQUE,
        at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cash_movements_by_shift ON cash_movements (shift_id);

      CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements
      BEGIN SELECT RAISE(ABORT, 'cash movements are append-only'); END;
      CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements
      BEGIN SELECT RAISE(ABORT, 'cash movements are append-only'); END;

      -- A Z report closes a lane's business day once; the report is kept as it was printed.
      CREATE TABLE business_days (
        lane_id       TEXT NOT NULL,
        business_date TEXT NOT NULL,
        z_number      INTEGER NOT NULL CHECK (z_number >= 1),
        closed_at     TEXT NOT NULL,
        closed_by     TEXT,
        report        TEXT NOT NULL CHECK (json_valid(report)),
        PRIMARY KEY (lane_id, business_date),
        UNIQUE (lane_id, z_number)
      ) STRICT;

      CREATE TRIGGER business_days_no_update BEFORE UPDATE ON business_days
      BEGIN SELECT RAISE(ABORT, 'a closed business day stays closed'); END;
      CREATE TRIGGER business_days_no_delete BEFORE DELETE ON business_days
      BEGIN SELECT RAISE(ABORT, 'a closed business day stays closed'); END;
    `);
  },
};
