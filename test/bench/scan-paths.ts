import { chromium, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DeviceEvents } from '../../drivers/device.ts';
import { HidPosScanner } from '../../drivers/scanner/hid-pos.ts';
import type { ScanData } from '../../drivers/scanner/scan-data.ts';
import { FakeHidBus, FakeHidPosScanner } from '../../drivers/sim/hid-pos-scanner-sim.ts';
import { startHost } from '../../main/host/server.ts';
import { createLogger } from '../../main/terminal/log.ts';
import { systemContext } from '../../main/terminal/system-context.ts';
import { startTerminal, type RunningTerminal } from '../../main/terminal/terminal.ts';
import { chromiumPath } from '../../playwright.config.ts';
import { ean13Modules } from '../support/fake-camera.ts';
import { makeDataDir } from '../support/terminal-process.ts';
import { demoTerminalConfig } from '../support/terminal-config.ts';
import { armObserver } from './scan-to-screen.ts';
import { summarise, type Summary } from './stats.ts';

export interface ScanPathResult {
  readonly what: string;
  readonly scanToScreen: Summary;
  readonly baseline: Summary & { readonly what: string };
  /** Scans that never reached the screen (a wedge burst the machine stretched past the wedge gap). */
  readonly missed: number;
}

const CODE = '4006381333931';
const SECOND_CODE = '8061257002898';
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const rendererDir = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');
const SCREEN_TIMEOUT_MS = 10_000;

const wallNow = (): number => performance.timeOrigin + performance.now();

interface BenchLane {
  readonly page: Page;
  readonly terminal: RunningTerminal;
  close(): Promise<void>;
}

