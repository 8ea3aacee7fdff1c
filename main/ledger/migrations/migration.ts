import type Database from 'better-sqlite3';

/** One step of the schema. `up` runs inside the transaction that also sets `user_version`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

/** Written to `PRAGMA application_id` so a ledger is told apart from any other SQLite file ("LANE"). */
export const LEDGER_APPLICATION_ID = 0x4c414e45;
