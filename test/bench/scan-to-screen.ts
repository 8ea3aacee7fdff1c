import { chromium } from '@playwright/test';
import { performance } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import { chromiumPath } from '../../playwright.config.ts';
import { PtyPair } from '../../drivers/sim/pty-pair.ts';
import { SerialScannerSimulator } from '../../drivers/sim/serial-scanner-sim.ts';
import { makeDataDir, startTerminalProcess } from '../support/terminal-process.ts';
import { summarise, type Summary } from './stats.ts';
import fs from 'node:fs';

export interface ScanToScreenResult {
  readonly what: string;
  /** The scan that opens the basket and swaps the welcome screen for the basket screen. */
  readonly firstScanMs: number;
  /** Every later scan of the basket. */
  readonly scanToScreen: Summary;
  readonly baseline: Summary & { readonly what: string };
}

const CODE = '4006381333931';
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
const wallNow = (): number => performance.timeOrigin + performance.now();

/**
 * From the first byte of a label written to the serial scanner's pseudo-terminal until the
 * basket line shows the new quantity in Chromium's DOM: serial driver, lane, ledger commit,
 * WebSocket, React render. Baseline: the same frame's transit through the pty pair alone.
 */
export async function benchScanToScreen(scans: number): Promise<ScanToScreenResult> {
  const pair = await PtyPair.open();
  const dataDir = makeDataDir('bench-scan-');
  const simulator = new SerialScannerSimulator({ path: pair.simPath });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  let terminal: Awaited<ReturnType<typeof startTerminalProcess>> | null = null;
  try {
    const baselineMs = await ptyTransit(pair, simulator, scans);

    const devices = [
      { kind: 'scanner', protocol: 'serial', name: 'Bench scanner', path: pair.posPath },
      { kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 },
    ];
    terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_DEVICES: JSON.stringify(devices) } });
    await simulator.open();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(terminal.url);
    await page.getByTestId('welcome-screen').waitFor();

    const samples: number[] = [];
    for (let scan = 1; scan <= scans + 1; scan++) {
      // Arm an observer that notes the wall-clock time the line reaches the expected quantity.
      await page.evaluate(armObserver(CODE, scan));
      const written = wallNow();
      await simulator.scan(CODE);
      const seenAt = Number(await page.evaluate('window.benchSeen'));
      samples.push(seenAt - written);
    }
    await page.close();
    await simulator.close();
    return {
      what: 'serial scanner pty write → basket line in the DOM (Chromium, browser host)',
      firstScanMs: Math.round((samples[0] ?? Number.NaN) * 1000) / 1000,
      scanToScreen: summarise(samples.slice(1)),
      baseline: { what: 'the same frame written to the pty pair and read back at the POS end', ...summarise(baselineMs) },
    };
  } finally {
    await browser.close();
    await terminal?.stop();
    await simulator.close();
    await pair.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The floor: how long the frame takes through socat alone, read with the same serialport binding. */
async function ptyTransit(pair: PtyPair, simulator: SerialScannerSimulator, count: number): Promise<number[]> {
  const port = new SerialPort({ path: pair.posPath, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  await simulator.open();
  const frameLength = simulator.frame(CODE).length;
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      let received = 0;
      const arrived = new Promise<number>((resolve) => {
        const onData = (chunk: Buffer): void => {
          received += chunk.length;
          if (received < frameLength) return;
          port.off('data', onData);
          resolve(wallNow());
        };
        port.on('data', onData);
      });
      const written = wallNow();
      await simulator.scan(CODE);
      samples.push((await arrived) - written);
    }
  } finally {
    await simulator.close();
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
  return samples;
}

/**
 * Browser-side script (a string: this file is type-checked for Node, not the DOM) that arms a
 * MutationObserver noting the wall-clock time the line shows `quantity`.
 */
export function armObserver(code: string, quantity: number): string {
  const selector = JSON.stringify(`[data-testid="basket-line"][data-code$="${code}"][data-quantity="${quantity}"]`);
  return `window.benchSeen = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(${selector})) return;
      observer.disconnect();
      resolve(performance.timeOrigin + performance.now());
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-quantity'] });
  }); undefined`;
}
