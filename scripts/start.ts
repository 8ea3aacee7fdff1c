// `npm start`: the terminal with the embedded demo store, under Electron when its binary is
// here, otherwise under the browser host (same core, UI in any Chromium at the printed URL).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runBrowserHost } from '../main/host/cli.ts';
import { buildElectron, buildRenderer } from './build.ts';
import { findElectronBinary } from './electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..');

await buildRenderer();
const electron = findElectronBinary(root);
if (electron.available && process.env.TERMINAL_BROWSER_HOST !== '1') {
  await buildElectron();
  const child = spawn(electron.path, [root], { stdio: 'inherit', env: process.env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = electron.available ? 'TERMINAL_BROWSER_HOST=1 is set' : electron.reason;
  process.stdout.write(`Electron is not used: ${why}. Starting the browser host instead.\n`);
  await runBrowserHost();
}
