import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LookupQuerySchema } from '../../common/lookup.ts';
import { Ledger } from '../../main/ledger/ledger.ts';
import { normaliseText, prefixEnd, searchWords } from '../../main/ledger/search-text.ts';
import { ratio, summarise, type Summary } from './stats.ts';

export interface ItemSearchResult {
  readonly what: string;
  readonly buildSeconds: number;
  readonly search: Summary;
  readonly baseline: Summary & { readonly what: string };
  readonly ratio: { readonly p50: number; readonly p99: number };
}

const BRANDS = ['Acme', 'Harbor', 'Golden', 'Meadow', 'Sunny', 'Green', 'River', 'Stone', 'Maple', 'Cedar', 'Ocean', 'Prairie', 'Summit', 'Willow', 'Aurora', 'Bayside'];
const PRODUCTS = [
  'Banana Chips', 'Apple Sauce', 'Orange Juice', 'Peanut Butter', 'Tomato Soup', 'Chicken Broth', 'Green Beans', 'Black Beans', 'Rice Crackers', 'Oat Cereal',
  'Corn Flakes', 'Grape Jelly', 'Lemon Tea', 'Mango Salsa', 'Potato Chips', 'Pasta Sauce', 'Olive Oil', 'Honey Mustard', 'Ginger Ale', 'Coconut Water',
  'Almond Milk', 'Cheddar Cheese', 'Greek Yogurt', 'Butter Cookies', 'Dark Chocolate', 'Maple Syrup', 'Pancake Mix', 'Sweet Corn', 'Kidney Beans', 'Baby Spinach',
];
const SIZES = ['8 oz', '12 oz', '16 oz', '1 lb', '2 lb', '32 fl oz', '6 ct', '12 ct'];
const BATCH = 500;

/** The name of bench item n: brand, product and size vary independently, as in a real catalog. */
const nameOf = (n: number): string =>
  `${BRANDS[n % BRANDS.length]} ${PRODUCTS[Math.floor(n / BRANDS.length) % PRODUCTS.length]} ${SIZES[Math.floor(n / (BRANDS.length * PRODUCTS.length)) % SIZES.length]} ${n}`;

/** What shoppers and cashiers type: short prefixes (the cap's worst case), whole words, two words, PLU digits. */
const QUERIES = ['b', 'ban', 'banana', 'peanut but', 'harbor oat', 'grape jel 12', 'coconut', 'ging', 'maple syr', '401'];

/**
 * The item lookup (`ItemLookup.search` via the catalog.search schema: parse, index range scan,
 * ranking, page of 24) in a catalog of `items` items, against the floor: a raw SELECT of one
 * page of item ids from the same word index.
 */
export function benchItemSearch(items: number, searches: number): ItemSearchResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-search-'));
  const file = path.join(dir, 'ledger.sqlite');
  try {
    Ledger.open(file).close();
    const started = performance.now();
    const db = new Database(file);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -131072');
    const insertItem = db.prepare<[string, string, string]>("INSERT INTO items (item_id, name, department, unit_price, tax_category, sold_by, search_name) VALUES (?, ?, 'Pantry', 199, 'grocery', 'each', ?)");
    const termRows = (count: number): string => Array.from({ length: count }, () => "(?, ?, '')").join(', ');
    const fullTerms = db.prepare(`INSERT OR IGNORE INTO item_search_terms (term, item_id, language) VALUES ${termRows(BATCH)}`);
    db.transaction(() => {
      db.prepare("INSERT INTO tax_categories (code, label, rate_ppm) VALUES ('grocery', 'Grocery 2.25%', 22500)").run();
      let pending: string[] = [];
      const flush = (): void => {
        const count = pending.length / 2;
        if (count > 0) (count === BATCH ? fullTerms : db.prepare(`INSERT OR IGNORE INTO item_search_terms (term, item_id, language) VALUES ${termRows(count)}`)).run(pending);
        pending = [];
      };
      for (let n = 0; n < items; n += 1) {
        const itemId = `item-${String(n).padStart(7, '0')}`;
        const name = nameOf(n);
        insertItem.run(itemId, name, normaliseText(name));
        for (const word of searchWords(name)) {
          pending.push(word, itemId);
          if (pending.length === BATCH * 2) flush();
        }
      }
      flush();
    })();
    db.close();
    const buildSeconds = Math.round((performance.now() - started) / 10) / 100;

    const ledger = Ledger.open(file);
    const raw = new Database(file, { readonly: true });
    const floor = raw.prepare<[string, string]>("SELECT DISTINCT item_id FROM item_search_terms WHERE term >= ? AND term < ? AND language = '' LIMIT 24");
    const searchMs: number[] = [];
    const rawMs: number[] = [];
    try {
      for (let i = 0; i < searches; i += 1) {
        const text = QUERIES[i % QUERIES.length] ?? 'ban';
        const viaLookup = (): void => {
          const at = performance.now();
          const found = ledger.lookup.search(LookupQuerySchema.parse({ text, scope: 'catalog', limit: 24 }));
          searchMs.push(performance.now() - at);
          if (found.items.length === 0 && !/^\d+$/.test(text)) throw new Error(`bench: nothing found for "${text}"`);
        };
        const viaRaw = (): void => {
          const word = searchWords(text).at(-1) ?? text;
          const at = performance.now();
          floor.all(word, prefixEnd(word));
          rawMs.push(performance.now() - at);
        };
        if (i % 2 === 0) {
          viaLookup();
          viaRaw();
        } else {
          viaRaw();
          viaLookup();
        }
      }
    } finally {
      raw.close();
      ledger.close();
    }
    const search = summarise(searchMs);
    const baseline = summarise(rawMs);
    return {
      what: `item lookup via ItemLookup.search (typeahead: ${QUERIES.map((query) => `"${query}"`).join(', ')}) in a ${items.toLocaleString('en-US')}-item catalog (${searches} searches)`,
      buildSeconds,
      search,
      baseline: { what: 'raw better-sqlite3 SELECT of one page of item ids from the same word index', ...baseline },
      ratio: { p50: ratio(search.p50Ms, baseline.p50Ms), p99: ratio(search.p99Ms, baseline.p99Ms) },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
