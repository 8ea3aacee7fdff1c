import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { readLedger } from '../support/ledger-file.ts';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { screenshotDir } from './support/first-sale.ts';
import { removeDir, toledoScaleRig, type ToledoScaleRig } from './support/lane.ts';
import { demoOperators, signInWithPin } from './support/operators.ts';

let terminal: TerminalProcess | null = null;
let rig: ToledoScaleRig | null = null;
let dataDir = '';

test.afterEach(async () => {
  await terminal?.stop();
  await rig?.dispose();
  terminal = null;
  rig = null;
  removeDir(dataDir);
});

const cents = (text: string | null): number => Math.round(Number((text ?? '').replace(/[^0-9.-]/g, '')) * 100);

/** An associate lane with the simulated card terminal and, when asked, a Toledo 8217 scale on a pseudo-terminal. */
async function startAssociate(page: Page, operator: (typeof demoOperators)[keyof typeof demoOperators], options: { scale?: boolean } = {}): Promise<void> {
  dataDir = makeDataDir();
  const devices: object[] = [{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 300 }];
  if (options.scale) {
    rig = await toledoScaleRig();
    devices.push(rig.device);
  }
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_ROLE: 'associate', TERMINAL_DEVICES: JSON.stringify(devices) } });
  await page.goto(terminal.url);
  await signInWithPin(page, operator);
}

/** Opens the shift from the cash office (F8) with five $20 notes as the float. */
async function openShift(page: Page): Promise<void> {
  await page.keyboard.press('F8');
  const office = page.getByTestId('cash-office');
  await expect(office.getByTestId('float-count')).toBeVisible();
  await office.getByTestId('count-2000').fill('5');
  await expect(office.getByTestId('count-total')).toHaveText('$100.00');
  await page.screenshot({ path: path.join(screenshotDir, 'associate-shift-open.png') });
  await office.getByTestId('float-count-submit').click();
  await expect(office.getByTestId('shift-open')).toContainText('$100.00');
  await page.keyboard.press('Escape');
  await expect(office).toBeHidden();
}

async function ring(page: Page, codes: readonly string[]): Promise<void> {
  const entry = page.getByTestId('code-entry');
  await expect(entry).toBeFocused();
  for (const code of codes) {
    await entry.fill(code);
    await page.keyboard.press('Enter');
    await expect(entry).toHaveValue('');
  }
}

test('an associate sale with a weighed item and a promotion is paid part by card and the rest in cash, with the change shown big', async ({ page }) => {
  await startAssociate(page, demoOperators.cashier, { scale: true });
  await openShift(page);
  // Three avocados (3 for $3), a steak, and bananas (PLU 4011) priced from a stable 1.25 kg on the scale.
  await ring(page, ['3*4046', '782238006053']);
  rig?.scale.platter.place(1_250);
  rig?.scale.platter.settle();
  await ring(page, ['4011']);
  const bananas = page.getByTestId('basket-line').filter({ hasText: 'Bananas' });
  await expect(bananas).toContainText('1.25');
  await expect(page.getByTestId('line-saving').first()).toBeVisible();
  const total = cents(await page.getByTestId('basket-total').textContent());
  expect(total).toBeGreaterThan(1000);

  // F9: the tender dialog; key 10.00 (typed as 1000, as on a register) and F2 puts it on a card.
  await page.keyboard.press('F9');
  const dialog = page.getByTestId('tender-dialog');
  await expect(dialog.getByTestId('tender-due')).toHaveText(`$${(total / 100).toFixed(2)}`);
  await page.keyboard.type('1000');
  await expect(dialog.getByTestId('tender-amount')).toHaveText('$10.00');
  await page.screenshot({ path: path.join(screenshotDir, 'associate-tender-dialog.png') });
  await page.keyboard.press('F2');
  await expect(dialog).toBeHidden();
  const rest = total - 1000;
  await expect(page.getByTestId('basket-total')).toHaveText(`$${(rest / 100).toFixed(2)}`, { timeout: 15_000 });

  // The rest in cash: the customer hands over the largest quick amount.
  await page.keyboard.press('F9');
  await expect(dialog.getByTestId('tender-due')).toHaveText(`$${(rest / 100).toFixed(2)}`);
  const quick = dialog.locator('[data-testid^="quick-cash-"]');
  const handed = Number((await quick.last().getAttribute('data-testid'))?.replace('quick-cash-', ''));
  expect(handed).toBeGreaterThan(rest);
  await quick.last().click();
  await expect(page.getByTestId('receipt-screen')).toBeVisible();
  await expect(page.getByTestId('change-due')).toHaveText(`$${((handed - rest) / 100).toFixed(2)}`);
  await page.screenshot({ path: path.join(screenshotDir, 'associate-change-due.png') });

  const sales = readLedger(dataDir).sales;
  expect(sales.map((sale) => sale.total)).toEqual([total]);
});

