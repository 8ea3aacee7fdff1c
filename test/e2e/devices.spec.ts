import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { readLedger } from '../support/ledger-file.ts';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { deviceRig, type DeviceRig } from './support/devices.ts';
import { codes, screenshotDir } from './support/first-sale.ts';
import { removeDir } from './support/lane.ts';
import { demoOperators } from './support/operators.ts';

const BANANAS = '4011'; // sold by weight, 1.32/kg

let terminal: TerminalProcess | null = null;
let rig: DeviceRig | null = null;
let dataDir = '';

test.afterEach(async () => {
  await terminal?.stop();
  await rig?.dispose();
  terminal = null;
  rig = null;
  removeDir(dataDir);
});

async function startLane(page: Page): Promise<DeviceRig> {
  rig = await deviceRig();
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_DEVICES: rig.config } });
  await page.goto(terminal.url);
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  // Every device reports online in the device bar before the shopper starts.
  await expect(page.locator('.device-bar .device')).toHaveCount(5);
  await expect(page.locator('.device-bar .device:not(.device-online)')).toHaveCount(0, { timeout: 15_000 });
  return rig;
}

/** Puts `grams` in the bagging area and waits until the lane has polled the scale past it (two requests heard). */
async function bag(devices: DeviceRig, grams: number): Promise<void> {
  devices.baggingScale.platter.place(grams);
  const heard = devices.baggingScale.heardCount;
  await expect.poll(() => devices.baggingScale.heardCount, { timeout: 10_000 }).toBeGreaterThanOrEqual(heard + 2);
}

async function keyCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('keypad-button').click();
  await page.getByTestId('keypad-input').fill(code);
  await page.getByTestId('keypad-submit').click();
}

test('a self-checkout sale on real device protocols: scan, weigh, bagging check, card payment and a printed receipt', async ({ page }) => {
  const devices = await startLane(page);
  const lines = page.getByTestId('basket-line');
  // The lane has read the empty bagging area before the first scan, as it has long before a shopper comes.
  await bag(devices, 0);

  await devices.scanner.scan(codes.cola);
  await expect(lines).toHaveCount(1);
  await bag(devices, 4_300); // the shopper bags the cola

  // Weighing: a swinging platter is refused with a clear notice, then the settled bananas are priced.
  devices.pricingScale.platter.place(1_250);
  devices.pricingScale.platter.shake();
  await page.getByTestId('keypad-button').click();
  await page.getByTestId('keypad-input').fill(BANANAS);
  await page.getByTestId('keypad-submit').click();
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveAttribute('data-code', 'WEIGHT_NOT_STABLE');
  await expect(notice).toContainText(/still settling/i);
  await page.screenshot({ path: path.join(screenshotDir, 'devices-weight-not-stable.png') });
  if (await page.getByTestId('keypad-input').isVisible()) await page.keyboard.press('Escape');
  await notice.getByRole('button').click();
  await expect(lines).toHaveCount(1);

  devices.pricingScale.platter.settle();
  await keyCode(page, BANANAS);
  await expect(lines).toHaveCount(2);
  if (await page.getByTestId('keypad-input').isVisible()) await page.keyboard.press('Escape');
  await expect(lines.last()).toContainText('Bananas');
  await expect(lines.last()).toContainText('1.25');
  await bag(devices, 4_300 + 1_250);
  // Cola 7.99 + 8.875 % tax 0.71, bananas 1.250 kg × 1.32 = 1.65 + 2.25 % tax 0.04.
  await expect(page.getByTestId('basket-total')).toHaveText('$10.39');
  await page.screenshot({ path: path.join(screenshotDir, 'devices-weighed-basket.png') });

  // Something unscanned lands in the bagging area: the alert covers the basket and paying waits.
  await bag(devices, 4_300 + 1_250 + 600);
  const alert = page.getByTestId('bagging-alert');
  await expect(alert).toBeVisible();
  await expect(page.getByTestId('bagging-alert-title')).toHaveText('Unexpected item in the bagging area');
  await expect(page.getByTestId('pay-button')).toBeDisabled();
  await page.screenshot({ path: path.join(screenshotDir, 'devices-unexpected-item.png') });
  // Taking it away clears it.
  await bag(devices, 4_300 + 1_250);
  await expect(alert).toBeHidden();

  // The shopper's own bag: the attendant approves it with a PIN, and it becomes part of the weight.
  await bag(devices, 4_300 + 1_250 + 90);
  await expect(alert).toBeVisible();
  await page.getByTestId('bagging-allow').click();
  const approval = page.getByTestId('approval-dialog');
  await expect(approval).toBeVisible();
  await expect(page.getByTestId('approval-summary')).toContainText('bag');
  await page.screenshot({ path: path.join(screenshotDir, 'devices-bag-approval.png') });
  await page.getByTestId('approval-number').fill(demoOperators.cashier.operatorId);
  await page.getByTestId('approval-number').press('Enter');
  await page.getByTestId('approval-pin').fill(demoOperators.cashier.pin);
  await page.getByTestId('approval-pin').press('Enter');
  await expect(approval).toBeHidden();
  await expect(alert).toBeHidden();
  await expect(page.getByTestId('pay-button')).toBeEnabled();

  const printed = devices.printer.nextReceipt(30_000);
  await page.getByTestId('pay-button').click();
  await expect(page.getByTestId('receipt-screen')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('receipt-print')).toHaveAttribute('data-state', 'printed', { timeout: 15_000 });
  await expect(page.getByTestId('receipt-print')).toContainText(/take your printed receipt/i);
  await page.screenshot({ path: path.join(screenshotDir, 'devices-receipt-printed.png') });

  const paper = await printed;
  expect(paper.text).toContain('Cola 12-pack');
  expect(paper.text).toContain('Bananas');
  expect(paper.text).toMatch(/1\.250 kg @ 1\.32\/kg/);
  expect(paper.text).toMatch(/TOTAL\s+10\.39/);
  const sale = readLedger(dataDir).sales[0];
  expect(sale?.total).toBe(1039);
  expect(paper.text).toContain(sale?.receipt_number ?? 'no sale');
  expect(devices.payment.charges).toHaveLength(1);
});

test('a printer out of paper keeps the sale and the receipt screen says the receipt is on screen', async ({ page }) => {
  const devices = await startLane(page);
  devices.printer.setPaper('out');
  await bag(devices, 0);
  await devices.scanner.scan(codes.sourdough);
  await expect(page.getByTestId('basket-line')).toHaveCount(1);
  await bag(devices, 800);
  await page.getByTestId('pay-button').click();
  await expect(page.getByTestId('receipt-screen')).toBeVisible({ timeout: 20_000 });
  const note = page.getByTestId('receipt-print');
  await expect(note).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
  await expect(note).toContainText(/out of paper/i);
  await expect(page.getByTestId('receipt-screen')).toContainText('$5.61');
  await page.screenshot({ path: path.join(screenshotDir, 'devices-receipt-paper-out.png') });
  expect(readLedger(dataDir).sales).toHaveLength(1);
  expect(devices.printer.receipts).toHaveLength(0);
});
