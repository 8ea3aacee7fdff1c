import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import type { Toledo8217Simulator } from '../../drivers/sim/toledo-8217-sim.ts';
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

const CARD_TERMINAL = { kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 300 };

async function startTerminal(page: Page, role: 'self-checkout' | 'associate', devices: readonly object[]): Promise<void> {
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_ROLE: role, TERMINAL_DEVICES: JSON.stringify(devices) } });
  await page.goto(terminal.url);
}

/** A lane with a Toledo 8217 pricing scale on a pseudo-terminal and the simulated card terminal. */
async function startLane(page: Page, role: 'self-checkout' | 'associate'): Promise<Toledo8217Simulator> {
  rig = await toledoScaleRig();
  await startTerminal(page, role, [rig.device, CARD_TERMINAL]);
  return rig.scale;
}

test('a shopper finds bananas in the picker by category and by search, weighs them, and the line shows', async ({ page }) => {
  const produceScale = await startLane(page, 'self-checkout');
  const lines = page.getByTestId('basket-line');
  await expect(page.getByTestId('welcome-screen')).toBeVisible();

  // By category: the grid of tiles, then Fruit, then the bananas tile.
  await page.getByTestId('picker-button').click();
  const picker = page.getByTestId('produce-picker');
  await expect(picker.getByTestId('picker-category-fruit')).toBeVisible();
  await expect(picker.getByTestId('picker-categories').locator('img')).toHaveCount(5);
  await expect.poll(() => picker.locator('img').first().evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  await page.screenshot({ path: path.join(screenshotDir, 'picker-categories.png') });
  await picker.getByTestId('picker-category-fruit').click();
  const bananas = picker.getByTestId('picker-item').filter({ hasText: /^Bananas/ });
  await expect(bananas).toBeVisible();
  await expect(bananas).toContainText('4011');
  await bananas.click();
  await expect(page.getByTestId('picker-weigh-hint')).toBeVisible();
  produceScale.platter.place(1_250);
  produceScale.platter.settle();
  await page.getByTestId('picker-add').click();
  await expect(lines).toHaveCount(1);
  await expect(picker).toBeHidden();
  await expect(lines.first()).toContainText('Bananas');
  await expect(lines.first()).toContainText('1.25');

  // By search, in Spanish, typed on the picker's own keyboard without the accent: "platano".
  produceScale.platter.remove();
  await page.getByTestId('language-es').click();
  await page.getByTestId('picker-button').click();
  for (const key of 'platano') await picker.getByTestId(`osk-${key}`).click();
  await expect(page.getByTestId('picker-search')).toHaveValue('platano');
  const results = picker.getByTestId('picker-item');
  await expect(results.first()).toContainText('Plátanos');
  await expect(results.nth(1)).toContainText('Plátanos ecológicos');
  await page.screenshot({ path: path.join(screenshotDir, 'picker-search-results.png') });
  await results.first().click();
  produceScale.platter.place(640);
  produceScale.platter.settle();
  await page.getByTestId('picker-add').click();
  await expect(lines).toHaveCount(2);
  await expect(lines.last()).toContainText('0.64');
});

test('a shopper adds lemons, sold each, by quantity from the picker', async ({ page }) => {
  // Items sold each need no scale.
  await startTerminal(page, 'self-checkout', [CARD_TERMINAL]);
  await page.getByTestId('picker-button').click();
  const picker = page.getByTestId('produce-picker');
  await page.getByTestId('picker-search').fill('lem');
  await picker.getByTestId('picker-item').filter({ hasText: 'Lemons' }).click();
  await page.getByRole('button', { name: 'Add one more Lemons' }).click();
  await page.getByRole('button', { name: 'Add one more Lemons' }).click();
  await expect(page.getByTestId('picker-quantity')).toHaveText('3');
  await page.screenshot({ path: path.join(screenshotDir, 'picker-quantity.png') });
  await page.getByTestId('picker-add').click();
  await expect(page.getByTestId('basket-line')).toHaveCount(1);
  await expect(page.getByTestId('basket-line').first()).toContainText('Lemons');
  await expect(page.getByTestId('basket-line').first()).toContainText('3');
});

test('a cashier looks an item up by keyboard: F1, type, arrows, Enter', async ({ page }) => {
  const produceScale = await startLane(page, 'associate');
  await signInWithPin(page, demoOperators.cashier);
  await page.keyboard.press('F1');
  const dialog = page.getByTestId('lookup-dialog');
  await expect(page.getByTestId('lookup-input')).toBeFocused();
  await page.keyboard.type('ban');
  const rows = page.getByTestId('lookup-results').getByRole('option');
  await expect(rows.first()).toContainText('Bananas');
  await expect(rows.nth(1)).toContainText('Organic Bananas');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: path.join(screenshotDir, 'associate-lookup.png') });
  await page.keyboard.press('ArrowUp');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  produceScale.platter.place(900);
  produceScale.platter.settle();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const lines = page.getByTestId('basket-line');
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText('Bananas');

  // A PLU typed into the lookup finds its item too; Enter adds one.
  await page.keyboard.press('F1');
  await page.keyboard.type('4053');
  await expect(rows.first()).toContainText('Lemons');
  await page.keyboard.press('Enter');
  await expect(lines).toHaveCount(2);
  await expect(lines.last()).toContainText('Lemons');
});
