import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LedgerError } from '../../../main/ledger/errors.ts';
import { DEMO_STORE_FILE, loadDemoStoreIfEmpty, readStoreFile } from '../../../main/ledger/demo-store.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { useTempDir } from './temp-dir.ts';

const dir = useTempDir();
let ledger: Ledger;
beforeEach(() => {
  ledger = Ledger.open(path.join(dir(), 'ledger.sqlite'));
});
afterEach(() => {
  ledger.close();
});

/** GS1 mod-10, written here from the spec rather than imported, so the two can disagree. */
function hasValidCheckDigit(code: string): boolean {
  const digits = [...code].map(Number);
  const check = digits.pop();
  // From the right of the body: weights 3, 1, 3, 1…
  const sum = digits.reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return check === (10 - (sum % 10)) % 10;
}

/** The demo store file as plain JSON, independent of the ledger's own schema. */
const DemoJson = z.object({
  taxCategories: z.array(z.object({ code: z.string(), ratePpm: z.number() })),
  items: z.array(
    z.object({
      itemId: z.string(),
      name: z.string(),
      unitPrice: z.number(),
      taxCategory: z.string(),
      soldBy: z.string(),
      minimumAge: z.number().nullable(),
      plu: z.string().nullable(),
      barcodes: z.array(z.string()),
    }),
  ),
});
const demo = DemoJson.parse(JSON.parse(fs.readFileSync(DEMO_STORE_FILE, 'utf8')));

