import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { verifySalesChain } from '../ledger/chain-verify.ts';
import { LEDGER_APPLICATION_ID } from '../ledger/migrations/index.ts';
import { ConfigError, loadConfig } from './config.ts';

const USAGE = `Usage: npm run ledger -- verify [--db FILE]

  verify   checks the hash chain of the sales journal and names the first broken link
  --db     the ledger file (default: the terminal's, ledger.sqlite in its data folder)

Exit code 0 when the chain is intact, 1 when it is broken or cannot be read, 2 on bad usage.`;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Verifies the ledger at `file` read-only, as it is (no migration, no repair); returns the exit code. */
export function verifyLedgerFile(file: string, output: CliOutput): number {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    output.err(`Cannot verify ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    const applicationId = z.number().parse(db.pragma('application_id', { simple: true }));
    if (applicationId !== LEDGER_APPLICATION_ID) {
      output.err(`Cannot verify ${file}: it is not a lane ledger (application_id ${applicationId})`);
      return 1;
    }
    const hasSales = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sales'").get() !== undefined;
    if (!hasSales) {
      output.err(`Cannot verify ${file}: it has no sales journal (schema version ${String(db.pragma('user_version', { simple: true }))})`);
      return 1;
    }
    const verdict = verifySalesChain(db);
    if (verdict.ok) {
      output.out(`Sales journal of ${file}: ${verdict.count} ${verdict.count === 1 ? 'entry' : 'entries'}, hash chain intact.`);
      return 0;
    }
    const what = verdict.kind === 'post-void' ? 'post-void' : 'sale';
    output.err(
      [
        `Sales journal of ${file}: BROKEN at entry ${verdict.brokenAtSeq}.`,
        `First broken link: ${what} ${verdict.saleId}, receipt ${verdict.receiptNumber}: ${verdict.reason}.`,
        `The ${verdict.brokenAtSeq - 1} ${verdict.brokenAtSeq - 1 === 1 ? 'entry' : 'entries'} before it verify; this one and what follows cannot be trusted.`,
      ].join('\n'),
    );
    return 1;
  } catch (error) {
    output.err(`Cannot verify ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    db.close();
  }
}

export function runLedgerCli(argv: readonly string[], output: CliOutput, env: NodeJS.ProcessEnv = process.env): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    output.out(USAGE);
    return 0;
  }
  const [command, ...rest] = parsed.positionals;
  if (command !== 'verify' || rest.length > 0) {
    output.err(`${command === undefined ? 'No command given' : `Unknown command: ${[command, ...rest].join(' ')}`}\n\n${USAGE}`);
    return 2;
  }
  let file = parsed.values.db;
  if (file === undefined) {
    try {
      file = loadConfig({ env, appRoot: path.resolve(import.meta.dirname, '..', '..') }).databaseFile;
    } catch (error) {
      if (error instanceof ConfigError) {
        output.err(`Configuration error: ${error.message}`);
        return 2;
      }
      throw error;
    }
  }
  return verifyLedgerFile(path.resolve(file), output);
}

if (import.meta.main) {
  process.exitCode = runLedgerCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}
