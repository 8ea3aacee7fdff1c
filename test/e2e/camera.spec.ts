import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModbusRelaySimulator, type CoilEdge } from '../../drivers/sim/modbus-relay-sim.ts';
import { PtyPair } from '../../drivers/sim/pty-pair.ts';
import { mintEntryToken } from '../../main/terminal/entry-token.ts';
import { ean13Image, fakeCameraArgs, qrImage, writeY4m, type GreyImage } from '../support/fake-camera.ts';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../support/terminal-process.ts';
import { chromiumPath } from '../../playwright.config.ts';
import { codes, screenshotDir } from './support/first-sale.ts';
import { removeDir, serialScannerRig, type SerialScannerRig } from './support/lane.ts';

// Camera scanning through Chromium's fake capture device: the camera "sees" a picture drawn by the
// test (an app entry QR code at the gate, an EAN-13 at the lane) from a Y4M file, so the real
// getUserMedia → @zxing → command → main path runs.

const STORE_ID = 'harbor-street';
const ENTRY_SECRET = 'e2e-harbor-street-entry-secret-0123456789';
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const closers: (() => Promise<void> | void)[] = [];

test.afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function tempDir(prefix: string): Promise<string> {
  const dir = makeDataDir(prefix);
  closers.push(() => removeDir(dir));
  return dir;
}

/** A Chromium whose camera shows `picture`. */
async function browserSeeing(picture: GreyImage): Promise<Browser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-camera-'));
  closers.push(() => removeDir(dir));
  const video = path.join(dir, 'camera.y4m');
  writeY4m(video, picture);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...launchArgs, ...fakeCameraArgs(video)] });
  closers.push(() => browser.close());
  return browser;
}

interface GateRig {
  readonly terminal: TerminalProcess;
  readonly scanner: SerialScannerRig;
  readonly coils: CoilEdge[];
}

/** A gate terminal: a Modbus relay module for the gate and a serial 2D scanner, both on pseudo-terminals. */
async function startGate(): Promise<GateRig> {
  const pair = await PtyPair.open();
  closers.push(() => pair.dispose());
  const relay = new ModbusRelaySimulator({ path: pair.simPath });
  const coils: CoilEdge[] = [];
  relay.events.on('coil', (edge) => coils.push(edge));
  await relay.open();
  closers.push(() => relay.close());
  const scanner = await serialScannerRig();
  closers.push(() => scanner.dispose());
  const dataDir = await tempDir('gate-e2e-');
  const devices = [
    { kind: 'scanner', protocol: 'serial', name: 'Gate scanner', path: scanner.posPath },
    { kind: 'gate', protocol: 'modbus-rtu', name: 'Exit gate', path: pair.posPath, coil: 0, pulseMs: 300, timeoutMs: 2000, retries: 3 },
  ];
  const terminal = await startTerminalProcess({
    dataDir,
    env: { TERMINAL_ROLE: 'gate', TERMINAL_DEVICES: JSON.stringify(devices), TERMINAL_STORE_ID: STORE_ID, TERMINAL_ENTRY_SECRET: ENTRY_SECRET },
  });
  closers.push(() => terminal.stop());
  return { terminal, scanner, coils };
}

/** Opens the gate screen once every device is online: a camera that sees a code reads it at once. */
async function openGateScreen(page: Page, terminal: TerminalProcess): Promise<void> {
  const health = async (): Promise<string> => ((await (await fetch(new URL('health', terminal.url))).json()) as { status: string }).status;
  await expect.poll(health, { timeout: 15_000 }).toBe('ok');
  await page.goto(terminal.url);
  await expect(page.getByTestId('gate-screen')).toBeVisible();
}