describe('the demo store file', () => {
  it('is exactly what scripts/make-demo-store.ts generates', () => {
    const script = path.resolve(import.meta.dirname, '..', '..', '..', 'scripts', 'make-demo-store.ts');
    // --check regenerates in memory and fails (exit 1) when the committed file differs.
    expect(execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' })).toContain('is up to date');
  });

  it('is a full store: many items, several tax categories, loose produce and age-restricted goods', () => {
    const store = readStoreFile(DEMO_STORE_FILE);
    expect(store.store).toMatchObject({ name: 'Harbor Street Market', currency: 'USD', taxMode: 'exclusive' });
    expect(store.items.length).toBeGreaterThanOrEqual(500);
    expect(store.taxCategories.length).toBeGreaterThanOrEqual(3);
    expect(store.items.filter((item) => item.soldBy === 'weight' && item.plu !== null).length).toBeGreaterThanOrEqual(30);
    expect(store.items.filter((item) => item.minimumAge !== null).length).toBeGreaterThanOrEqual(25);
  });

  it('has the tax rates of the store, in parts per million', () => {
    expect(Object.fromEntries(demo.taxCategories.map((category) => [category.code, category.ratePpm]))).toEqual({
      grocery: 22_500,
      general: 88_750,
      alcohol: 102_500,
      tobacco: 88_750,
    });
  });

  it('gives every barcode a valid check digit, as UPC-A or EAN-13', () => {
    const barcodes = demo.items.flatMap((item) => item.barcodes);
    expect(barcodes.length).toBeGreaterThan(400);
    expect(barcodes.filter((code) => !/^(\d{12}|\d{13})$/.test(code))).toEqual([]);
    expect(barcodes.filter((code) => !hasValidCheckDigit(code))).toEqual([]);
    expect(barcodes.some((code) => code.length === 12)).toBe(true);
    expect(barcodes.some((code) => code.length === 13)).toBe(true);
  });

  it('never gives one code to two items, however it is written', () => {
    const keys = demo.items.flatMap((item) => [...item.barcodes.map((code) => code.padStart(14, '0')), ...(item.plu === null ? [] : [item.plu])]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(demo.items.map((item) => item.itemId)).size).toBe(demo.items.length);
  });

  it('does not sell the README example of an unknown barcode', () => {
    expect(hasValidCheckDigit('1234567890128')).toBe(true);
    expect(demo.items.flatMap((item) => item.barcodes)).not.toContain('1234567890128');
  });

  it('restricts beer, wine and tobacco to buyers of 21 under their own tax categories', () => {
    const restricted = demo.items.filter((item) => item.minimumAge !== null);
    expect(new Set(restricted.map((item) => item.minimumAge))).toEqual(new Set([21]));
    expect(new Set(restricted.map((item) => item.taxCategory))).toEqual(new Set(['alcohol', 'tobacco']));
  });
});

describe('loading the demo store', () => {
  it('imports it once, on first start', () => {
    const loaded = loadDemoStoreIfEmpty(ledger);
    expect(loaded).toBe(demo.items.length);
    expect(ledger.catalog.count()).toBe(demo.items.length);
    expect(ledger.catalog.taxCategories().map((category) => category.code)).toEqual(['alcohol', 'general', 'grocery', 'tobacco']);
    expect(loadDemoStoreIfEmpty(ledger)).toBe(0);
  });
});

describe('finding an item by its code', () => {
  beforeEach(() => {
    loadDemoStoreIfEmpty(ledger);
  });

  it('finds loose bananas by PLU 4011, priced per kilogram', () => {
    const hit = ledger.catalog.findByCode('4011');
    expect(hit?.item).toMatchObject({ name: 'Bananas', unitPrice: 132, taxCategory: 'grocery', soldBy: 'weight', minimumAge: null });
    expect(hit?.plu).toBe('4011');
    expect(hit?.department).toBe('Produce');
  });

  it('finds the sourdough loaf by EAN-13 and as GTIN-14', () => {
    const hit = ledger.catalog.findByCode('4006381333931');
    expect(hit?.item).toMatchObject({ name: 'Sourdough Loaf', unitPrice: 549, taxCategory: 'grocery', soldBy: 'each' });
    expect(hit?.code).toBe('04006381333931');
    expect(ledger.catalog.findByCode('04006381333931')?.item.itemId).toBe(hit?.item.itemId);
  });

  it('finds the cola by UPC-A, also when a scanner reports it as a 13-digit EAN', () => {
    const hit = ledger.catalog.findByCode('036000291452');
    expect(hit?.item).toMatchObject({ name: 'Cola 12-pack 12 fl oz cans', unitPrice: 799, taxCategory: 'general' });
    expect(ledger.catalog.findByCode('0036000291452')?.item.itemId).toBe(hit?.item.itemId);
  });

  it('finds whole milk by the UPC-A made from 04130300101', () => {
    expect(ledger.catalog.findByCode('041303001011')?.item.name).toBe('Whole Milk 1 gal');
  });

  it('knows the IPA 6-pack is for buyers of 21 and taxed as alcohol', () => {
    const ipa = demo.items.find((item) => /\bIPA 6-pack\b/.test(item.name));
    const [code] = ipa?.barcodes ?? [];
    if (code === undefined) throw new Error('the demo store has no IPA 6-pack with a barcode');
    expect(ledger.catalog.findByCode(code)?.item).toMatchObject({ unitPrice: 1099, minimumAge: 21, taxCategory: 'alcohol' });
  });

  it('trims what a keyboard wedge adds around a code', () => {
    expect(ledger.catalog.findByCode(' 4011\n')?.item.name).toBe('Bananas');
  });

  it('answers null for a valid code the store does not sell', () => {
    expect(ledger.catalog.findByCode('1234567890128')).toBeNull();
    expect(ledger.catalog.findByCode('4999')).toBeNull();
  });

  it.each([
    ['4006381333932', 'check digit should be 1'],
    ['12345', 'is not a PLU'],
    ['40063813339', 'a barcode has 8, 12, 13 or 14 digits'],
    ['40063813339X1', 'digits only'],
  ])('refuses %s as INVALID_BARCODE (%s)', (code, reason) => {
    expect(() => ledger.catalog.findByCode(code)).toThrow(expect.objectContaining({ code: 'INVALID_BARCODE', field: 'code', message: expect.stringContaining(reason) as string }) as Error);
  });
});

describe('a bad store file', () => {
  const category = { code: 'grocery', label: 'Grocery', ratePpm: 22_500 };
  const item = (n: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    itemId: `item-${n}`,
    name: `Item ${n}`,
    department: 'Pantry',
    unitPrice: 100 + n,
    taxCategory: 'grocery',
    soldBy: 'each',
    minimumAge: null,
    barcodes: [barcodeOf(n)],
    ...extra,
  });
  /** A UPC-A of test item n: body 07 + n, then the one check digit that makes it valid. */
  function barcodeOf(n: number): string {
    const body = `07${String(n).padStart(9, '0')}`;
    for (let digit = 0; digit <= 9; digit += 1) if (hasValidCheckDigit(`${body}${digit}`)) return `${body}${digit}`;
    throw new Error('unreachable');
  }

  function importError(data: unknown): LedgerError {
    try {
      ledger.catalog.importCatalog(data);
    } catch (error) {
      if (error instanceof LedgerError) return error;
      throw error;
    }
    throw new Error('the import was accepted');
  }

  beforeEach(() => {
    ledger.catalog.importCatalog({ taxCategories: [category], items: [item(1), item(2)] });
  });

  it('is refused for a barcode two items share, naming the second one', () => {
    const error = importError({ taxCategories: [category], items: [item(1), item(2, { barcodes: [barcodeOf(1)] })] });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'items[1].barcodes[0]' });
    expect(error.message).toContain('is also a barcode of items[0]');
  });

  it('is refused for a UPC-A that another item has as EAN-13', () => {
    const error = importError({ taxCategories: [category], items: [item(1), item(2, { barcodes: [`0${barcodeOf(1)}`] })] });
    expect(error.field).toBe('items[1].barcodes[0]');
  });

  it('is refused for a bad check digit', () => {
    const error = importError({ taxCategories: [category], items: [item(1), item(2, { barcodes: ['4006381333932'] })] });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'items[1].barcodes[0]' });
    expect(error.message).toContain('check digit should be 1');
  });

  it('is refused for an unknown tax category', () => {
    const error = importError({ taxCategories: [category], items: [item(1, { taxCategory: 'luxury' })] });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'items[0].taxCategory' });
    expect(error.message).toContain('unknown tax category "luxury"');
  });

  it('is refused for an item with neither PLU nor barcode, or a PLU outside the IFPS ranges', () => {
    expect(importError({ taxCategories: [category], items: [item(1, { barcodes: [] })] }).field).toBe('items[0].barcodes');
    expect(importError({ taxCategories: [category], items: [item(1, { plu: '1234' })] }).field).toBe('items[0].plu');
  });

  it('imports nothing: the previous catalog stays as it was', () => {
    importError({ taxCategories: [category], items: [item(3), item(4, { taxCategory: 'luxury' })] });
    expect(ledger.catalog.count()).toBe(2);
    expect(ledger.catalog.findByCode(barcodeOf(1))?.item.itemId).toBe('item-1');
    expect(ledger.catalog.findByCode(barcodeOf(3))).toBeNull();
  });

  it('imports nothing when the import is interrupted after rows were written', () => {
    const many = Array.from({ length: 1500 }, (_, index) => item(index + 10));
    expect(() =>
      ledger.catalog.importCatalog({ taxCategories: [category], items: many }, () => {
        throw new Error('interrupted');
      }),
    ).toThrow('interrupted');
    expect(ledger.catalog.count()).toBe(2);
    expect(ledger.catalog.findByCode(barcodeOf(1))?.item.itemId).toBe('item-1');
  });

  it('names the file and the field when read from disk', () => {
    const file = path.join(dir(), 'store.json');
    fs.writeFileSync(file, JSON.stringify({ store: { name: 'Test', currency: 'USD', taxMode: 'exclusive' }, taxCategories: [category], items: [item(1, { taxCategory: 'luxury' })] }));
    expect(() => readStoreFile(file)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'items[0].taxCategory', message: expect.stringContaining(file) as string }) as Error);
    fs.writeFileSync(file, '{ not json');
    expect(() => readStoreFile(file)).toThrow(/cannot be read as JSON/);
  });
});
