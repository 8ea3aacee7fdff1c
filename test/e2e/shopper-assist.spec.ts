import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { connectApi } from '../support/api-client.ts';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { codes, screenshotDir } from './support/first-sale.ts';
import { removeDir } from './support/lane.ts';
import { demoOperators, signInWithPin } from './support/operators.ts';

const devices = JSON.stringify([{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 300 }]);
let terminal: TerminalProcess | null = null;
let dataDir = '';

test.afterEach(async () => {
  await terminal?.stop();
  terminal = null;
  removeDir(dataDir);
});

async function startAs(role: string, laneDevices = devices): Promise<TerminalProcess> {
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_ROLE: role, TERMINAL_DEVICES: laneDevices } });
  return terminal;
}

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: 'disabled' });
// Spaces inside formatted money differ by locale (no-break, narrow no-break).
const money = (text: string): RegExp => new RegExp(`^${text.replace(/[$.]/g, '\\$&').replace(/ /g, '[\\s\\u00a0\\u202f]')}$`);

async function keyItem(page: Page, code: string): Promise<void> {
  await page.getByTestId('keypad-button').click();
  await page.getByTestId('keypad-input').fill(code);
  await page.getByTestId('keypad-submit').click();
}

/** Every visible button is a touch target of at least 48 × 48 px and shows its whole label. */
async function expectTouchableAndUnclipped(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    for (const button of document.querySelectorAll('button')) {
      const box = button.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || button.closest('.sr-only')) continue;
      const label = button.textContent?.trim() || button.getAttribute('aria-label') || '?';
      if (box.width < 48 || box.height < 48) found.push(`${label}: ${Math.round(box.width)}×${Math.round(box.height)} px`);
      if (button.scrollWidth > button.clientWidth + 1) found.push(`${label}: text clipped`);
      // Cut off by a panel that clips or scrolls, or by the screen's edge.
      let clip: Element | null = button.parentElement;
      while (clip && getComputedStyle(clip).overflowX === 'visible' && getComputedStyle(clip).overflowY === 'visible') clip = clip.parentElement;
      const bounds = clip ? clip.getBoundingClientRect() : new DOMRect(0, 0, window.innerWidth, window.innerHeight);
      if (box.left < bounds.left - 1 || box.right > bounds.right + 1) found.push(`${label}: cut off at the side`);
      if (box.top < bounds.top - 1 || box.bottom > bounds.bottom + 1) found.push(`${label}: cut off at the top or bottom`);
      // A screen's button is not covered by something else (a bar over a screen that does not fit); dialogs and notices lie above on purpose.
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const overlay = (element: Element | null): boolean => element?.closest('dialog, [popover]') != null;
      if (top && !button.contains(top) && !overlay(top) && !overlay(button)) found.push(`${label}: covered`);
    }
    return found;
  });
  expect(problems).toEqual([]);
}

