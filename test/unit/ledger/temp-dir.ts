import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh directory under the OS temp dir for each test, removed afterwards. Returns a getter:
 * `const dir = useTempDir(); … path.join(dir(), 'ledger.sqlite')`.
 */
export function useTempDir(): () => string {
  let current: string | undefined;
  beforeEach(() => {
    current = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'));
  });
  afterEach(() => {
    if (current !== undefined) fs.rmSync(current, { recursive: true, force: true });
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error('useTempDir: no test is running');
    return current;
  };
}
