// Worker for migrations.test.ts: another process creating the same ledger at the same moment.
// It takes the write lock, says so, holds it a little, then applies every migration and commits.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { LATEST_VERSION, migrations } from '../../../main/ledger/migrations/index.ts';

const { file, holdMs } = z.object({ file: z.string(), holdMs: z.number() }).parse(workerData);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.exec('BEGIN IMMEDIATE');
parentPort?.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, holdMs);
for (const migration of migrations) migration.up(db);
db.pragma(`user_version = ${LATEST_VERSION}`);
db.exec('COMMIT');
db.close();