test('a cashier checks the customer’s ID for beer: an under-age date is refused, an adult’s lets the sale be paid', async ({ page }) => {
  await startAssociate(page, demoOperators.cashier);
  await ring(page, ['085123006016']); // Harbor Light IPA 6-pack, 21+
  await expect(page.getByTestId('pay-button')).toBeDisabled();
  await page.keyboard.press('F11');
  const dialog = page.getByTestId('age-check-dialog');
  await expect(dialog).toBeVisible();
  const year = new Date().getFullYear();
  await dialog.getByTestId('age-dob-input').fill(`${year - 18}0101`);
  await dialog.getByTestId('age-approve').click();
  await expect(dialog.getByTestId('age-check-error')).toContainText('under the minimum age');
  await dialog.getByTestId('age-dob-input').fill(`${year - 30}0615`);
  await expect(dialog.getByTestId('age-approve')).toBeEnabled();
  await page.screenshot({ path: path.join(screenshotDir, 'associate-age-check.png'), animations: 'disabled' });
  await dialog.getByTestId('age-approve').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('check-id-button')).toBeHidden();
  await page.keyboard.press('F10');
  await expect(page.getByTestId('receipt-screen')).toBeVisible({ timeout: 15_000 });
  expect(readLedger(dataDir).sales).toHaveLength(1);
});

test('a supervisor closes the shift blind and sees it short by what the count missed, then closes the day', async ({ page }) => {
  await startAssociate(page, demoOperators.supervisor);
  await openShift(page);
  await ring(page, ['4046']);
  const total = cents(await page.getByTestId('basket-total').textContent());
  await page.keyboard.press('F9');
  await expect(page.getByTestId('tender-dialog')).toBeVisible();
  await page.keyboard.press('Enter'); // cash, exact
  await expect(page.getByTestId('receipt-screen')).toBeVisible();
  await page.keyboard.press('F10'); // new sale

  // The drawer holds the $100 float plus the sale; the count finds only the float and $0.10.
  await page.keyboard.press('F8');
  const office = page.getByTestId('cash-office');
  await office.getByTestId('close-shift').click();
  await office.getByTestId('count-2000').fill('5');
  await office.getByTestId('count-10').fill('1');
  await page.screenshot({ path: path.join(screenshotDir, 'associate-shift-close-count.png') });
  await office.getByTestId('close-count-submit').click();
  const short = total - 10;
  await expect(office.getByTestId('over-short')).toHaveText(`-$${(short / 100).toFixed(2)}`);
  await expect(office.getByTestId('shift-closed')).toContainText('Short');
  await page.screenshot({ path: path.join(screenshotDir, 'associate-shift-closed.png') });

  // A supervisor may not close the day: the manager approves the Z report with a badge.
  await office.getByTestId('z-report').click();
  await expect(office.getByTestId('cash-error')).toContainText('approval');
});

test('a manager reads the X report mid-shift, closes the shift and closes the day once with the Z report', async ({ page }) => {
  await startAssociate(page, demoOperators.manager);
  await openShift(page);
  await page.keyboard.press('F8');
  const office = page.getByTestId('cash-office');
  await office.getByTestId('x-report').click();
  await expect(office.getByTestId('report-text')).toContainText('X REPORT - SHIFT SO FAR');
  await expect(office.getByTestId('report-text')).toContainText('Expected in drawer              100.00');
  await page.screenshot({ path: path.join(screenshotDir, 'associate-x-report.png') });
  await office.getByRole('button', { name: 'Back' }).click();
  await office.getByTestId('close-shift').click();
  await office.getByTestId('count-2000').fill('5');
  await office.getByTestId('close-count-submit').click();
  await expect(office.getByTestId('shift-closed')).toContainText('Even');
  await office.getByTestId('z-report').click();
  await expect(office.getByTestId('report-text')).toContainText('Z REPORT 0001 - DAY CLOSED');
  await page.screenshot({ path: path.join(screenshotDir, 'associate-z-report.png') });
  // Asked again, the day is not closed twice: the same report, still number 1.
  await office.getByRole('button', { name: 'Back' }).click();
  await office.getByTestId('z-report').click();
  await expect(office.getByTestId('report-text')).toContainText('Z REPORT 0001 - DAY CLOSED');
  expect(readLedger(dataDir).outbox.filter((entry) => entry.topic === 'day.closed')).toHaveLength(1);
});
