import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { readLedger } from '../support/ledger-file.ts';
import { codes, screenshotDir, wedgeBurst } from './support/first-sale.ts';
import { removeDir } from './support/lane.ts';
import { demoOperators, signInWithPin } from './support/operators.ts';

let terminal: TerminalProcess | null = null;
let dataDir = '';

test.afterEach(async () => {
  await terminal?.stop();
  terminal = null;
  removeDir(dataDir);
});

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: path.join(screenshotDir, name) });

async function ring(page: Page, list: readonly string[]): Promise<void> {
  const entry = page.getByTestId('code-entry');
  await expect(entry).toBeFocused();
  for (const [index, code] of list.entries()) {
    await entry.fill(code);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('basket-line')).toHaveCount(index + 1);
  }
}

/** Moves the line selection with the arrow keys until the line with `code` is selected. */
async function select(page: Page, code: string): Promise<void> {
  const rows = page.getByTestId('basket-line');
  const codesShown = await rows.evaluateAll((found) => found.map((row) => [row.getAttribute('data-code') ?? '', row.getAttribute('aria-selected')] as const));
  const target = codesShown.findIndex(([shown]) => shown.endsWith(code));
  const current = codesShown.findIndex(([, selected]) => selected === 'true');
  for (let step = 0; step < Math.abs(target - current); step += 1) await page.keyboard.press(target < current ? 'ArrowUp' : 'ArrowDown');
  await expect(page.locator(`[data-testid="basket-line"][data-code$="${code}"]`)).toHaveAttribute('aria-selected', 'true');
}

test('an associate voids a line, a supervisor’s badge approves a price override, and the sale is suspended and resumed', async ({ page }) => {
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({
    dataDir,
    env: { TERMINAL_ROLE: 'associate', TERMINAL_DEVICES: JSON.stringify([{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 300 }]) },
  });
  await page.goto(terminal.url);
  await signInWithPin(page, demoOperators.cashier);
  await ring(page, [codes.sourdough, codes.cola, '782238006053']);
  await expect(page.getByTestId('correction-keys')).toBeVisible();

  // Void the cola: select it with the arrows, F2, pick the reason by its number, Enter.
  await select(page, codes.cola);
  await shot(page, 'associate-line-selected.png');
  await page.keyboard.press('F2');
  const dialog = page.getByTestId('correction-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('correction-line')).toContainText('Cola 12-pack');
  await page.keyboard.press('2');
  await expect(dialog.getByRole('radio', { name: 'Customer changed mind' })).toBeChecked();
  await shot(page, 'correction-void.png');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('basket-line')).toHaveCount(2);
  await expect(page.locator(`[data-testid="basket-line"][data-code$="${codes.cola}"]`)).toHaveCount(0);

  // A price override is beyond a cashier: the supervisor's badge approves it.
  await select(page, codes.sourdough);
  await page.keyboard.press('F3');
  await expect(dialog).toBeVisible();
  const price = page.getByTestId('correction-price');
  await expect(price).toHaveValue('5.49');
  await price.fill('4.49');
  await dialog.getByRole('radio', { name: 'Price match' }).check();
  await price.focus();
  await shot(page, 'correction-override.png');
  await page.keyboard.press('Enter');
  const approval = page.getByTestId('approval-dialog');
  await expect(approval).toBeVisible();
  await expect(page.getByTestId('approval-summary')).toHaveText('Price override: Sourdough Loaf from $5.49 to $4.49 (Price match)');
  await shot(page, 'correction-approval.png');
  await wedgeBurst(page, demoOperators.supervisor.badge);
  await expect(approval).toBeHidden();
  const sourdough = page.locator(`[data-testid="basket-line"][data-code$="${codes.sourdough}"]`);
  await expect(sourdough).toContainText('$4.49');
  await expect(sourdough.locator('.as-was')).toHaveText('$5.49');

  // A small discount is the cashier's own (within the store's limit): no approval.
  await select(page, '782238006053');
  await page.keyboard.press('F4');
  await expect(dialog).toBeVisible();
  await page.getByTestId('correction-discount').fill('10');
  await shot(page, 'correction-discount.png');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('line-saving')).toHaveCount(1);
  const total = await page.getByTestId('basket-total').textContent();

  // The tax exemption dialog (a supervisor's permission); left with Esc here.
  await page.keyboard.press('F5');
  await expect(dialog).toBeVisible();
  await page.getByTestId('correction-certificate').fill('st-120-4471');
  await expect(page.getByTestId('correction-certificate')).toHaveValue('ST-120-4471');
  await shot(page, 'correction-exempt.png');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Suspend: the ticket is shown, and the lane is free for the next customer.
  await page.keyboard.press('F6');
  const ticketDialog = page.getByTestId('suspended-dialog');
  await expect(ticketDialog).toBeVisible();
  await expect(page.getByTestId('suspend-ticket')).toHaveText('SUS-L01-0001');
  await shot(page, 'suspend-ticket.png');
  await page.keyboard.press('Enter');
  await expect(ticketDialog).toBeHidden();
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  await expect(page.getByTestId('basket-total')).toHaveText('—');

  // Resume it by keying the ticket (F6 resumes when the lane is free): the lines come back with the override and the discount.
  await page.keyboard.press('F6');
  const resume = page.getByTestId('resume-dialog');
  await expect(resume).toBeVisible();
  await expect(page.getByTestId('resume-waiting')).toHaveCount(1);
  await page.getByTestId('resume-ticket').fill('sus-l01-0001');
  await shot(page, 'resume-dialog.png');
  await page.keyboard.press('Enter');
  await expect(resume).toBeHidden();
  await expect(page.getByTestId('basket-line')).toHaveCount(2);
  await expect(sourdough).toContainText('$4.49');
  await expect(page.getByTestId('basket-total')).toHaveText(total ?? '');

  await page.keyboard.press('F10');
  await expect(page.getByTestId('receipt-screen')).toBeVisible();
  const ledger = readLedger(dataDir);
  expect(ledger.sales).toHaveLength(1);
});
