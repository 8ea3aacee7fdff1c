import { expect, test } from '@playwright/test';
import path from 'node:path';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { readLedger } from '../support/ledger-file.ts';
import { codes, screenshotDir } from './support/first-sale.ts';
import { laneDevices, removeDir, serialScannerRig, type SerialScannerRig } from './support/lane.ts';
import { demoOperators, signInWithPin, tapDigits } from './support/operators.ts';

const devices = JSON.stringify([{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 300 }]);
let terminal: TerminalProcess | null = null;
let rig: SerialScannerRig | null = null;
let dataDir = '';

test.afterEach(async () => {
  await terminal?.stop();
  terminal = null;
  await rig?.dispose();
  rig = null;
  removeDir(dataDir);
});

async function startAs(role: string): Promise<TerminalProcess> {
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_ROLE: role, TERMINAL_DEVICES: devices } });
  return terminal;
}

/** With a serial scanner on the lane: badges are scanned on it like any barcode. */
async function startWithScannerAs(role: string): Promise<{ terminal: TerminalProcess; scanner: SerialScannerRig }> {
  const scanner = await serialScannerRig();
  rig = scanner;
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_ROLE: role, TERMINAL_DEVICES: laneDevices(scanner.posPath) } });
  return { terminal, scanner };
}

test('a cashier signs in, keys codes at the associate lane and takes a card', async ({ page }) => {
  const lane = await startAs('associate');
  await page.goto(lane.url);
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'operator-sign-in.png') });
  await signInWithPin(page, demoOperators.cashier);
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

test('a cashier locks the lane and unlocks it; a post-void waits for a manager, whose badge approves it', async ({ page }) => {
  const { terminal: lane, scanner } = await startWithScannerAs('associate');
  await page.goto(lane.url);
  await signInWithPin(page, demoOperators.cashier);
  const entry = page.getByTestId('code-entry');
  await entry.fill(codes.sourdough);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('basket-line')).toHaveCount(1);
  await page.keyboard.press('F10');
  await expect(page.getByTestId('receipt-screen')).toBeVisible();
  const [sale] = readLedger(dataDir).sales;
  if (!sale) throw new Error('the sale was not committed');
  // Back to a new sale (this crashed the screen once: see NO_LINES in BasketTable.tsx).
  await page.keyboard.press('F10');
  await expect(page.getByTestId('welcome-screen')).toBeVisible();

  // Lock with a sale open: the basket is kept, another cashier cannot unlock, the same one can.
  await entry.fill(codes.cola);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('basket-line')).toHaveCount(1);
  await page.getByTestId('lock-button').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByTestId('lock-basket')).toContainText('1 item waiting');
  await expect(page.getByTestId('unlock-number')).toHaveValue(demoOperators.cashier.operatorId);
  await page.screenshot({ path: path.join(screenshotDir, 'operator-lock.png') });
  await tapDigits(page, demoOperators.cashier.pin);
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('basket-line')).toHaveCount(1);
  await page.keyboard.press('F12');
  await page.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('welcome-screen')).toBeVisible();

  // Post-void the first sale: a cashier needs a manager.
  await page.getByTestId('post-void-button').click();
  await page.getByTestId('post-void-receipt').fill(sale.receipt_number);
  await page.getByTestId('post-void-find').click();
  await expect(page.getByTestId('post-void-sale')).toContainText(sale.receipt_number);
  await page.screenshot({ path: path.join(screenshotDir, 'post-void-confirm.png') });
  await page.getByTestId('post-void-confirm').click();
  const approval = page.getByTestId('approval-dialog');
  await expect(approval).toBeVisible();
  await expect(page.getByTestId('approval-summary')).toHaveText(`Post-void receipt ${sale.receipt_number}`);
  await page.screenshot({ path: path.join(screenshotDir, 'operator-approval.png') });

  // A supervisor may not approve a post-void: the dialog says so and keeps waiting.
  await page.getByTestId('approval-number').fill(demoOperators.supervisor.operatorId);
  await page.getByTestId('approval-number').press('Enter');
  await page.getByTestId('approval-pin').fill(demoOperators.supervisor.pin);
  await page.getByTestId('approval-pin').press('Enter');
  await expect(page.getByTestId('approval-error')).toContainText('cannot approve sale.postVoid');
  await expect(approval).toBeVisible();

  await scanner.scan(demoOperators.manager.badge);
  await expect(approval).toBeHidden();
  await expect(page.getByTestId('post-void-done')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'post-void-done.png') });
  const ledger = readLedger(dataDir);
  expect(ledger.sales.map((row) => row.total)).toEqual([sale.total, -sale.total]);
  expect(ledger.outbox.map((row) => row.topic)).toEqual(['sale.completed', 'sale.postVoided']);
  await page.getByRole('button', { name: 'Close', exact: true }).last().click();

  await page.getByTestId('sign-out-button').click();
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
});

test('the attendant signs in with a badge scan before the station screen shows', async ({ page }) => {
  const { terminal: station, scanner } = await startWithScannerAs('attendant');
  await page.goto(station.url);
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  await scanner.scan(demoOperators.supervisor.badge);
  await expect(page.getByTestId('operator-chip')).toContainText(demoOperators.supervisor.name);
  await expect(page.locator('.station-devices')).toContainText('Lane scanner');
  await page.screenshot({ path: path.join(screenshotDir, 'attendant.png') });
});

test('a gate terminal without a gate configured shows itself out of order, with its devices', async ({ page }) => {
  const station = await startAs('gate');
  await page.goto(station.url);
  await expect(page.getByTestId('gate-screen')).toBeVisible();
  await expect(page.getByTestId('gate-state')).toHaveAttribute('data-state', 'fault');
  await expect(page.getByTestId('gate-fault')).toContainText('This gate is out of order');
  await expect(page.locator('.gate-devices li')).toHaveCount(1);
  await expect(page.locator('.gate-devices')).toContainText('Card terminal');
  await page.screenshot({ path: path.join(screenshotDir, 'gate.png') });
});
