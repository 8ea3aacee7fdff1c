import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { DemoRig } from '../../drivers/sim/demo-rig.ts';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { codes, screenshotDir } from './support/first-sale.ts';
import { removeDir } from './support/lane.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

let terminal: TerminalProcess | null = null;
let rig: DemoRig | null = null;
let dataDir = '';

test.afterEach(async () => {
  await terminal?.stop();
  await rig?.stop();
  terminal = null;
  rig = null;
  removeDir(dataDir);
});

/** The lane as `npm start` runs it: the demo simulators, their lane config and their control socket. */
async function startDevelopmentLane(page: Page, withPanel: boolean): Promise<void> {
  rig = await DemoRig.start({ role: 'self-checkout', appRoot: root });
  dataDir = makeDataDir();
  terminal = await startTerminalProcess({
    dataDir,
    env: { TERMINAL_DEVICES: JSON.stringify(rig.devices), ...(withPanel ? { TERMINAL_SIM_CONTROL: rig.controlPath } : {}) },
  });
  await page.goto(terminal.url);
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  await expect(page.locator('.device-bar .device')).toHaveCount(5);
  await expect(page.locator('.device-bar .device:not(.device-online)')).toHaveCount(0, { timeout: 15_000 });
}

test('the simulator panel of a development lane scans, weighs, pulls a cable and the device bar follows', async ({ page }) => {
  await startDevelopmentLane(page, true);
  const tab = page.getByRole('button', { name: 'Show the device simulators' });
  await expect(tab).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'simulator-panel-collapsed.png') });
  await tab.click();
  const panel = page.getByRole('region', { name: 'Simulators' });
  await expect(panel).toBeVisible();

  await panel.getByLabel('Demo barcode').selectOption(codes.cola);
  await panel.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(page.getByTestId('basket-line')).toHaveCount(1);
  await expect(page.getByTestId('basket-line').first()).toContainText('Cola');

  // The shopper bags the cola.
  const bagging = panel.locator('form').filter({ hasText: 'Bagging scale' });
  await bagging.getByLabel('Weight in grams').fill('4300');
  await bagging.getByRole('button', { name: 'Place', exact: true }).click();
  await expect(panel.getByText('Last: bagging: weigh 4300')).toBeVisible();

  await panel.getByRole('button', { name: 'Unplug Scanner' }).click();
  const scanner = page.locator('.device-bar .device').filter({ hasText: 'Scanner' });
  await expect(scanner).toHaveClass(/device-reconnecting/, { timeout: 15_000 });
  await expect(scanner).toContainText('reconnecting…');
  await expect(panel.getByRole('button', { name: 'Scan', exact: true })).toBeDisabled();
  await page.screenshot({ path: path.join(screenshotDir, 'simulator-panel-open.png') });

  await panel.getByRole('button', { name: 'Plug in Scanner' }).click();
  await expect(scanner).toHaveClass(/device-online/, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Hide the device simulators' }).click();
  await expect(panel).toBeHidden();
});

test('a lane without the simulators’ control socket shows no simulator panel', async ({ page }) => {
  await startDevelopmentLane(page, false);
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  // The panel would have been asked for with the first state; give the answer time to arrive by doing a round trip.
  await page.getByTestId('keypad-button').click();
  await expect(page.getByTestId('keypad-input')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show the device simulators' })).toHaveCount(0);
});
