import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LedgerError } from '../../../main/ledger/errors.ts';
import { LATEST_VERSION, LEDGER_APPLICATION_ID, migrations, type Migration } from '../../../main/ledger/migrations/index.ts';
import { migrate, openDatabase } from '../../../main/ledger/open-database.ts';
import { useTempDir } from './temp-dir.ts';

const dir = useTempDir();
const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function ledgerFile(): string {
  return path.join(dir(), 'ledger.sqlite');
}
function track(db: Database.Database): Database.Database {
  open.push(db);
  return db;
}
function pragma(db: Database.Database, name: string): unknown {
  return db.pragma(name, { simple: true });
}

const TableListRow = z.object({ schema: z.string(), name: z.string(), type: z.string(), strict: z.number() });
function userTables(db: Database.Database): z.infer<typeof TableListRow>[] {
  return db
    .prepare('PRAGMA table_list')
    .all()
    .map((row) => TableListRow.parse(row))
    .filter((table) => table.schema === 'main' && table.type === 'table' && !table.name.startsWith('sqlite_'));
}

/** Everything the schema holds (tables, indexes, triggers), for before/after comparisons. */
function schemaOf(db: Database.Database): string[] {
  return db
    .prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
    .pluck()
    .all()
    .map((row) => z.string().parse(row));
}

const TABLES_V5 = ['audit_log', 'barcodes', 'basket_events', 'baskets', 'items', 'operators', 'outbox', 'payments', 'sales', 'tax_categories'];
const TABLES_V6 = [...TABLES_V5, 'business_days', 'cash_movements', 'gift_card_movements', 'gift_cards', 'sale_tenders', 'shifts'].sort();
const TABLES_V7 = [...TABLES_V6, 'return_lines', 'return_refunds', 'returns'].sort();
const TABLES_V8 = [...TABLES_V7, 'resumed_tickets', 'suspended_baskets'].sort();
const TABLES_V9 = [...TABLES_V8, 'payment_attempts'].sort();
const ALL_TABLES = [...TABLES_V9, 'item_names', 'item_search_terms', 'lookup_categories', 'lookup_category_names', 'promotions', 'sale_promotions'].sort();

describe('opening a new ledger', () => {
  it('applies every migration and records the latest version', () => {
    const db = track(openDatabase(ledgerFile()));
    expect(LATEST_VERSION).toBe(migrations.length);
    expect(pragma(db, 'user_version')).toBe(LATEST_VERSION);
    expect(pragma(db, 'application_id')).toBe(LEDGER_APPLICATION_ID);
    expect(userTables(db).map((table) => table.name).sort()).toEqual(ALL_TABLES);
  });

  it('uses WAL, synchronous FULL and foreign keys', () => {
    const db = track(openDatabase(ledgerFile()));
    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'synchronous')).toBe(2);
    expect(pragma(db, 'foreign_keys')).toBe(1);
  });

  it('makes every table STRICT', () => {
    const db = track(openDatabase(ledgerFile()));
    const notStrict = userTables(db).filter((table) => table.strict !== 1);
    expect(notStrict).toEqual([]);
  });
});

describe('each migration', () => {
  const expectedTables: Record<number, string[]> = {
    1: ['barcodes', 'basket_events', 'baskets', 'items', 'tax_categories'],
    2: ['barcodes', 'basket_events', 'baskets', 'items', 'payments', 'sales', 'tax_categories'],
    3: ['barcodes', 'basket_events', 'baskets', 'items', 'outbox', 'payments', 'sales', 'tax_categories'],
    4: TABLES_V5,
    5: TABLES_V5,
    6: TABLES_V6,
    7: TABLES_V7,
    8: TABLES_V8,
    9: TABLES_V9,
    10: ALL_TABLES,
  };

  it.each(migrations.map((migration) => [migration.version, migration.name] as const))('migration %i (%s) brings the schema to its version', (version) => {
    const db = track(new Database(ledgerFile()));
    expect(migrate(db, migrations.filter((migration) => migration.version <= version))).toBe(version);
    expect(userTables(db).map((table) => table.name).sort()).toEqual(expectedTables[version]);
  });

  it('numbers migrations 1, 2, 3… without gaps', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    const db = track(new Database(ledgerFile()));
    const [, second] = migrations;
    if (second === undefined) throw new Error('expected at least two migrations');
    expect(() => migrate(db, [second])).toThrow(/expected 1/);
    expect(pragma(db, 'user_version')).toBe(0);
  });
});

