import Database from 'better-sqlite3';
import { z } from 'zod';
import { LedgerError } from './errors.ts';
import { LATEST_VERSION, LEDGER_APPLICATION_ID, migrations as allMigrations, reservedVersions, type Migration } from './migrations/index.ts';

export interface OpenOptions {
  /** How long a write waits for another connection's lock before failing, in milliseconds. */
  readonly busyTimeoutMs?: number;
}

const PragmaNumber = z.number().int();

function pragmaNumber(db: Database.Database, name: string): number {
  return PragmaNumber.parse(db.pragma(name, { simple: true }));
}

/**
 * Opens (creating if needed) a ledger file: WAL so readers never block the lane, FULL sync so a
 * committed sale survives a power cut, foreign keys on, then brings the schema up to date.
 * Refuses a file written by a newer terminal version, since its schema is unknown here.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    checkCompatible(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function checkCompatible(db: Database.Database): void {
  const version = pragmaNumber(db, 'user_version');
  if (version > LATEST_VERSION) {
    throw new LedgerError(
      'DATABASE_TOO_NEW',
      `the ledger ${db.name} has schema version ${version}, but this terminal knows only up to version ${LATEST_VERSION}; update the terminal software to open it`,
    );
  }
  const applicationId = pragmaNumber(db, 'application_id');
  // Migration 1 stamps the application id together with the first tables, so a ledger never
  // has tables without it: an unstamped file with tables is somebody else's database.
  const empty = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() === 0;
  const fresh = version === 0 && applicationId === 0 && empty;
  if (!fresh && applicationId !== LEDGER_APPLICATION_ID) {
    throw new LedgerError('NOT_A_LEDGER', `${db.name} is an SQLite database but not a lane ledger (application_id ${applicationId})`);
  }
}

/**
 * Applies, in order, each migration newer than the database; each in its own transaction.
 * The version is read inside an IMMEDIATE transaction: when two processes open a new ledger at
 * once, the second waits for the first's write lock and then sees its migrations as applied,
 * instead of re-running them against a schema that already has the tables.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = allMigrations): number {
  let expected = 1;
  for (const migration of migrations) {
    while (reservedVersions.includes(expected)) expected += 1;
    if (migration.version !== expected) throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${expected}`);
    expected += 1;
  }
  for (const migration of migrations) {
    if (migration.version <= pragmaNumber(db, 'user_version')) continue;
    const foreignKeys = pragmaNumber(db, 'foreign_keys');
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        if (migration.version <= pragmaNumber(db, 'user_version')) return;
        migration.up(db);
        if (migration.rebuildsTables) {
          const violations = db.pragma('foreign_key_check');
          if (Array.isArray(violations) && violations.length > 0) {
            throw new Error(`migration ${migration.name} would leave ${violations.length} broken references: ${JSON.stringify(violations[0])}`);
          }
        }
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (migration.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys}`);
    }
  }
  return pragmaNumber(db, 'user_version');
}
