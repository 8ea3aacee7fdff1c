import { expect, test } from '@playwright/test';
import path from 'node:path';
import { runLedgerCli } from '../../main/terminal/ledger-cli.ts';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { screenshotDir } from './support/first-sale.ts';
import { laneDevices, removeDir, serialScannerRig, type SerialScannerRig } from './support/lane.ts';
import { demoOperators, signInWithPin } from './support/operators.ts';

let terminal: TerminalProcess | null = null;
let scanner: SerialScannerRig | null = null;
let dataDir = '';

test.afterEach(async () => {
  await terminal?.stop();
  await scanner?.dispose();
  terminal = null;
  scanner = null;
  removeDir(dataDir);
});

test('a return by receipt barcode: one line of an associate sale goes back to the card it was paid with', async ({ page }) => {
  scanner = await serialScannerRig();
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_ROLE: 'associate', TERMINAL_DEVICES: laneDevices(scanner.posPath) } });
  await page.goto(terminal.url);
  await signInWithPin(page, demoOperators.cashier);

  // The sale: three avocados and a ribeye, paid by card (F10).
  const entry = page.getByTestId('code-entry');
  await expect(entry).toBeFocused();
  for (const code of ['3*4046', '782238006053']) {
    await entry.fill(code);
    await page.keyboard.press('Enter');
    await expect(entry).toHaveValue('');
  }
  await page.keyboard.press('F10');
  await expect(page.getByTestId('receipt-screen')).toBeVisible({ timeout: 20_000 });
  const receiptNumber = /L01-\d{6}/.exec((await page.getByTestId('receipt-number').textContent()) ?? '')?.[0];
  expect(receiptNumber).toBeDefined();

  // The customer comes back: the receipt's barcode is scanned on the lane's scanner.
  await scanner.scan(`RCPT-${receiptNumber ?? ''}`);
  const dialog = page.getByTestId('returns-dialog');
  await expect(dialog.getByTestId('returns-sale')).toContainText(`Receipt ${receiptNumber ?? ''}`);
  await expect(dialog.getByTestId('return-line-0')).toContainText('Hass Avocado');

  // One avocado of the three: picked, then the quantity keyed down to 1.
  await dialog.getByTestId('return-pick-0').check();
  await expect(dialog.getByTestId('return-qty-0')).toHaveValue('3');
  await dialog.getByTestId('return-qty-0').fill('1');
  const card = dialog.getByTestId('return-tender-card');
  await expect(card).toContainText(/VISA \*\*\*\*\d{4}/);
  const total = dialog.getByTestId('return-total');
  await expect(total).not.toHaveText('$0.00');
  await expect(dialog.getByTestId('return-amount-0')).toHaveText(await total.textContent() ?? '');
  const refund = (await total.textContent()) ?? '';
  await expect(card).toContainText(refund);
  await page.screenshot({ path: path.join(screenshotDir, 'associate-returns.png') });

  // F10 refunds: the card reader refunds the card, the return receipt shows what went where.
  await page.keyboard.press('F10');
  const done = dialog.getByTestId('return-done');
  await expect(done).toBeVisible({ timeout: 20_000 });
  await expect(done.getByTestId('return-refund-card')).toContainText(refund);
  const text = (await done.getByTestId('return-receipt-text').textContent()) ?? '';
  const amount = refund.replace('$', '');
  expect(text).toContain('*** RETURN ***');
  expect(text).toContain(`Original receipt ${receiptNumber ?? ''}`);
  expect(text).toMatch(new RegExp(`Hass Avocado\\s+-${amount.replace('.', '\\.')}`));
  expect(text).toMatch(new RegExp(`REFUND TOTAL\\s+-${amount.replace('.', '\\.')}`));
  expect(text).toMatch(new RegExp(`To VISA \\*\\*\\*\\*\\d{4}\\s+-${amount.replace('.', '\\.')}`));
  expect(text).toContain('Operator 1001');
  await page.screenshot({ path: path.join(screenshotDir, 'associate-return-done.png') });

  // The same receipt again: the returned avocado is counted, two are left.
  await scanner.scan(`RCPT-${receiptNumber ?? ''}`);
  await expect(dialog.getByTestId('returns-sale')).toBeVisible();
  await expect(dialog.getByTestId('return-line-0')).toContainText('1 returned before');
  await expect(dialog.getByTestId('returns-earlier')).toContainText(refund);
  await dialog.getByTestId('return-pick-0').check();
  await expect(dialog.getByTestId('return-qty-0')).toHaveValue('2');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Without a receipt (F7, second tab): a cola onto store credit, which a cashier may not do alone.
  await page.keyboard.press('F7');
  await dialog.getByTestId('returns-mode-no-receipt').click();
  await dialog.getByTestId('no-receipt-code').fill('036000291452');
  await dialog.getByTestId('no-receipt-check').click();
  await expect(dialog.getByTestId('no-receipt-line')).toContainText('1 × Cola');
  await dialog.getByLabel('Store credit', { exact: true }).check();
  await dialog.getByTestId('no-receipt-credit').fill('CREDIT-778899');
  await page.screenshot({ path: path.join(screenshotDir, 'associate-return-no-receipt.png') });
  await dialog.getByTestId('return-confirm').click();
  const approval = page.getByTestId('approval-dialog');
  await expect(page.getByTestId('approval-summary')).toContainText('Return without a receipt');
  await scanner.scan(demoOperators.manager.badge);
  await expect(approval).toBeHidden();
  await expect(done).toBeVisible();
  await expect(done.getByTestId('return-refund-store-credit')).toContainText('Store credit ****8899');
  await expect(done.getByTestId('return-receipt-text')).toContainText('Approved by manager 3001');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The journal with the return in it still verifies.
  const file = path.join(dataDir, 'ledger.sqlite');
  await terminal.stop();
  terminal = null;
  let out = '';
  expect(runLedgerCli(['verify', '--db', file], { out: (line) => (out += line), err: () => undefined })).toBe(0);
  expect(out).toContain('3');
});
