import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { withCheckDigit } from '../../common/gs1.ts';
import { Ledger } from '../../main/ledger/ledger.ts';
import { ratio, summarise, type Summary } from './stats.ts';

export interface CatalogLookupResult {
  readonly what: string;
  readonly buildSeconds: number;
  readonly lookup: Summary;
  readonly baseline: Summary & { readonly what: string };
  readonly ratio: { readonly p50: number; readonly p99: number };
}

const BATCH = 500;

/** The UPC-A of item n: number system 0, a 5-digit maker and a 5-digit item reference. */
const upcOf = (n: number): string => withCheckDigit(`0${String(10_000 + Math.floor(n / 100_000)).padStart(5, '0')}${String(n % 100_000).padStart(5, '0')}`);

/**
 * Barcode lookup through the ledger's catalog (`CatalogRepository.findByCode`: key check, join
 * of barcode to item, row parsing) in a catalog of `items` items built in a temp file, against
 * the floor: a raw better-sqlite3 primary-key SELECT on the same barcodes table.
 */
export function benchCatalogLookup(items: number, lookups: number): CatalogLookupResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-catalog-'));
  const file = path.join(dir, 'ledger.sqlite');
  try {
    Ledger.open(file).close(); // creates the schema through the migrations
    const started = performance.now();
    const db = new Database(file);
    // Building the bench's catalog is set-up, not what is measured: no journal, no fsync, and
    // keys inserted in ascending order so every insert appends to its B-tree.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    // Rows go in batches of BATCH per INSERT: a million single-row calls spend most of their
    // time crossing from JavaScript into SQLite.
    const itemRows = (count: number): string => Array.from({ length: count }, () => "(?, ?, 'Pantry', ?, 'grocery', 'each', NULL, NULL, NULL)").join(', ');
    const codeRows = (count: number): string => Array.from({ length: count }, () => '(?, ?)').join(', ');
    const itemSql = (count: number): string => `INSERT INTO items (item_id, name, department, unit_price, tax_category, sold_by, minimum_age, plu, image) VALUES ${itemRows(count)}`;
    const codeSql = (count: number): string => `INSERT INTO barcodes (code, item_id) VALUES ${codeRows(count)}`;
    const fullItems = db.prepare(itemSql(BATCH));
    const fullCodes = db.prepare(codeSql(BATCH));
    db.transaction(() => {
      db.prepare("INSERT INTO tax_categories (code, label, rate_ppm) VALUES ('grocery', 'Grocery 2.25%', 22500)").run();
      for (let first = 0; first < items; first += BATCH) {
        const count = Math.min(BATCH, items - first);
        const itemValues: (string | number)[] = [];
        const codeValues: string[] = [];
        for (let n = first; n < first + count; n += 1) {
          const itemId = `item-${String(n).padStart(7, '0')}`;
          itemValues.push(itemId, `Bench item ${n}`, 99 + (n % 2000));
          codeValues.push(upcOf(n).padStart(14, '0'), itemId);
        }
        (count === BATCH ? fullItems : db.prepare(itemSql(count))).run(itemValues);
        (count === BATCH ? fullCodes : db.prepare(codeSql(count))).run(codeValues);
      }
    })();
    db.close();
    const buildSeconds = Math.round((performance.now() - started) / 10) / 100;

    // The same codes in the same order for both; a fixed stride spreads them over the table.
    const codes = Array.from({ length: lookups }, (_, i) => upcOf((i * 7_919 + 13) % items));
    // Ledger lookup and raw SELECT alternate, so load on the machine hits both alike.
    const ledger = Ledger.open(file);
    const raw = new Database(file, { readonly: true });
    const select = raw.prepare<[string]>('SELECT item_id FROM barcodes WHERE code = ?');
    const lookupMs: number[] = [];
    const rawMs: number[] = [];
    try {
      // Whoever reads a page first pays to bring it in from disk, so the two take turns going first.
      codes.forEach((code, index) => {
        const viaLedger = (): void => {
          const at = performance.now();
          const hit = ledger.catalog.findByCode(code);
          lookupMs.push(performance.now() - at);
          if (!hit) throw new Error(`bench: ${code} not found`);
        };
        const viaRaw = (): void => {
          const key = code.padStart(14, '0');
          const at = performance.now();
          const row: unknown = select.get(key);
          rawMs.push(performance.now() - at);
          if (row === undefined) throw new Error(`bench: ${code} not found by the raw select`);
        };
        if (index % 2 === 0) {
          viaLedger();
          viaRaw();
        } else {
          viaRaw();
          viaLedger();
        }
      });
    } finally {
      raw.close();
      ledger.close();
    }
    const lookup = summarise(lookupMs);
    const baseline = summarise(rawMs);
    return {
      what: `barcode lookup via CatalogRepository.findByCode in a ${items.toLocaleString('en-US')}-item catalog (${lookups} lookups)`,
      buildSeconds,
      lookup,
      baseline: { what: 'raw better-sqlite3 primary-key SELECT on the same barcodes table', ...baseline },
      ratio: { p50: ratio(lookup.p50Ms, baseline.p50Ms), p99: ratio(lookup.p99Ms, baseline.p99Ms) },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