describe('reopening a ledger', () => {
  it('is a no-op: same version, same schema, same data', () => {
    const first = openDatabase(ledgerFile());
    first.prepare("INSERT INTO tax_categories (code, label, rate_ppm) VALUES ('grocery', 'Grocery', 22500)").run();
    const before = schemaOf(first);
    first.close();

    const again = track(openDatabase(ledgerFile()));
    expect(pragma(again, 'user_version')).toBe(LATEST_VERSION);
    expect(schemaOf(again)).toEqual(before);
    expect(again.prepare('SELECT count(*) FROM tax_categories').pluck().get()).toBe(1);
    expect(migrate(again)).toBe(LATEST_VERSION);
    expect(again.prepare('SELECT total_changes()').pluck().get()).toBe(0);
  });
});

describe('two processes creating the same ledger at once', () => {
  it('the one that waited for the lock finds the schema made and does not migrate again', async () => {
    const file = ledgerFile();
    const worker = new Worker(new URL('./migrate-worker.ts', import.meta.url), { workerData: { file, holdMs: 300 } });
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });

    // The other process holds the write lock now; this open waits for it (busy timeout).
    const db = track(openDatabase(file));
    expect(pragma(db, 'user_version')).toBe(LATEST_VERSION);
    expect(userTables(db).map((table) => table.name).sort()).toEqual(ALL_TABLES);
    expect(await exited).toBe(0);
  });
});

describe('refusing files it cannot own', () => {
  function sha256(file: string): string {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }

  it('refuses a ledger from a newer terminal, naming both versions, and leaves the file untouched', () => {
    const file = ledgerFile();
    const newer = LATEST_VERSION + 1;
    const raw = new Database(file);
    raw.pragma(`application_id = ${LEDGER_APPLICATION_ID}`);
    raw.pragma(`user_version = ${newer}`);
    raw.exec("CREATE TABLE future_things (id INTEGER PRIMARY KEY) STRICT; INSERT INTO future_things VALUES (1);");
    raw.close();
    const digest = sha256(file);

    let caught: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }
    if (!(caught instanceof LedgerError)) throw new Error(`expected a LedgerError, got ${String(caught)}`);
    const error = caught;
    expect(error.code).toBe('DATABASE_TOO_NEW');
    expect(error.message).toContain(`version ${newer}`);
    expect(error.message).toContain(`version ${LATEST_VERSION}`);

    expect(sha256(file)).toBe(digest);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const check = track(new Database(file, { readonly: true }));
    expect(pragma(check, 'user_version')).toBe(newer);
    expect(pragma(check, 'journal_mode')).toBe('delete');
  });

  it('refuses an SQLite file of another application', () => {
    const file = ledgerFile();
    const raw = new Database(file);
    raw.pragma('application_id = 1234');
    raw.pragma('user_version = 1');
    raw.close();
    const digest = sha256(file);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'NOT_A_LEDGER' }) as Error);
    expect(sha256(file)).toBe(digest);
  });

  it('refuses an unstamped SQLite file that already has tables instead of adding ledger tables to it', () => {
    const file = ledgerFile();
    const raw = new Database(file);
    raw.exec('CREATE TABLE notes (body TEXT)');
    raw.close();
    const digest = sha256(file);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'NOT_A_LEDGER' }) as Error);
    expect(sha256(file)).toBe(digest);
  });
});

describe('a migration that fails midway', () => {
  const broken: Migration = {
    version: LATEST_VERSION + 1,
    name: 'broken',
    up(db) {
      db.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT');
      db.exec("ALTER TABLE items ADD COLUMN brand TEXT NOT NULL DEFAULT ''");
      throw new Error('disk on fire');
    },
  };

  it('leaves user_version and the schema as they were', () => {
    const db = track(openDatabase(ledgerFile()));
    const before = schemaOf(db);
    expect(() => migrate(db, [...migrations, broken])).toThrow('disk on fire');
    expect(pragma(db, 'user_version')).toBe(LATEST_VERSION);
    expect(schemaOf(db)).toEqual(before);
  });

  it('on a new file leaves it unversioned, so the next start retries from the beginning', () => {
    const db = track(new Database(ledgerFile()));
    const [init] = migrations;
    if (init === undefined) throw new Error('expected a first migration');
    const failingInit: Migration = {
      ...init,
      up(inner) {
        init.up(inner);
        throw new Error('power cut');
      },
    };
    expect(() => migrate(db, [failingInit])).toThrow('power cut');
    expect(pragma(db, 'user_version')).toBe(0);
    expect(pragma(db, 'application_id')).toBe(0);
    expect(userTables(db)).toEqual([]);
    expect(migrate(db)).toBe(LATEST_VERSION);
  });
});
