import type Database from 'better-sqlite3';
import { normaliseText, searchWords } from '../search-text.ts';
import type { Migration } from './migration.ts';

/** Search words and search names of the items already in the catalog; later imports write their own. */
function indexExistingNames(db: Database.Database): void {
  const insert = db.prepare<[string, string]>("INSERT OR IGNORE INTO item_search_terms (term, item_id, language) VALUES (?, ?, '')");
  const setSearchName = db.prepare<[string, string]>('UPDATE items SET search_name = ? WHERE item_id = ?');
  // In pages: the connection cannot insert while a SELECT on it is still being stepped.
  const page = db.prepare<[string], { item_id: string; name: string }>('SELECT item_id, name FROM items WHERE item_id > ? ORDER BY item_id LIMIT 5000');
  for (let rows = page.all(''); rows.length > 0; rows = page.all(rows.at(-1)?.item_id ?? '')) {
    for (const row of rows) {
      setSearchName.run(normaliseText(row.name), row.item_id);
      for (const word of searchWords(row.name)) insert.run(word, row.item_id);
    }
  }
}

/**
 * The item lookup (the produce picker and the associate's lookup key) and promotions kept in the
 * ledger. Lookup categories group the items a shopper cannot scan (loose produce); items get
 * names in other languages and an index of normalised name words for typeahead search.
 * Promotions and coupons are stored by id and version, append-only: a change is a new version,
 * and each completed sale records the versions it used.
 */
export const migration: Migration = {
  version: 10,
  name: 'lookup-promotions',
  up(db) {
    db.exec(`
      CREATE TABLE lookup_categories (
        category_id TEXT PRIMARY KEY CHECK (length(category_id) BETWEEN 1 AND 32),
        position    INTEGER NOT NULL CHECK (position >= 0),
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
        image       TEXT CHECK (length(image) BETWEEN 1 AND 300)
      ) STRICT;

      CREATE TABLE lookup_category_names (
        category_id TEXT NOT NULL REFERENCES lookup_categories (category_id) ON DELETE CASCADE,
        language    TEXT NOT NULL CHECK (language GLOB '[a-z][a-z]'),
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
        PRIMARY KEY (category_id, language)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE items ADD COLUMN lookup_category TEXT REFERENCES lookup_categories (category_id);
      -- The name as the search compares it (search-text.ts), so ranking never re-normalises it.
      ALTER TABLE items ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
      CREATE INDEX items_by_lookup_category ON items (lookup_category, name) WHERE lookup_category IS NOT NULL;

      CREATE TABLE item_names (
        item_id  TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
        language TEXT NOT NULL CHECK (language GLOB '[a-z][a-z]'),
        name     TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        search_name TEXT NOT NULL,
        PRIMARY KEY (item_id, language)
      ) STRICT, WITHOUT ROWID;

      -- One row per normalised word of an item's name ('' = the catalog's own name, else the
      -- language of a translation). Typeahead is a range scan on term: 'ban' ≤ term < 'ban\uffff'.
      CREATE TABLE item_search_terms (
        term     TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 120),
        item_id  TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
        language TEXT NOT NULL CHECK (language = '' OR language GLOB '[a-z][a-z]'),
        PRIMARY KEY (term, item_id, language)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX item_search_terms_by_item ON item_search_terms (item_id);

      -- The definition is the promotion or coupon as validated at import (common/promotions.ts).
      CREATE TABLE promotions (
        promotion_id TEXT NOT NULL CHECK (length(promotion_id) BETWEEN 1 AND 64),
        version      INTEGER NOT NULL CHECK (version >= 1),
        kind         TEXT NOT NULL CHECK (kind IN ('promotion', 'coupon')),
        definition   TEXT NOT NULL CHECK (json_valid(definition)),
        valid_from   TEXT CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        valid_to     TEXT CHECK (valid_to IS NULL OR valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        imported_at  TEXT NOT NULL,
        PRIMARY KEY (promotion_id, version),
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
      ) STRICT;

      CREATE TRIGGER promotions_no_update BEFORE UPDATE ON promotions
      BEGIN SELECT RAISE(ABORT, 'a promotion version is never changed: import a new version'); END;
      CREATE TRIGGER promotions_no_delete BEFORE DELETE ON promotions
      BEGIN SELECT RAISE(ABORT, 'a promotion version is never deleted: import a new version that ends it'); END;

      CREATE TABLE sale_promotions (
        sale_id      TEXT NOT NULL REFERENCES sales (sale_id),
        promotion_id TEXT NOT NULL,
        version      INTEGER NOT NULL,
        PRIMARY KEY (sale_id, promotion_id),
        FOREIGN KEY (promotion_id, version) REFERENCES promotions (promotion_id, version)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER sale_promotions_no_update BEFORE UPDATE ON sale_promotions
      BEGIN SELECT RAISE(ABORT, 'the promotions a sale used are never changed'); END;
      CREATE TRIGGER sale_promotions_no_delete BEFORE DELETE ON sale_promotions
      BEGIN SELECT RAISE(ABORT, 'the promotions a sale used are never deleted'); END;
    `);
    indexExistingNames(db);
  },
};
