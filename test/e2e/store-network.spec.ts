import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { PEER_HEADERS, signRequest } from '../../main/store/signing.ts';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { screenshotDir } from './support/first-sale.ts';
import { removeDir } from './support/lane.ts';
import { demoOperators, signInWithPin } from './support/operators.ts';

const STORE_KEY = 'e2e-store-key-7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c2e';
const IPA = '085123006016'; // Harbor Light Brewing IPA 6-pack, 21+
const laneDevices = JSON.stringify([{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 300 }]);

const processes: TerminalProcess[] = [];
const dataDirs: string[] = [];

test.afterEach(async () => {
  for (const terminal of processes.splice(0).reverse()) await terminal.stop();
  for (const dir of dataDirs.splice(0)) removeDir(dir);
});

async function start(env: Record<string, string>): Promise<TerminalProcess> {
  const dataDir = makeDataDir('store-e2e-');
  dataDirs.push(dataDir);
  const terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_PEER_HOST: '127.0.0.1', TERMINAL_PEER_PORT: '0', TERMINAL_DEVICES: laneDevices, ...env } });
  processes.push(terminal);
  return terminal;
}

function peerApiOf(terminal: TerminalProcess): string {
  const match = /^Store peer API: (\S+)$/m.exec(terminal.output());
  if (!match?.[1]) throw new Error(`the terminal printed no peer API address:\n${terminal.output()}`);
  return match[1];
}

async function startLaneAndStation(stationKey = STORE_KEY): Promise<{ lane: TerminalProcess; station: TerminalProcess; peerUrl: string }> {
  const lane = await start({ TERMINAL_ROLE: 'self-checkout', TERMINAL_LANE_ID: 'SCO-1', TERMINAL_STORE_KEY: STORE_KEY });
  const peerUrl = peerApiOf(lane);
  const station = await start({
    TERMINAL_ROLE: 'attendant',
    TERMINAL_LANE_ID: 'ATT-1',
    TERMINAL_STORE_KEY: stationKey,
    TERMINAL_STORE_PEERS: JSON.stringify([
      { lane: 'SCO-1', url: peerUrl },
      // A lane that is switched off: the board shows it offline and keeps going.
      { lane: 'SCO-2', url: 'http://127.0.0.1:9' },
    ]),
  });
  return { lane, station, peerUrl };
}

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: 'disabled' });

test('an age-restricted item pauses the self-checkout until the attendant approves it from the station; the shopper then pays', async ({ page, browser }) => {
  const { lane, station } = await startLaneAndStation();
  const shopper = page;
  const attendant = await browser.newPage();
  try {
    await shopper.goto(lane.url);
    await expect(shopper.getByTestId('welcome-screen')).toBeVisible();
    await shopper.getByTestId('keypad-button').click();
    await shopper.getByTestId('keypad-input').fill(IPA);
    await shopper.getByTestId('keypad-submit').click();
    await expect(shopper.getByTestId('age-check-pause')).toBeVisible();
    await expect(shopper.getByTestId('age-check-title')).toHaveText('An attendant will approve this item');
    await expect(shopper.getByTestId('age-check-pause')).toContainText('Harbor Light Brewing IPA');
    await shot(shopper, 'self-checkout-age-check-paused');

    await attendant.goto(station.url);
    await signInWithPin(attendant, demoOperators.cashier);
    const tile = attendant.locator('[data-testid="lane-tile"][data-lane="SCO-1"]');
    await expect(tile).toHaveAttribute('data-status', 'help');
    await expect(tile.getByTestId('lane-intervention')).toHaveText(/Age check 21\+\s*\d+:\d{2}/);
    await expect(tile.getByTestId('lane-total')).toHaveText('$12.12');
    await expect(attendant.locator('[data-testid="lane-tile"][data-lane="SCO-2"]')).toHaveAttribute('data-status', 'offline');
    await expect(attendant.getByTestId('board-waiting')).toHaveText('Waiting for you: 1');
    await shot(attendant, 'attendant-board-age-check');

    await tile.click();
    const detail = attendant.getByTestId('lane-detail');
    await expect(detail).toBeVisible();
    await expect(detail.getByTestId('detail-line')).toHaveCount(1);

    // Under age: the lane refuses, the shopper stays paused.
    await detail.getByTestId('dob-input').fill('20100101');
    await detail.getByTestId('approve-age').click();
    await expect(attendant.getByTestId('notice')).toHaveAttribute('data-code', 'UNDER_AGE');
    await expect(shopper.getByTestId('age-check-pause')).toBeVisible();
    // The notice goes by itself (its close button is inert above an open dialog).
    await expect(attendant.getByTestId('notice')).toBeHidden();

    // Keyed on the touch keys, as at a station without a keyboard: 1990-05-17.
    await detail.getByRole('button', { name: 'Clear', exact: true }).click();
    for (const digit of '19900517') await detail.getByRole('button', { name: `Digit ${digit}`, exact: true }).click();
    await expect(detail.getByTestId('dob-input')).toHaveValue('1990-05-17');
    await shot(attendant, 'attendant-lane-age-approval');
    await detail.getByTestId('approve-age').click();
    await expect(detail.getByTestId('detail-intervention')).toHaveCount(0);
    await detail.getByTestId('lane-detail-close').click();
    await expect(tile).toHaveAttribute('data-status', 'shopping');
    await expect(tile.getByTestId('lane-intervention')).toHaveCount(0);

    await expect(shopper.getByTestId('age-check-pause')).toBeHidden();
    await shopper.getByTestId('pay-button').click();
    await expect(shopper.getByTestId('receipt-screen')).toBeVisible({ timeout: 15_000 });
    await expect(shopper.getByTestId('receipt-screen')).toContainText('$12.12');
  } finally {
    await attendant.close();
  }
});