test('a shopper switches the self-checkout to Spanish and German and reads money the locale’s way', async ({ page }) => {
  const lane = await startAs('self-checkout');
  await page.goto(lane.url);
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  await expect(page.getByTestId('language-en')).toHaveAttribute('aria-pressed', 'true');

  await page.getByTestId('language-es').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Escanee su primer artículo para empezar');
  await expect(page.getByTestId('language-es')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-US');
  await expect(page.getByTestId('call-help')).toHaveText('Pedir ayuda');
  await shot(page, 'self-checkout-welcome-es');

  await keyItem(page, codes.sourdough);
  await expect(page.getByTestId('basket-line')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Sus artículos' })).toBeVisible();
  // 5.49 at 2.25 % tax: 5.61, in US dollars as Spanish speakers in the US write them.
  await expect(page.getByTestId('basket-total')).toHaveText(money('$5.61'));
  await expect(page.getByTestId('pay-button')).toHaveText('Pagar');
  await expect(page.getByTestId('total-announcement')).toHaveText(/^Total: \$5\.61$/);
  await shot(page, 'self-checkout-basket-es');

  await page.getByTestId('language-de').click();
  await expect(page.getByRole('heading', { name: 'Ihre Artikel' })).toBeVisible();
  await expect(page.getByTestId('basket-total')).toHaveText(money('5,61 $'));
  await expect(page.getByTestId('pay-button')).toHaveText('Bezahlen');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de-US');
  await expectTouchableAndUnclipped(page);
  await shot(page, 'self-checkout-basket-de');

  // A refusal is read out in German too.
  await keyItem(page, codes.unknown);
  await expect(page.getByTestId('notice')).toContainText('Diesen Artikel haben wir nicht gefunden');
  await expectTouchableAndUnclipped(page);
  await shot(page, 'self-checkout-keypad-de');
  await page.keyboard.press('Escape');
  await page.getByTestId('notice').getByRole('button', { name: 'Hinweis schließen' }).click();
  await expect(page.getByTestId('notice')).toBeHidden();

  await page.getByTestId('cancel-order').click();
  await expect(page.getByRole('heading', { name: 'Diesen Einkauf abbrechen?' })).toBeVisible();
  await expectTouchableAndUnclipped(page);
  await shot(page, 'self-checkout-cancel-de');
  await page.getByTestId('confirm-cancel').click();

  // The next shopper starts in the store's language.
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scan your first item to start');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
});

test('the payment screen speaks the shopper’s language, not the card reader’s', async ({ page }) => {
  // The simulated shopper takes two minutes to present a card: the screen stays on "waiting" until cancelled.
  const lane = await startAs('self-checkout', JSON.stringify([{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 120_000 }]));
  await page.goto(lane.url);
  await page.getByTestId('language-es').click();
  await keyItem(page, codes.sourdough);
  await page.getByTestId('pay-button').click();
  await expect(page.getByTestId('paying-screen')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Total a pagar' })).toBeVisible();
  await expect(page.getByTestId('paying-total')).toHaveText(money('$5.61'));
  await expect(page.getByTestId('payment-message')).toHaveText('Siga las instrucciones del lector de tarjetas');
  await expectTouchableAndUnclipped(page);
  await shot(page, 'self-checkout-paying-es');
  await page.getByRole('button', { name: 'Cancelar el pago' }).click();
  await expect(page.getByTestId('basket-screen')).toBeVisible();
  await expect(page.getByTestId('pay-button')).toHaveText('Pagar');
});

test('large text and high contrast last for the shopper’s visit, through a reload, and every control is labelled', async ({ page }) => {
  const lane = await startAs('self-checkout');
  await page.goto(lane.url);
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  const bar = page.getByRole('navigation', { name: 'Language, accessibility and help' });
  await bar.getByRole('button', { name: 'Large text' }).click();
  await bar.getByRole('button', { name: 'High contrast' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-large-text', '');
  await expect(page.locator('html')).toHaveAttribute('data-high-contrast', '');
  await expect(bar.getByRole('button', { name: 'Large text' })).toHaveAttribute('aria-pressed', 'true');
  await expectTouchableAndUnclipped(page);
  await shot(page, 'self-checkout-welcome-large-contrast');

  await keyItem(page, codes.sourdough);
  await keyItem(page, codes.cola);
  await expect(page.getByTestId('basket-line')).toHaveCount(2);
  // The keypad has closed before the screen is measured (a closing dialog's buttons are mid-animation).
  await expect(page.getByTestId('keypad-input')).toBeHidden();
  await expectTouchableAndUnclipped(page);
  await shot(page, 'self-checkout-basket-large-contrast');

  // Every button has an accessible name, the steppers say what they change, the total is announced.
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('button')].filter((button) => !(button.textContent?.trim() || button.getAttribute('aria-label'))).length);
  expect(unnamed).toBe(0);
  await expect(page.getByRole('button', { name: /^Add one more Sourdough/ })).toBeVisible();
  await expect(page.getByTestId('total-announcement')).toHaveAttribute('aria-live', 'polite');
  await expect(page.getByTestId('help-status')).toHaveAttribute('role', 'status');

  // Focus order follows the screen: help at the top, the shopper's items, the totals and pay, then the assistance bar.
  const order = await page.evaluate(() => {
    const seen: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('button:not(:disabled), input, [tabindex]:not([tabindex="-1"])')) {
      const region = element.closest('.brand-header') ? 'help' : element.closest('.basket-card') ? 'basket' : element.closest('.summary') ? 'summary' : element.closest('.assist-bar') ? 'assist' : 'other';
      if (seen.at(-1) !== region) seen.push(region);
    }
    return seen;
  });
  expect(order).toEqual(['help', 'basket', 'summary', 'assist']);

  await page.reload();
  await expect(page.getByTestId('basket-screen')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-large-text', '');
  await expect(page.locator('html')).toHaveAttribute('data-high-contrast', '');

  await page.getByTestId('mute').click();
  await expect(page.getByRole('button', { name: 'Mute sounds' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('cancel-order').click();
  await page.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-large-text');
  await expect(page.locator('html')).not.toHaveAttribute('data-high-contrast');
  await expect(page.getByRole('button', { name: 'Mute sounds' })).toHaveAttribute('aria-pressed', 'false');
});

test('a shopper calls for help: the lane holds the call through a reload, and the shopper cancels it', async ({ page }) => {
  const lane = await startAs('self-checkout');
  const api = await connectApi(lane.url);
  try {
    await page.goto(lane.url);
    await keyItem(page, codes.sourdough);
    await expect(page.getByTestId('basket-line')).toHaveCount(1);
    await page.getByRole('button', { name: 'Call for help' }).click();
    await expect(page.getByTestId('help-status')).toHaveText('An attendant is on the way.');
    await expect.poll(async () => (await api.state()).help !== null).toBe(true);
    await shot(page, 'self-checkout-help-called');

    await page.reload();
    await expect(page.getByTestId('help-status')).toHaveText('An attendant is on the way.');
    await page.getByRole('button', { name: 'Cancel the call for help' }).click();
    await expect(page.getByTestId('help-status')).toBeEmpty();
    await expect(page.getByRole('button', { name: 'Call for help' })).toBeVisible();
    expect((await api.state()).help).toBeNull();
  } finally {
    api.close();
  }
});

test('the attendant station shows its lane’s call for help and the attendant clears it', async ({ page }) => {
  const station = await startAs('attendant');
  const api = await connectApi(station.url);
  try {
    await page.goto(station.url);
    await signInWithPin(page, demoOperators.supervisor);
    await expect(page.getByTestId('station-help')).toHaveAttribute('data-called', 'false');
    await expect(page.getByTestId('station-help')).toContainText('No help requested');

    const called = await api.call('lane.callHelp', { requestId: 'e2e-help-0001' });
    expect(called.ok).toBe(true);
    await expect(page.getByTestId('station-help')).toHaveAttribute('data-called', 'true');
    await expect(page.getByTestId('station-help')).toContainText('Help requested');
    await expect(page.getByTestId('station-help')).toContainText(/Waiting since \d{1,2}:\d{2}/);
    await shot(page, 'attendant-help-requested');

    await page.getByTestId('clear-help').click();
    await expect(page.getByTestId('station-help')).toHaveAttribute('data-called', 'false');
    expect((await api.state()).help).toBeNull();
  } finally {
    api.close();
  }
});
