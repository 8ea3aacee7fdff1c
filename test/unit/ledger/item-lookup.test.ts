import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LookupQuerySchema, type LookupQuery } from '../../../common/lookup.ts';
import { DEMO_STORE_FILE, readStoreFile } from '../../../main/ledger/demo-store.ts';
import { matchRank } from '../../../main/ledger/item-lookup.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { normaliseText, searchWords } from '../../../main/ledger/search-text.ts';
import { createDispatch } from '../../../main/terminal/dispatch.ts';
import { welcomeHandlers } from '../../support/terminal-handlers.ts';
import { useTempDir } from './temp-dir.ts';

const dir = useTempDir();
let ledger: Ledger;
beforeEach(() => {
  ledger = Ledger.open(path.join(dir(), 'ledger.sqlite'));
  ledger.catalog.importCatalog(readStoreFile(DEMO_STORE_FILE));
});
afterEach(() => ledger.close());

const search = (query: Partial<LookupQuery> & { text?: string }) => ledger.lookup.search(LookupQuerySchema.parse(query));
const names = (query: Partial<LookupQuery>) => search(query).items.map((item) => item.name);

describe('search text normalisation', () => {
  it('drops accents and case, so "Plátanos", "PLATANOS" and "platanos" are one word', () => {
    expect(normaliseText('Plátanos')).toBe('platanos');
    expect(normaliseText('PLATANOS')).toBe('platanos');
    expect(normaliseText('Crème Brûlée')).toBe('creme brulee');
  });

  it('spells out letters without a base letter: ß, æ, ø', () => {
    expect(normaliseText('Weißkohl')).toBe('weisskohl');
    expect(normaliseText('Smørrebrød')).toBe('smorrebrod');
    expect(normaliseText('Æble')).toBe('aeble');
  });

  it('breaks words on punctuation and keeps each distinct word once', () => {
    expect(searchWords('Granny-Smith-Äpfel, Granny')).toEqual(['granny', 'smith', 'apfel']);
    expect(searchWords('  ¡¿…!  ')).toEqual([]);
  });
});

describe('ranking of a typeahead match', () => {
  it('ranks a name that starts with what was typed before one whose first word does, before any other', () => {
    const rank = (name: string, typed: string): number | null => matchRank(normaliseText(name), normaliseText(typed), searchWords(typed));
    expect(rank('Bananas', 'ban')).toBe(0);
    expect(rank('Red Bell Peppers', 'Red bell')).toBe(0);
    expect(rank('Red Bell Peppers', 'red pep')).toBe(1);
    expect(rank('Organic Bananas', 'organic ban')).toBe(0);
    expect(rank('Organic Bananas', 'ban org')).toBe(2);
    expect(rank('Bananas Organic', 'ban org')).toBe(1);
    expect(rank('Plátanos ecológicos', 'PLATANOS eco')).toBe(0);
    expect(rank('Red Potatoes', 'red ban')).toBeNull();
  });
});