test('a peer request with the wrong store key or a replayed signature is refused', async ({ page }) => {
  const { station, peerUrl } = await startLaneAndStation('not-the-store-key-0123456789abcdef01234567');

  // The station with the wrong key never gets an answer it can trust: the lane shows offline.
  await page.goto(station.url);
  await signInWithPin(page, demoOperators.supervisor);
  await expect(page.locator('[data-testid="lane-tile"][data-lane="SCO-1"]')).toHaveAttribute('data-status', 'offline');

  // A correctly signed request is answered once; the same bytes again are a replay.
  const body = JSON.stringify({ requestId: 'e2e-ack-00001', operatorId: demoOperators.cashier.operatorId, action: { type: 'acknowledgeHelp' } });
  const target = new URL('/peer/v1/lane/actions', peerUrl);
  const headers = { ...signRequest(STORE_KEY, { method: 'POST', path: target.pathname, body, lane: 'ATT-9' }, Date.now()), 'content-type': 'application/json' };
  const first = await fetch(target, { method: 'POST', headers, body });
  expect(first.status).toBe(200);
  expect(first.headers.get(PEER_HEADERS.signature)).toMatch(/^[0-9a-f]{64}$/);
  const replayed = await fetch(target, { method: 'POST', headers, body });
  expect(replayed.status).toBe(401);
  expect(await replayed.text()).toContain('replayed');

  const wrongKey = signRequest('not-the-store-key-0123456789abcdef01234567', { method: 'GET', path: '/peer/v1/lane', body: '', lane: 'ATT-9' }, Date.now());
  const refused = await fetch(new URL('/peer/v1/lane', peerUrl), { headers: wrongKey });
  expect(refused.status).toBe(401);
  expect(await refused.text()).toContain('bad-signature');
});

test('an attendant at the self-checkout approves the age check there: date of birth, then their PIN', async ({ page }) => {
  const lane = await start({ TERMINAL_ROLE: 'self-checkout', TERMINAL_LANE_ID: 'SCO-3' });
  await page.goto(lane.url);
  await page.getByTestId('keypad-button').click();
  await page.getByTestId('keypad-input').fill(IPA);
  await page.getByTestId('keypad-submit').click();
  const pause = page.getByTestId('age-check-pause');
  await expect(pause).toBeVisible();

  await page.getByTestId('age-attendant-here').click();
  await pause.getByTestId('age-dob-input').fill('19850704');
  await expect(pause.getByTestId('age-dob-input')).toHaveValue('1985-07-04');
  await shot(page, 'self-checkout-age-check-local');
  await page.getByTestId('age-approve-here').click();
  const approval = page.getByTestId('approval-dialog');
  await expect(approval).toBeVisible();
  await expect(page.getByTestId('approval-summary')).toContainText('ID');
  await page.getByTestId('approval-number').fill(demoOperators.cashier.operatorId);
  await page.getByTestId('approval-number').press('Enter');
  await page.getByTestId('approval-pin').fill(demoOperators.cashier.pin);
  await page.getByTestId('approval-pin').press('Enter');
  await expect(approval).toBeHidden();
  await expect(pause).toBeHidden();
  await expect(page.getByTestId('pay-button')).toBeEnabled();
});
