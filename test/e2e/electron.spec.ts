import { _electron as electron, test, type ElectronApplication } from '@playwright/test';
import path from 'node:path';
import { findElectronBinary } from '../../scripts/electron-binary.ts';
import { makeDataDir } from '../support/terminal-process.ts';
import { firstSale } from './support/first-sale.ts';
import { laneDevices, removeDir, serialScannerRig } from './support/lane.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const binary = findElectronBinary(root);
if (!binary.available) process.stdout.write(`Electron e2e skipped: ${binary.reason}\n`);

test('a shopper completes the first sale at self-checkout in Electron', async () => {
  test.skip(!binary.available, binary.available ? '' : `Electron e2e skipped: ${binary.reason}`);
  if (!binary.available) return;
  const rig = await serialScannerRig();
  const dataDir = makeDataDir();
  let app: ElectronApplication | null = null;
  try {
    app = await electron.launch({
      executablePath: binary.path,
      args: [root, '--no-sandbox'],
      env: { ...process.env, TERMINAL_DATA_DIR: dataDir, TERMINAL_ROLE: 'self-checkout', TERMINAL_DEVICES: laneDevices(rig.posPath) },
    });
    const page = await app.firstWindow();
    await firstSale(page, { scanSerial: (code) => rig.scan(code), dataDir, shots: 'electron' });
  } finally {
    await app?.close();
    await rig.dispose();
    removeDir(dataDir);
  }
});