test('the gate opens for a valid app entry QR code shown to the camera, once', async () => {
  const gate = await startGate();
  const code = mintEntryToken({ storeId: STORE_ID, shopperRef: 'shopper-e2e', issuedAt: Date.now(), lifetimeMs: 10 * 60_000 }, ENTRY_SECRET);
  const browser = await browserSeeing(qrImage(code));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openGateScreen(page, gate.terminal);

  const result = page.getByTestId('gate-result');
  await expect(result).toHaveAttribute('data-outcome', 'entered', { timeout: 20_000 });
  await expect(result).toContainText('Welcome!');
  await expect.poll(() => gate.coils.filter((edge) => edge.coil === 0 && edge.on).length, { timeout: 10_000 }).toBe(1);
  await page.screenshot({ path: path.join(screenshotDir, 'gate-welcome.png') });

  // The QR code stays in front of the camera: it counts once. After the welcome, the gate asks for the next code.
  await expect(page.getByTestId('gate-idle')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('camera-scanner')).toHaveAttribute('data-status', 'live');
  await page.screenshot({ path: path.join(screenshotDir, 'gate-idle-camera.png') });

  // The same code on the gate's 2D scanner: already used, and the gate stays shut.
  await gate.scanner.scan(code);
  await expect(result).toHaveAttribute('data-outcome', 'refused');
  await expect(result).toHaveAttribute('data-reason', 'ENTRY_CODE_USED');
  await expect(result).toContainText('This code has already been used');
  await page.screenshot({ path: path.join(screenshotDir, 'gate-refused-used.png') });
  expect(gate.coils.filter((edge) => edge.coil === 0 && edge.on)).toHaveLength(1);
});

test('without a camera the gate says so and keeps working: an unpaid receipt is refused', async ({ page }) => {
  const gate = await startGate();
  await openGateScreen(page, gate.terminal);
  await expect(page.getByTestId('gate-idle')).toBeVisible();
  await expect(page.getByTestId('gate-state')).toHaveAttribute('data-state', 'closed');
  // Headless Chromium without a capture device: getUserMedia fails, the screen explains, the scanner still works.
  await expect(page.getByTestId('camera-scanner')).toHaveAttribute('data-status', /^(missing|denied|failed)$/, { timeout: 15_000 });
  await expect(page.getByTestId('camera-status')).toContainText('Please use the scanner');
  await page.screenshot({ path: path.join(screenshotDir, 'gate-idle.png') });

  await gate.scanner.scan('RCPT-L01-000042');
  const result = page.getByTestId('gate-result');
  await expect(result).toHaveAttribute('data-outcome', 'refused');
  await expect(result).toHaveAttribute('data-reason', 'UNKNOWN_SALE');
  await expect(result).toContainText('This purchase has not been paid');
  await page.screenshot({ path: path.join(screenshotDir, 'gate-refused.png') });
  expect(gate.coils.filter((edge) => edge.on)).toHaveLength(0);
});

test('a self-checkout lane with the camera on adds an item from an EAN-13 shown to the camera', async () => {
  const dataDir = await tempDir('camera-lane-');
  const terminal = await startTerminalProcess({
    dataDir,
    env: { TERMINAL_CAMERA: '1', TERMINAL_DEVICES: JSON.stringify([{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 300 }]) },
  });
  closers.push(() => terminal.stop());
  const browser = await browserSeeing(ean13Image(codes.sourdough));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(terminal.url);
  await expect(page.getByTestId('welcome-screen')).toBeVisible();
  // Off until the shopper asks for it.
  await expect(page.getByTestId('camera-scanner')).toHaveCount(0);
  await page.screenshot({ path: path.join(screenshotDir, 'lane-camera-welcome.png') });
  await page.getByTestId('camera-open').click();

  const line = page.locator(`[data-testid="basket-line"][data-code$="${codes.sourdough}"]`);
  await expect(line).toBeVisible({ timeout: 20_000 });
  await expect(line).toHaveAttribute('data-quantity', '1');
  await expect(page.getByTestId('camera-scanner')).toHaveAttribute('data-status', 'live');
  await page.screenshot({ path: path.join(screenshotDir, 'lane-camera-scan.png') });
  await page.getByTestId('camera-close').click();
  await expect(page.getByTestId('camera-scanner')).toHaveCount(0);
  await expect(page.getByTestId('basket-line')).toHaveCount(1);
});
