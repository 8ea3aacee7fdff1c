import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/ledger/open-database.ts';
import { useTempDir } from './temp-dir.ts';

const dir = useTempDir();
let db: Database.Database | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

function ledger(): Database.Database {
  db = openDatabase(path.join(dir(), 'ledger.sqlite'));
  db.exec('CREATE TEMP TABLE t (n INTEGER)');
  db.prepare('INSERT INTO t (n) VALUES (?), (?), (?)').run(1, 2, 3);
  return db;
}

describe('the ledger connection prepares each statement once', () => {
  it('hands out the same compiled statement for the same SQL', () => {
    const conn = ledger();
    expect(conn.prepare('SELECT n FROM t ORDER BY n')).toBe(conn.prepare('SELECT n FROM t ORDER BY n'));
  });

  it('keeps a plucked statement plucked when the same SQL is prepared again for rows', () => {
    const conn = ledger();
    const held = conn.prepare('SELECT n FROM t ORDER BY n').pluck();
    const rows = conn.prepare('SELECT n FROM t ORDER BY n');
    expect(rows.all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(held.all()).toEqual([1, 2, 3]);
    expect(conn.prepare('SELECT n FROM t ORDER BY n').raw().all()).toEqual([[1], [2], [3]]);
    expect(held.pluck(false).get()).toEqual({ n: 1 });
  });

  it('gives a fresh statement while the cached one is still iterating', () => {
    const conn = ledger();
    const seen: number[] = [];
    for (const outer of conn.prepare('SELECT n FROM t ORDER BY n').pluck().iterate()) {
      seen.push(Number(outer), ...conn.prepare('SELECT n FROM t ORDER BY n').pluck().all().map(Number));
    }
    expect(seen).toEqual([1, 1, 2, 3, 2, 1, 2, 3, 3, 1, 2, 3]);
  });
});