/** A self-checkout lane in this process (so a fake HID bus can be handed in), its UI in Chromium. */
async function benchLane(browser: Browser, devices: readonly unknown[], options: { camera?: boolean; hid?: FakeHidBus; initScript?: string } = {}): Promise<BenchLane> {
  const dataDir = makeDataDir('bench-scan-path-');
  const config = { ...demoTerminalConfig({ dataDir, role: 'self-checkout', laneId: 'L01', devices }), ...(options.camera ? { camera: true } : {}) };
  const terminal = await startTerminal(config, createLogger('bench', 'silent'), systemContext, options.hid ? { devices: { hid: options.hid } } : {});
  const host = await startHost(terminal.api, { host: '127.0.0.1', port: 0, rendererDir });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  if (options.initScript) await page.addInitScript(options.initScript);
  await page.goto(host.url);
  await page.getByTestId('welcome-screen').waitFor();
  return {
    page,
    terminal,
    async close() {
      await page.close();
      await host.close();
      await terminal.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withBrowser<T>(run: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  try {
    return await run(browser);
  } finally {
    await browser.close();
  }
}

/** The wall-clock time the observer armed by `armObserver` saw the line, or null if it never came. */
async function seenAt(page: Page): Promise<number | null> {
  const seen = await page.evaluate(`Promise.race([window.benchSeen, new Promise((resolve) => setTimeout(() => resolve(null), ${SCREEN_TIMEOUT_MS}))])`);
  return typeof seen === 'number' ? seen : null;
}

/**
 * USB HID POS: from the scanner's input reports entering node-hid's API surface (the fake bus, as
 * there is no /dev/uhid here) until the line shows in Chromium's DOM: report assembly, lane,
 * ledger commit, WebSocket, React. Baseline: the same reports to the driver's `data` event alone.
 */
export async function benchHidScanToScreen(scans: number): Promise<ScanPathResult> {
  const bus = new FakeHidBus();
  const device = new FakeHidPosScanner(bus);
  device.plugIn();
  const baseline = await hidDriverOnly(bus, device, scans);
  return withBrowser(async (browser) => {
    const lane = await benchLane(
      browser,
      [
        { kind: 'scanner', protocol: 'hid-pos', name: 'Bench HID scanner', vendorId: device.vendorId, productId: device.productId },
        { kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 },
      ],
      { hid: bus },
    );
    try {
      await lane.page.locator('.device-bar .device-online', { hasText: 'Bench HID scanner' }).waitFor();
      const samples: number[] = [];
      let missed = 0;
      for (let scan = 1; scan <= scans + 1; scan++) {
        await lane.page.evaluate(armObserver(CODE, scan - missed));
        const written = wallNow();
        await device.scan(CODE);
        const seen = await seenAt(lane.page);
        if (seen === null) missed += 1;
        else if (scan > 1) samples.push(seen - written);
      }
      return {
        what: 'HID POS input reports on the node-hid API (fake bus) → basket line in the DOM (Chromium, browser host); first scan excluded',
        scanToScreen: summarise(samples),
        baseline: { what: 'the same reports to the HID POS driver’s data event alone', ...summarise(baseline) },
        missed,
      };
    } finally {
      await lane.close();
    }
  });
}

async function hidDriverOnly(bus: FakeHidBus, device: FakeHidPosScanner, count: number): Promise<number[]> {
  const driver = new HidPosScanner({ name: 'Baseline HID scanner', vendorId: device.vendorId, productId: device.productId, hid: bus });
  const online = new Promise<void>((resolve) => {
    const onStatus = (status: DeviceEvents<ScanData>['status'][0]): void => {
      if (status.state !== 'online') return;
      driver.off('status', onStatus);
      resolve();
    };
    driver.on('status', onStatus);
  });
  await driver.open();
  await driver.claim();
  await driver.enable();
  await online;
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const label = new Promise<number>((resolve) => driver.once('data', () => resolve(wallNow())));
      const written = wallNow();
      await device.scan(CODE);
      samples.push((await label) - written);
    }
  } finally {
    await driver.close();
  }
  return samples;
}

/** Notes, in the page, when the first key of a burst and its Enter were dispatched (the events' own times). */
const KEY_CLOCK = `window.benchKeys = { first: null, enter: null };
window.addEventListener('keydown', (event) => {
  const at = performance.timeOrigin + event.timeStamp;
  if (window.benchKeys.first === null) window.benchKeys.first = at;
  if (event.key === 'Enter') window.benchKeys.enter = at;
}, true); undefined`;

/**
 * Keyboard wedge: from the first key event of a burst (Chromium's input pipeline, as a USB
 * keyboard's keys arrive) until the line shows: wedge detection, command, lane, ledger, WebSocket,
 * React. Baseline: the burst itself, first key to Enter, which no terminal can beat.
 */
export async function benchWedgeScanToScreen(scans: number): Promise<ScanPathResult> {
  return withBrowser(async (browser) => {
    const lane = await benchLane(browser, [{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 }]);
    try {
      const samples: number[] = [];
      const bursts: number[] = [];
      let missed = 0;
      await lane.page.evaluate(KEY_CLOCK);
      for (let scan = 1; scan <= scans + 1; scan++) {
        await lane.page.evaluate(`${armObserver(CODE, scan - missed)}; window.benchKeys.first = null; window.benchKeys.enter = null; undefined`);
        await lane.page.keyboard.type(CODE);
        await lane.page.keyboard.press('Enter');
        const seen = await seenAt(lane.page);
        const keys = (await lane.page.evaluate('window.benchKeys')) as { first: number | null; enter: number | null };
        if (seen === null || keys.first === null || keys.enter === null) {
          missed += 1;
          continue;
        }
        if (scan === 1) continue;
        samples.push(seen - keys.first);
        bursts.push(keys.enter - keys.first);
      }
      return {
        what: 'keyboard-wedge burst (13 digits + Enter through Chromium’s input pipeline) → basket line in the DOM; from the first key event; first scan excluded',
        scanToScreen: summarise(samples),
        baseline: { what: 'the burst itself: first key event to the Enter key event', ...summarise(bursts) },
        missed,
      };
    } finally {
      await lane.close();
    }
  });
}

/**
 * The camera stand-in: getUserMedia answers a canvas's stream whose frames the bench pushes
 * itself (captureStream(0) + requestFrame), so "a label appeared in front of the camera" has an
 * exact time. `benchShow(modules)` draws an EAN-13 and pushes the frame, and arms a note of when
 * the scanner's <video> presents the next frame.
 */
const CAMERA_STAND_IN = `(() => {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 640, 480);
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0];
  navigator.mediaDevices.getUserMedia = async () => {
    setTimeout(() => track.requestFrame(), 0);
    return stream;
  };
  window.benchShow = (modules) => {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 640, 480);
    context.fillStyle = '#000';
    const left = (640 - modules.length * 4) / 2;
    for (let m = 0; m < modules.length; m++) if (modules[m] === '1') context.fillRect(left + m * 4, 130, 4, 220);
    const video = document.querySelector('[data-testid="camera-scanner"] video');
    window.benchPresented = new Promise((resolve) => video.requestVideoFrameCallback((now) => resolve(performance.timeOrigin + now)));
    track.requestFrame();
    return performance.timeOrigin + performance.now();
  };
})();`;

/**
 * Camera: from the frame with the label pushed into the camera's stream until the line shows:
 * capture, the decode pace's wait for the next decode (up to ~170 ms by design, camera-pace.ts),
 * @zxing decode, command, lane, ledger, WebSocket, React. Baseline: the same frame to the
 * scanner's <video> presenting it (requestVideoFrameCallback), the floor before any decoding.
 */
export async function benchCameraScanToScreen(scans: number): Promise<ScanPathResult> {
  return withBrowser(async (browser) => {
    const lane = await benchLane(browser, [{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 }], { camera: true, initScript: CAMERA_STAND_IN });
    try {
      await lane.page.getByTestId('camera-open').click();
      await lane.page.locator('[data-testid="camera-scanner"][data-status="live"]').waitFor();
      const samples: number[] = [];
      const presented: number[] = [];
      let missed = 0;
      const counts = new Map<string, number>();
      // Two labels in turn: each differs from the last one seen, so each counts at once.
      for (let scan = 1; scan <= scans + 1; scan++) {
        const code = scan % 2 === 1 ? CODE : SECOND_CODE;
        const quantity = (counts.get(code) ?? 0) + 1;
        await lane.page.evaluate(armObserver(code, quantity));
        const shownAt = Number(await lane.page.evaluate(`window.benchShow(${JSON.stringify(ean13Modules(code))})`));
        const seen = await seenAt(lane.page);
        const frameAt = Number(await lane.page.evaluate('window.benchPresented'));
        if (seen === null) {
          missed += 1;
          continue;
        }
        counts.set(code, quantity);
        if (scan === 1) continue;
        samples.push(seen - shownAt);
        presented.push(frameAt - shownAt);
      }
      return {
        what: 'camera frame with an EAN-13 pushed into the stream → basket line in the DOM (Chromium, @zxing at its capped decode pace); first scan excluded',
        scanToScreen: summarise(samples),
        baseline: { what: 'the same frame to the scanner’s <video> presenting it (requestVideoFrameCallback)', ...summarise(presented) },
        missed,
      };
    } finally {
      await lane.close();
    }
  });
}
