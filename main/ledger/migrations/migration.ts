import type Database from 'better-sqlite3';

/** One step of the schema. `up` runs inside the transaction that also sets `user_version`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /**
   * The migration rebuilds a table that others reference: foreign keys are switched off while
   * it runs (they cannot be inside a transaction) and checked before it commits.
   */
  readonly rebuildsTables?: boolean;
  up(db: Database.Database): void;
}

/** Written to `PRAGMA application_id` so a ledger is told apart from any other SQLite file ("LANE"). */
export const LEDGER_APPLICATION_ID = 0x4c414e45;
