import fs from 'node:fs';
import path from 'node:path';
import { buildRenderer } from '../../scripts/build.ts';

/**
 * The integration tests start the real browser host, which refuses to run without a built
 * renderer. Build it when a clean checkout has none (the e2e run always rebuilds it).
 */
export default async function globalSetup(): Promise<void> {
  const index = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer', 'index.html');
  if (!fs.existsSync(index)) await buildRenderer();
}