describe('the item lookup over the demo catalog', () => {
  it('finds bananas first by the start of their name, organic bananas next', () => {
    expect(names({ text: 'ban' }).slice(0, 2)).toEqual(['Bananas', 'Organic Bananas']);
  });

  it('matches words in any order and any case', () => {
    expect(names({ text: 'APPLES fuji' })).toEqual(['Fuji Apples', 'Organic Fuji Apples']);
  });

  it('searches the shopper’s language without needing its accents, and answers names in it', () => {
    expect(names({ text: 'platano', language: 'es' })).toEqual(['Plátanos', 'Plátanos ecológicos']);
    expect(names({ text: 'apfel gala', language: 'de' })).toEqual(['Gala-Äpfel']);
  });

  it('still finds the catalog’s own (English) name for a shopper in another language', () => {
    expect(names({ text: 'bananas', language: 'de' })).toEqual(['Bananen', 'Bio-Bananen']);
  });

  it('finds an item by the digits of its PLU as they are typed', () => {
    const items = search({ text: '401' }).items;
    expect(items[0]).toMatchObject({ name: 'Bananas', code: '4011', plu: '4011', soldBy: 'weight', unitPrice: 132, image: 'bananas.svg', category: 'fruit' });
    expect(items.every((item) => item.plu?.startsWith('401'))).toBe(true);
    expect(search({ text: '94011' }).items.map((item) => item.name)).toEqual(['Organic Bananas']);
  });

  it('keeps the self-checkout picker to items of a lookup category; the associate’s catalog lookup finds everything', () => {
    expect(names({ text: 'milk', scope: 'picker' })).toEqual([]);
    expect(names({ text: 'whole milk 1 gal', scope: 'catalog' })).toContain('Whole Milk 1 gal');
    expect(search({ text: '041303001011', scope: 'catalog' }).items.map((item) => item.itemId)).toEqual(['whole-milk-1-gal']);
  });

  it('ranks picker items before packaged goods of the same name in the catalog lookup', () => {
    const found = search({ text: 'russet potatoes', scope: 'catalog' }).items;
    expect(found[0]?.name).toBe('Russet Potatoes');
    expect(found.some((item) => item.plu === null)).toBe(true);
  });

  it('lists a category’s items alphabetically in the shopper’s language, and the grid’s tiles in the store’s order', () => {
    expect(ledger.lookup.categories('es').categories.map((category) => category.name)).toEqual(['Fruta', 'Manzanas y peras', 'Verduras', 'Ensalada y hojas', 'Patatas y cebollas']);
    const fruit = ledger.lookup.categories('en').categories[0];
    expect(fruit).toMatchObject({ id: 'fruit', name: 'Fruit', image: 'bananas.svg' });
    expect(fruit?.items).toBeGreaterThan(10);
    const listed = names({ category: 'apples-pears', limit: 48 });
    expect(listed).toEqual([...listed].sort((a, b) => a.localeCompare(b, 'en')));
    expect(listed).toContain('Bartlett Pears');
  });

  it('answers at most `limit` items and says when there are more', () => {
    const page = search({ text: 'a', limit: 3, scope: 'catalog' });
    expect(page.items).toHaveLength(3);
    expect(page.more).toBe(true);
    expect(search({ text: 'bananas' }).more).toBe(false);
  });

  it('finds nothing, without error, for words no item has', () => {
    expect(search({ text: 'zzzyx' })).toEqual({ items: [], more: false });
  });
});

describe('the catalog.search command', () => {
  const dispatch = createDispatch(welcomeHandlers(), { error: () => undefined });

  it.each([
    [{ text: '' }, 'input.text', /type at least one letter or digit/],
    [{ text: 'x'.repeat(61) }, 'input.text', /at most 60/],
    [{ text: 'ban', limit: 500 }, 'input.limit', /48/],
    [{ text: 'ban', limit: 0 }, 'input.limit', /1/],
    [{ text: 'ban', language: 'spanish' }, 'input.language', /two-letter/],
    [{ text: 'ban', scope: 'everything' }, 'input.scope', /picker/],
    [{ category: '../etc' }, 'input.category', /lookup category id/],
  ])('refuses %j, naming %s', async (input, field, message) => {
    const result = await dispatch('catalog.search', input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.field).toBe(field);
      expect(result.error.message).toMatch(message);
    }
  });
});

describe('migration 0009 on a ledger that already has a catalog', () => {
  it('indexes the names of the items already there, so the lookup finds them at once', async () => {
    const { migrate } = await import('../../../main/ledger/open-database.ts');
    const { migrations } = await import('../../../main/ledger/migrations/index.ts');
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dir(), 'older.sqlite'));
    try {
      migrate(db, migrations.slice(0, -1));
      db.exec(`INSERT INTO tax_categories (code, label, rate_ppm) VALUES ('grocery', 'Grocery', 0);
        INSERT INTO items (item_id, name, department, unit_price, tax_category, sold_by, plu) VALUES ('leeks', 'Leeks', 'Produce', 399, 'grocery', 'weight', '4629');`);
      migrate(db);
      const { ItemLookup } = await import('../../../main/ledger/item-lookup.ts');
      const found = new ItemLookup(db).search(LookupQuerySchema.parse({ text: 'LEE', scope: 'catalog' }));
      expect(found.items.map((item) => item.itemId)).toEqual(['leeks']);
    } finally {
      db.close();
    }
  });
});
