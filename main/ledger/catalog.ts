import type Database from 'better-sqlite3';
import { z } from 'zod';
import { TaxCategorySchema, type ItemSnapshot, type SoldBy, type TaxCategory } from '../../common/catalog.ts';
import { LedgerError, parseInput } from './errors.ts';
import { catalogKey } from './gtin.ts';
import { normaliseText, searchWords } from './search-text.ts';
import { CatalogDataSchema } from './store-file.ts';

/** An item found by a scanned or keyed code; `code` is the catalog key (GTIN-14 or PLU). */
export interface CatalogHit {
  readonly code: string;
  readonly item: ItemSnapshot;
  readonly department: string;
  readonly plu: string | null;
  readonly image: string | null;
}

export interface ImportProgress {
  readonly done: number;
  readonly total: number;
}

export interface ImportSummary {
  readonly taxCategories: number;
  readonly items: number;
  readonly codes: number;
}

/**
 * An item row joined to the code that found it. The columns are typed by the statement, not
 * parsed per read: every row was validated by `importCatalog` (CatalogDataSchema) on the way in
 * and the table's CHECK constraints hold the same rules, so re-parsing each lookup only costs time
 * (it was most of a barcode lookup's p99 in a million-item catalog, see `npm run bench`).
 */
interface HitRow {
  readonly item_id: string;
  readonly name: string;
  readonly department: string;
  readonly unit_price: number;
  readonly tax_category: string;
  readonly sold_by: SoldBy;
  readonly minimum_age: number | null;
  readonly plu: string | null;
  readonly image: string | null;
}

/** The snapshot the engine sells, from a row the import validated. */
function hitOf(code: string, row: HitRow): CatalogHit {
  const item: ItemSnapshot = {
    itemId: row.item_id,
    name: row.name,
    unitPrice: row.unit_price,
    taxCategory: row.tax_category,
    soldBy: row.sold_by,
    minimumAge: row.minimum_age,
    department: row.department,
  };
  return { code, item, department: row.department, plu: row.plu, image: row.image };
}

const TaxCategoryRow = z.object({ code: z.string(), label: z.string(), rate_ppm: z.number().int() });
const CountRow = z.object({ n: z.number().int() });

const PROGRESS_EVERY = 1000;

/** The store's items, their barcodes and PLUs, and the tax categories they fall in. */
export class CatalogRepository {
  readonly #db: Database.Database;
  readonly #findByKey: Database.Statement<[string], HitRow>;
  readonly #countItems: Database.Statement<[], { n: number }>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#countItems = db.prepare('SELECT count(*) AS n FROM items');
    this.#findByKey = db.prepare(`
      SELECT i.item_id, i.name, i.department, i.unit_price, i.tax_category, i.sold_by, i.minimum_age, i.plu, i.image
      FROM barcodes b JOIN items i ON i.item_id = b.item_id
      WHERE b.code = ?`);
  }

  /**
   * Looks up a scanned or keyed code (EAN-8, UPC-A, EAN-13, GTIN-14 or PLU). Null when no item
   * has it; INVALID_BARCODE when it cannot be a product code at all (e.g. a bad check digit).
   */
  findByCode(code: string): CatalogHit | null {
    const key = catalogKey(code);
    if (!key.ok) throw new LedgerError('INVALID_BARCODE', key.reason, 'code');
    const row = this.#findByKey.get(key.key);
    return row === undefined ? null : hitOf(key.key, row);
  }

  /** The item as the catalog prices it today, by its id; null when the catalog no longer has it. */
  findById(itemId: string): ItemSnapshot | null {
    const row = this.#db.prepare<[string], HitRow>('SELECT item_id, name, department, unit_price, tax_category, sold_by, minimum_age, plu, image FROM items WHERE item_id = ?').get(itemId);
    return row === undefined ? null : hitOf(itemId, row).item;
  }

  taxCategories(): TaxCategory[] {
    return this.#db
      .prepare('SELECT code, label, rate_ppm FROM tax_categories ORDER BY code')
      .all()
      .map((found) => {
        const row = TaxCategoryRow.parse(found);
        return TaxCategorySchema.parse({ code: row.code, label: row.label, ratePpm: row.rate_ppm });
      });
  }

  /** How many items the catalog holds. */
  count(): number {
    return CountRow.parse(this.#countItems.get()).n;
  }

  /**
   * Replaces the whole catalog with `data` (tax categories and items, see CatalogDataSchema).
   * The input is validated in full first; the write is one transaction, so a failed import
   * leaves the previous catalog as it was. Baskets are unaffected: lines keep their snapshot.
   */
  importCatalog(data: unknown, onProgress?: (progress: ImportProgress) => void): ImportSummary {
    const catalog = parseInput(CatalogDataSchema, data, '');
    const total = catalog.items.length;
    const db = this.#db;
    const insertCategory = db.prepare<[string, string, number]>('INSERT INTO tax_categories (code, label, rate_ppm) VALUES (?, ?, ?)');
    const insertItem = db.prepare<[string, string, string, number, string, string, number | null, string | null, string | null, string | null, string]>(
      `INSERT INTO items (item_id, name, department, unit_price, tax_category, sold_by, minimum_age, plu, image, lookup_category, search_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertCode = db.prepare<[string, string]>('INSERT INTO barcodes (code, item_id) VALUES (?, ?)');
    const insertLookup = db.prepare<[string, number, string, string | null]>('INSERT INTO lookup_categories (category_id, position, name, image) VALUES (?, ?, ?, ?)');
    const insertLookupName = db.prepare<[string, string, string]>('INSERT INTO lookup_category_names (category_id, language, name) VALUES (?, ?, ?)');
    const insertName = db.prepare<[string, string, string, string]>('INSERT INTO item_names (item_id, language, name, search_name) VALUES (?, ?, ?, ?)');
    const insertTerm = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO item_search_terms (term, item_id, language) VALUES (?, ?, ?)');
    let codes = 0;
    db.transaction(() => {
      db.exec(`DELETE FROM item_search_terms; DELETE FROM item_names; DELETE FROM barcodes; DELETE FROM items;
        DELETE FROM lookup_category_names; DELETE FROM lookup_categories; DELETE FROM tax_categories;`);
      for (const category of catalog.taxCategories) insertCategory.run(category.code, category.label, category.ratePpm);
      catalog.lookupCategories.forEach((category, position) => {
        insertLookup.run(category.id, position, category.name, category.image);
        for (const [language, name] of Object.entries(category.names)) insertLookupName.run(category.id, language, name);
      });
      catalog.items.forEach((item, index) => {
        insertItem.run(item.itemId, item.name, item.department, item.unitPrice, item.taxCategory, item.soldBy, item.minimumAge, item.plu, item.image, item.lookupCategory, normaliseText(item.name));
        for (const word of searchWords(item.name)) insertTerm.run(word, item.itemId, '');
        for (const [language, name] of Object.entries(item.names)) {
          insertName.run(item.itemId, language, name, normaliseText(name));
          for (const word of searchWords(name)) insertTerm.run(word, item.itemId, language);
        }
        if (item.plu !== null) {
          insertCode.run(item.plu, item.itemId);
          codes += 1;
        }
        for (const barcode of item.barcodes) {
          insertCode.run(barcode.padStart(14, '0'), item.itemId);
          codes += 1;
        }
        const done = index + 1;
        if (onProgress && (done % PROGRESS_EVERY === 0 || done === total)) onProgress({ done, total });
      });
    })();
    return { taxCategories: catalog.taxCategories.length, items: total, codes };
  }
}
