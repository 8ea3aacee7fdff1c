import { test } from '@playwright/test';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { firstSale } from './support/first-sale.ts';
import { laneDevices, removeDir, serialScannerRig, type SerialScannerRig } from './support/lane.ts';

let rig: SerialScannerRig;
let terminal: TerminalProcess;
let dataDir: string;

test.beforeEach(async () => {
  rig = await serialScannerRig();
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_DEVICES: laneDevices(rig.posPath) } });
});

test.afterEach(async () => {
  await terminal.stop();
  await rig.dispose();
  removeDir(dataDir);
});

test('a shopper completes the first sale at self-checkout in Chromium', async ({ page }) => {
  await page.goto(terminal.url);
  await firstSale(page, { scanSerial: (code) => rig.scan(code), dataDir, shots: 'self-checkout' });
});
