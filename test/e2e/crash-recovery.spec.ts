import { expect, test } from '@playwright/test';
import path from 'node:path';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { codes, screenshotDir } from './support/first-sale.ts';
import { laneDevices, removeDir, serialScannerRig, type SerialScannerRig } from './support/lane.ts';

let rig: SerialScannerRig;
let dataDir: string;
const running: TerminalProcess[] = [];

test.beforeEach(async () => {
  rig = await serialScannerRig();
  dataDir = makeDataDir();
});

test.afterEach(async () => {
  for (const terminal of running.splice(0)) await terminal.stop();
  await rig.dispose();
  removeDir(dataDir);
});

test('the open basket survives kill -9 of the terminal and is on screen after the restart', async ({ page }) => {
  const env = { TERMINAL_DEVICES: laneDevices(rig.posPath) };
  const first = await startTerminalProcess({ dataDir, env });
  running.push(first);
  await page.goto(first.url);
  await expect(page.getByTestId('welcome-screen')).toBeVisible();

  await rig.scan(codes.sourdough);
  await rig.scan(codes.cola);
  await rig.scan(codes.cola);
  const lines = page.getByTestId('basket-line');
  await expect(lines).toHaveCount(2);
  await expect(page.locator(`[data-testid="basket-line"][data-code$="${codes.cola}"]`)).toHaveAttribute('data-quantity', '2');
  const total = await page.getByTestId('basket-total').textContent();

  // A power cut of the process: no shutdown hooks run.
  await first.crash();
  running.splice(running.indexOf(first), 1);
  await expect(page.getByTestId('reconnecting')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'self-checkout-reconnecting.png') });

  const second = await startTerminalProcess({ dataDir, env });
  running.push(second);
  // The restarted host listens on a new port (tests use port 0), so open it afresh.
  await page.goto(second.url);
  await expect(page.getByTestId('basket-screen')).toBeVisible();
  await expect(lines).toHaveCount(2);
  await expect(page.locator(`[data-testid="basket-line"][data-code$="${codes.sourdough}"]`)).toHaveAttribute('data-quantity', '1');
  await expect(page.locator(`[data-testid="basket-line"][data-code$="${codes.cola}"]`)).toHaveAttribute('data-quantity', '2');
  await expect(page.getByTestId('basket-total')).toHaveText(total ?? 'no total before the crash');

  // And the lane goes on: the next scan lands in the same basket.
  await rig.scan(codes.sourdough);
  await expect(page.locator(`[data-testid="basket-line"][data-code$="${codes.sourdough}"]`)).toHaveAttribute('data-quantity', '2');
});
