import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { readLedger } from '../support/ledger-file.ts';
import { screenshotDir } from './support/first-sale.ts';
import { laneDevices, removeDir, serialScannerRig, type SerialScannerRig } from './support/lane.ts';
import { demoOperators, signInWithPin } from './support/operators.ts';

/**
 * A basket that meets the demo promotions (data/demo-promotions.json): three avocados (3 for
 * $3), a deli label printed at $7.49 (10 % off), Golden Crust white and rye bread (BOGO), a
 * Harbor Rewards card (member price on the ribeye) and a $5 store coupon on the steak.
 * Subtotal 33.33, savings 12.61 (0.87 + 0.75 + 2.99 + 3.00 + 5.00), tax 0.47, total 21.19.
 */
const SCANS = ['4046', '4046', '4046', '201001807494', '794865003497', '794865003633', '782238006053', '412345678903', '9910000005015'];

let terminal: TerminalProcess | null = null;
let rig: SerialScannerRig | null = null;
let dataDir = '';

test.afterEach(async () => {
  await terminal?.stop();
  await rig?.dispose();
  terminal = null;
  rig = null;
  removeDir(dataDir);
});

async function expectPromotedBasket(page: Page): Promise<void> {
  await expect(page.getByTestId('basket-savings')).toContainText('$12.61');
  await expect(page.getByTestId('basket-total')).toHaveText('$21.19');
}

test('the associate lane shows each saving under its line and the total saved', async ({ page }) => {
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({
    dataDir,
    env: { TERMINAL_ROLE: 'associate', TERMINAL_DEVICES: JSON.stringify([{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 300 }]) },
  });
  await page.goto(terminal.url);
  await signInWithPin(page, demoOperators.cashier);
  const entry = page.getByTestId('code-entry');
  await expect(entry).toBeFocused();
  // The cashier keys the avocados with the quantity key: 3*4046.
  for (const [index, code] of ['3*4046', ...SCANS.slice(3)].entries()) {
    await entry.fill(code);
    await page.keyboard.press('Enter');
    await expect(entry).toHaveValue('');
    if (index === 0) await expect(page.getByTestId('basket-line')).toHaveAttribute('data-quantity', '3');
  }
  await expect(page.getByTestId('basket-line')).toHaveCount(5);
  await expect(page.getByTestId('line-saving')).toHaveCount(6); // the steak has its member price and its coupon
  await expect(page.getByTestId('line-saving').first()).toContainText('Avocados 3 for $3');
  await expectPromotedBasket(page);
  await page.screenshot({ path: path.join(screenshotDir, 'associate-promotions.png') });

  await page.keyboard.press('F10');
  await expect(page.getByTestId('receipt-screen')).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: path.join(screenshotDir, 'associate-promotions-receipt.png') });
  expect(readLedger(dataDir).sales.map((sale) => sale.total)).toEqual([2119]);
});

test('self-checkout shows the shopper what each line saved and "You saved" in the total', async ({ page }) => {
  rig = await serialScannerRig();
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_DEVICES: laneDevices(rig.posPath) } });
  await page.goto(terminal.url);
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  for (const code of SCANS) {
    const total = page.getByTestId('basket-total');
    const before = (await total.count()) > 0 ? await total.textContent() : null;
    await rig.scan(code);
    // Each scan changes the total; wait for it so the next label is not read mid-render.
    if (before !== null) await expect(total).not.toHaveText(before);
    else await expect(page.getByTestId('basket-screen')).toBeVisible();
  }
  await expect(page.getByTestId('basket-line')).toHaveCount(5);
  await expectPromotedBasket(page);
  await expect(page.getByTestId('line-savings')).toHaveCount(5);
  // The steak grew two savings rows: the list scrolls (smoothly) until all of it is in view.
  await expect(page.getByTestId('basket-line').last()).toBeInViewport({ ratio: 0.99 });
  await page.screenshot({ path: path.join(screenshotDir, 'self-checkout-promotions.png') });

  await page.getByTestId('pay-button').click();
  await expect(page.getByTestId('receipt-screen')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('receipt-screen')).toContainText('$21.19');
  await page.screenshot({ path: path.join(screenshotDir, 'self-checkout-promotions-receipt.png') });
  expect(readLedger(dataDir).sales.map((sale) => sale.total)).toEqual([2119]);
});
