// wedgeBurst hands page.evaluate a callback that runs in the browser, so this file needs the DOM types.
/// <reference lib="dom" />
import { expect, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import { readLedger } from '../../support/ledger-file.ts';

export const screenshotDir = path.resolve(import.meta.dirname, '..', 'screenshots');

/** Codes from data/demo-store.json that the flow relies on (see data/README.md). */
export const codes = {
  sourdough: '4006381333931', // Sourdough Loaf, 5.49, grocery 2.25 %
  cola: '036000291452', // Cola 12-pack, 7.99, general 8.875 %
  unknown: '1234567890128', // a valid EAN-13 that the store does not sell
} as const;

/**
 * The first sale through the real UI: two scans of the same loaf on the serial scanner (one
 * line, quantity 2), the cola typed by a keyboard-wedge burst, an unknown code keyed on the
 * keypad (refused, nothing added), card payment on the simulator, receipt, back to welcome.
 * Checks the committed sale and its outbox row in the ledger file.
 */
export async function firstSale(page: Page, options: { scanSerial: (code: string) => Promise<void>; dataDir: string; shots: string }): Promise<void> {
  const lines = page.getByTestId('basket-line');
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  await expect(page.getByText(/scan/i).first()).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, `${options.shots}-welcome.png`) });

  await options.scanSerial(codes.sourdough);
  await expect(page.getByTestId('basket-screen')).toBeVisible();
  await expect(lines).toHaveCount(1);
  await options.scanSerial(codes.sourdough);
  await expect(lineFor(page, codes.sourdough)).toHaveAttribute('data-quantity', '2');
  await expect(lines).toHaveCount(1);

  // A keyboard-wedge scanner: a burst of digits a few milliseconds apart, then Enter.
  await wedgeBurst(page, codes.cola);
  await expect(lines).toHaveCount(2);
  await expect(lineFor(page, codes.cola)).toHaveAttribute('data-quantity', '1');

  // A shopper keys in a code the store does not sell: a clear message, nothing added.
  await page.getByTestId('keypad-button').click();
  await page.getByTestId('keypad-input').fill(codes.unknown);
  await page.getByTestId('keypad-submit').click();
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveAttribute('data-code', 'UNKNOWN_ITEM');
  await expect(notice).toContainText(/couldn.t find that item/i);
  await expect(lines).toHaveCount(2);
  const keypadInput = page.getByTestId('keypad-input');
  if (await keypadInput.isVisible()) await page.keyboard.press('Escape');
  await expect(keypadInput).toBeHidden();
  await notice.getByRole('button').click();
  await expect(notice).toBeHidden();

  // 2 × 5.49 at 2.25 % + 7.99 at 8.875 %: subtotal 18.97, tax 0.25 + 0.71, total 19.93.
  await expect(page.getByTestId('basket-total')).toHaveText('$19.93');
  await page.screenshot({ path: path.join(screenshotDir, `${options.shots}-basket.png`) });

  await page.getByTestId('pay-button').click();
  await expect(page.getByTestId('paying-screen')).toBeVisible();
  await expect(page.getByTestId('payment-message')).not.toBeEmpty();
  await page.screenshot({ path: path.join(screenshotDir, `${options.shots}-paying.png`) });
  await expect(page.getByTestId('receipt-screen')).toBeVisible({ timeout: 15_000 });
  const receiptNumber = (await page.getByTestId('receipt-number').textContent()) ?? '';
  await expect(page.getByTestId('receipt-screen')).toContainText('$19.93');
  await page.screenshot({ path: path.join(screenshotDir, `${options.shots}-receipt.png`) });

  const ledger = readLedger(options.dataDir);
  expect(ledger.sales).toHaveLength(1);
  const sale = ledger.sales[0];
  expect(sale?.total).toBe(1993);
  expect(sale?.currency).toBe('USD');
  expect(receiptNumber).toContain(sale?.receipt_number ?? 'no sale');
  expect(ledger.outbox).toHaveLength(1);
  expect(ledger.outbox[0]?.payload).toContain(sale?.sale_id ?? 'no sale');

  await page.getByTestId('done-button').click();
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
}

/** A basket line by its code; lines carry the catalog's GTIN-14 form, so match on the ending. */
function lineFor(page: Page, code: string): Locator {
  return page.locator(`[data-testid="basket-line"][data-code$="${code}"]`);
}

/**
 * Types a code the way a keyboard-wedge scanner does: every key and the final Enter inside one
 * task of the page, so the keys are microseconds apart however loaded the machine is. (Playwright's
 * own typing makes a round trip per key, and on a busy CI machine those gaps can exceed the
 * detector's 35 ms threshold and read as a person typing.) The keys go through the same
 * window-level listener as real keys; the detector's timing rules have their own unit tests.
 */
export async function wedgeBurst(page: Page, code: string): Promise<void> {
  await page.evaluate((keys) => {
    for (const key of [...keys, 'Enter']) {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
    }
  }, code);
}
