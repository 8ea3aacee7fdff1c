import type Database from 'better-sqlite3';
import type { SoldBy } from '../../common/catalog.ts';
import type { LookupCategories, LookupItem, LookupQuery, LookupResult } from '../../common/lookup.ts';
import { isPlu } from './gtin.ts';
import { normaliseText, prefixEnd, searchWords } from './search-text.ts';

/**
 * How many items one word's index range may offer for ranking. A short prefix in a big catalog
 * ("b" in a million items) matches far more than a screen can show; the range scan stops here
 * (terms come in index order, so shorter completions of the word come first) and the screen is
 * told there is more, so the shopper types another letter.
 */
export const CANDIDATE_CAP = 200;

/** An item row as `importCatalog` wrote it (validated there), with its name in the asked language. */
interface LookupRow {
  readonly item_id: string;
  readonly name: string;
  readonly local_name: string | null;
  readonly sold_by: SoldBy;
  readonly unit_price: number;
  readonly plu: string | null;
  readonly image: string | null;
  readonly lookup_category: string | null;
  readonly first_code: string | null;
}

/** A candidate of a word search: just what ranking needs; the page's rows are read after. */
interface CandidateRow {
  readonly item_id: string;
  readonly name: string;
  readonly local_name: string | null;
  /** The two names as `normaliseText` wrote them at import. */
  readonly search_name: string;
  readonly local_search_name: string | null;
  readonly in_picker: number;
}

interface CategoryRow {
  readonly category_id: string;
  readonly name: string;
  readonly image: string | null;
  readonly items: number;
}

const ITEM_COLUMNS = `i.item_id, i.name, n.name AS local_name, i.sold_by, i.unit_price, i.plu, i.image, i.lookup_category,
  (SELECT min(b.code) FROM barcodes b WHERE b.item_id = i.item_id) AS first_code`;

/** `scope` and `category` as SQL conditions on items `i`; both bound by name. */
const ITEM_FILTER = `(@scope = 'catalog' OR i.lookup_category IS NOT NULL) AND (@category IS NULL OR i.lookup_category = @category)`;

interface FilterParams {
  readonly scope: string;
  readonly category: string | null;
  readonly language: string;
}

/**
 * How well an item's name answers what was typed (all three normalised, see search-text.ts);
 * lower is better, null when it does not answer it.
 */
export function matchRank(normalised: string, typed: string, words: readonly string[]): number | null {
  const nameWords = normalised.split(' ');
  if (!words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)))) return null;
  if (normalised.startsWith(typed)) return 0;
  const first = words[0];
  return first !== undefined && nameWords[0]?.startsWith(first) ? 1 : 2;
}

/** Code-point order of normalised names: alphabetical for ranking ties, without a collator's cost. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The item lookup over the ledger's catalog: lookup categories for the picker's grid and a
 * typeahead search by name (any word, in the shopper's language or the catalog's), by PLU digits
 * or by a whole barcode. Answers at most `limit` items; the screen never holds the catalog.
 */
export class ItemLookup {
  readonly #categories: Database.Statement<[string], CategoryRow>;
  readonly #byWord: Database.Statement<[FilterParams & { lo: string; hi: string; cap: number }], CandidateRow>;
  readonly #byIds: Database.Statement<[{ ids: string; language: string }], LookupRow>;
  readonly #byPlu: Database.Statement<[FilterParams & { lo: string; hi: string; cap: number }], LookupRow>;
  readonly #byCode: Database.Statement<[FilterParams & { code: string }], LookupRow>;
  readonly #inCategory: Database.Statement<[FilterParams & { cap: number }], LookupRow>;

