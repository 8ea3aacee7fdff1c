import { expect, test } from '@playwright/test';
import path from 'node:path';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { readLedger } from '../support/ledger-file.ts';
import { codes, screenshotDir } from './support/first-sale.ts';
import { removeDir } from './support/lane.ts';

const devices = JSON.stringify([{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 300 }]);
let terminal: TerminalProcess | null = null;
let dataDir = '';

test.afterEach(async () => {
  await terminal?.stop();
  terminal = null;
  removeDir(dataDir);
});

async function startAs(role: string): Promise<TerminalProcess> {
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_ROLE: role, TERMINAL_DEVICES: devices } });
  return terminal;
}

test('a cashier keys codes at the associate lane and takes a card', async ({ page }) => {
  const lane = await startAs('associate');
  await page.goto(lane.url);
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  const entry = page.getByTestId('code-entry');
  await expect(entry).toBeFocused();
  // Keyed slowly, as a person types: the wedge detector must hand the keys to the field.
  await entry.pressSequentially(codes.sourdough, { delay: 60 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('basket-line')).toHaveCount(1);
  await entry.pressSequentially(codes.unknown, { delay: 60 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toHaveAttribute('data-code', 'UNKNOWN_ITEM');
  await expect(page.getByTestId('basket-line')).toHaveCount(1);
  await entry.fill(codes.cola);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('basket-line')).toHaveCount(2);
  await expect(page.getByTestId('basket-total')).toHaveText('$14.31');
  await page.screenshot({ path: path.join(screenshotDir, 'associate-basket.png') });

  await page.keyboard.press('F10');
  await expect(page.getByTestId('receipt-screen')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'associate-receipt.png') });
  expect(readLedger(dataDir).sales.map((sale) => sale.total)).toEqual([1431]);
});

for (const role of ['attendant', 'gate'] as const) {
  test(`the ${role} role shows its station screen with the device list`, async ({ page }) => {
    const station = await startAs(role);
    await page.goto(station.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.station-devices li')).toHaveCount(1);
    await expect(page.locator('.station-devices')).toContainText('Card terminal');
    await page.screenshot({ path: path.join(screenshotDir, `${role}.png`) });
  });
}
