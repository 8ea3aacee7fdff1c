import fs from 'node:fs';
import path from 'node:path';
import type { ImportProgress } from './catalog.ts';
import { formatPath, LedgerError } from './errors.ts';
import type { Ledger } from './ledger.ts';
import { StoreFileSchema, type StoreFile } from './store-file.ts';

/** The demo store that ships with the terminal (Harbor Street Market). */
export const DEMO_STORE_FILE = path.resolve(import.meta.dirname, '..', '..', 'data', 'demo-store.json');

/** Reads and validates a store file; the error names the file and the first bad field. */
export function readStoreFile(file: string): StoreFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LedgerError('INVALID_INPUT', `${file}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = StoreFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = formatPath('', issue?.path ?? []);
    throw new LedgerError('INVALID_INPUT', `${file}: ${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  return parsed.data;
}

/** Imports the store file's catalog when the ledger has none yet (first start); returns how many items it loaded. */
export function loadDemoStoreIfEmpty(ledger: Ledger, file: string = DEMO_STORE_FILE, onProgress?: (progress: ImportProgress) => void): number {
  if (ledger.catalog.count() > 0) return 0;
  return ledger.catalog.importCatalog(readStoreFile(file), onProgress).items;
}