  constructor(db: Database.Database) {
    this.#categories = db.prepare(`
      SELECT c.category_id, coalesce(n.name, c.name) AS name, c.image,
             (SELECT count(*) FROM items i WHERE i.lookup_category = c.category_id) AS items
      FROM lookup_categories c
      LEFT JOIN lookup_category_names n ON n.category_id = c.category_id AND n.language = ?
      ORDER BY c.position`);
    this.#byWord = db.prepare(`
      SELECT i.item_id, i.name, n.name AS local_name, i.search_name, n.search_name AS local_search_name, i.lookup_category IS NOT NULL AS in_picker
      FROM (SELECT DISTINCT t.item_id FROM item_search_terms t JOIN items i ON i.item_id = t.item_id
            WHERE t.term >= @lo AND t.term < @hi AND t.language IN ('', @language) AND ${ITEM_FILTER}
            LIMIT @cap) c
      JOIN items i ON i.item_id = c.item_id
      LEFT JOIN item_names n ON n.item_id = i.item_id AND n.language = @language`);
    // One statement for the whole page (ids as a JSON array): a call per item costs more than the query.
    this.#byIds = db.prepare(`
      SELECT ${ITEM_COLUMNS} FROM items i
      LEFT JOIN item_names n ON n.item_id = i.item_id AND n.language = @language
      WHERE i.item_id IN (SELECT value FROM json_each(@ids))`);
    this.#byPlu = db.prepare(`
      SELECT ${ITEM_COLUMNS} FROM items i
      LEFT JOIN item_names n ON n.item_id = i.item_id AND n.language = @language
      WHERE i.plu >= @lo AND i.plu < @hi AND ${ITEM_FILTER}
      ORDER BY length(i.plu), i.plu LIMIT @cap`);
    this.#byCode = db.prepare(`
      SELECT ${ITEM_COLUMNS} FROM barcodes b JOIN items i ON i.item_id = b.item_id
      LEFT JOIN item_names n ON n.item_id = i.item_id AND n.language = @language
      WHERE b.code = @code AND ${ITEM_FILTER}`);
    this.#inCategory = db.prepare(`
      SELECT ${ITEM_COLUMNS} FROM items i
      LEFT JOIN item_names n ON n.item_id = i.item_id AND n.language = @language
      WHERE ${ITEM_FILTER}
      ORDER BY coalesce(n.name, i.name) LIMIT @cap`);
  }

  /** The picker's category tiles, in the store's order, named in `language` where translated. */
  categories(language: string): LookupCategories {
    return { categories: this.#categories.all(language).map((row) => ({ id: row.category_id, name: row.name, image: row.image, items: row.items })) };
  }

  search(query: LookupQuery): LookupResult {
    const filter: FilterParams = { scope: query.scope, category: query.category ?? null, language: query.language };
    const typed = query.text.trim();
    const compact = typed.replace(/\s+/g, '');
    if (/^\d+$/.test(compact)) return this.#byDigits(compact, filter, query.limit);
    const words = searchWords(typed);
    if (words.length === 0) {
      const rows = this.#inCategory.all({ ...filter, cap: query.limit + 1 });
      return { items: rows.slice(0, query.limit).map(lookupItem), more: rows.length > query.limit };
    }
    // The longest word narrows the range scan most; the others are checked on the candidates.
    const driving = words.reduce((longest, word) => (word.length > longest.length ? word : longest));
    const candidates = this.#byWord.all({ ...filter, lo: driving, hi: prefixEnd(driving), cap: CANDIDATE_CAP });
    const phrase = normaliseText(typed);
    const ranked = candidates
      .flatMap((row) => {
        const ranks = [matchRank(row.search_name, phrase, words), row.local_search_name === null ? null : matchRank(row.local_search_name, phrase, words)].filter((rank) => rank !== null);
        return ranks.length === 0 ? [] : [{ row, rank: Math.min(...ranks), shown: row.local_search_name ?? row.search_name }];
      })
      .sort(
        (a, b) =>
          a.rank - b.rank ||
          b.row.in_picker - a.row.in_picker ||
          a.shown.length - b.shown.length ||
          byText(a.shown, b.shown) ||
          byText(a.row.item_id, b.row.item_id),
      );
    const ids = ranked.slice(0, query.limit).map(({ row }) => row.item_id);
    const rows = new Map(this.#byIds.all({ ids: JSON.stringify(ids), language: query.language }).map((row) => [row.item_id, row]));
    const page = ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [lookupItem(row)] : [];
    });
    return { items: page, more: ranked.length > query.limit || candidates.length === CANDIDATE_CAP };
  }

  /** Digits are a PLU being typed (its prefix), or a whole barcode keyed from the pack. */
  #byDigits(digits: string, filter: FilterParams, limit: number): LookupResult {
    const rows = digits.length <= 5 ? this.#byPlu.all({ ...filter, lo: digits, hi: prefixEnd(digits), cap: limit + 1 }) : [];
    if (digits.length >= 8 && digits.length <= 14 && !isPlu(digits)) rows.push(...this.#byCode.all({ ...filter, code: digits.padStart(14, '0') }));
    return { items: rows.slice(0, limit).map(lookupItem), more: rows.length > limit };
  }
}

function lookupItem(row: LookupRow): LookupItem {
  return {
    itemId: row.item_id,
    // Every item has a PLU or a barcode (the import refuses one with neither).
    code: row.plu ?? row.first_code ?? '',
    name: row.local_name ?? row.name,
    soldBy: row.sold_by,
    unitPrice: row.unit_price,
    plu: row.plu,
    image: row.image,
    category: row.lookup_category,
  };
}
