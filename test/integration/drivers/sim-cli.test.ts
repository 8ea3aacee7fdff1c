import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceEvents } from '../../../drivers/device.ts';
import { MagellanScannerScale, type MagellanEvents } from '../../../drivers/scale/magellan.ts';
import type { ScaleEvents } from '../../../drivers/scale/scale.ts';
import { Toledo8217Scale } from '../../../drivers/scale/toledo-8217.ts';
import type { ScanData } from '../../../drivers/scanner/scan-data.ts';
import { SerialScanner } from '../../../drivers/scanner/serial-scanner.ts';
import { startCli, type CliProcess } from '../../support/cli-process.ts';
import { collect, nextEvent } from '../../support/events.ts';

type ScannerEvents = DeviceEvents<ScanData>;

// The simulator CLI as a person or an e2e test runs it: a child process, JSON lines out, commands in.

const cli = path.resolve(import.meta.dirname, '../../../drivers/sim/cli.ts');
let dir: string;
let child: CliProcess | null;
let scanner: SerialScanner | null;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));
  child = null;
  scanner = null;
});

afterEach(async () => {
  await scanner?.close();
  await child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

function start(args: string[]): CliProcess {
  const sim = startCli(cli, args);
  child = sim;
  return sim;
}

async function scannerOn(posPath: string): Promise<SerialScanner> {
  scanner = new SerialScanner({ name: 'Lane scanner', path: posPath, reconnect: { initialMs: 50, maxMs: 200 }, presenceCheckMs: 50 });
  await scanner.open();
  await scanner.claim();
  await scanner.enable();
  expect(scanner.status().state).toBe('online');
  return scanner;
}

describe('scanner simulator command line', () => {
  it('scans typed barcodes, pulls and restores the cable, and removes its links at end of input', async () => {
    const posPath = path.join(dir, 'lane', 'scanner');
    const sim = start(['scanner', '--pos', posPath, '--aim']);
    expect(await sim.next('ready')).toEqual({ event: 'ready', posPath });
    const driver = await scannerOn(posPath);
    const labels = collect<ScannerEvents, 'data'>(driver, 'data');

    sim.send('036000291452');
    expect(await sim.next('scanned')).toEqual({ event: 'scanned', code: '036000291452' });
    expect(await labels.take(1)).toEqual([{ code: '036000291452', symbology: 'upc-a', aim: ']E0', source: 'scanner', device: 'Lane scanner' }]);

    sim.send('noise 00 ff');
    expect(await sim.next('noise')).toEqual({ event: 'noise', bytes: 2 });
    sim.send('noise 0g');
    expect((await sim.next('error')).message).toMatch(/hex bytes/);

    const offline = nextEvent<ScannerEvents, 'status'>(driver, 'status', (status) => status.state === 'offline');
    sim.send('unplug');
    await sim.next('unplugged');
    expect((await offline)[0].detail).toContain(posPath);
    const online = nextEvent<ScannerEvents, 'status'>(driver, 'status', (status) => status.state === 'online');
    sim.send('replug');
    await sim.next('replugged');
    await online;
    sim.send('4006381333931');
    await sim.next('scanned');
    expect((await labels.take(2))[1]?.code).toBe('4006381333931');

    sim.process.stdin?.end();
    expect((await sim.exited).code).toBe(0);
    expect(existsSync(posPath)).toBe(false);
    expect(existsSync(`${posPath}.device`)).toBe(false);
  });

  it('puts the link in a folder given with --link, and ends cleanly on SIGTERM', async () => {
    const sim = start(['scanner', '--link', dir]);
    const { posPath } = await sim.next('ready');
    expect(posPath).toBe(path.join(dir, 'scanner'));
    expect(existsSync(path.join(dir, 'scanner'))).toBe(true);
    sim.process.kill('SIGTERM');
    expect((await sim.exited).code).toBe(0);
    expect(existsSync(path.join(dir, 'scanner'))).toBe(false);
  });

  it.each([
    [['scanner'], /--pos is required/],
    [['scanner', '--pos', 'x', '--suffix', 'LF'], /--suffix must be one of CR, CRLF, TAB, ETX, got "LF"/],
    [['scanner', '--pos', 'x', '--baud', '9600'], /Unknown option '--baud'/],
    [['scale', '--pos', 'x'], /--protocol must be one of toledo-8217, mt-sics, magellan, got ""/],
    [['scale', '--protocol', 'mt-sics'], /--pos is required/],
    [['scale', '--protocol', 'mt-sics', '--pos', 'x', '--unit', 'lb'], /--unit for mt-sics must be g or kg, got "lb"/],
    [['scale', '--protocol', 'magellan', '--pos', 'x', '--parity-bit', 'mark'], /--parity-bit must be even or odd/],
    [['scale', '--protocol', 'magellan', '--pos', 'x', '--settle', 'soon'], /--settle takes a whole number/],
    [['fax'], /unknown device "fax" \(this release simulates: scanner, scale, payment, gate, printer\)/],
    [[], /name the device to simulate/],
  ])('refuses %j with a clear message and exit code 2', async (args, message) => {
    const { code, stderr } = await start(args).exited;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/usage: npm run sim/);
  });
});

describe('scale simulator command line', () => {
  let scale: Toledo8217Scale | MagellanScannerScale | null = null;
  afterEach(async () => {
    await scale?.close();
    scale = null;
  });

  const fastScale = { reconnect: { initialMs: 50, maxMs: 200 }, presenceCheckMs: 50, pollMs: 50, replyTimeoutMs: 1000 };

  it('weighs, shakes and lifts the platter on command, survives an unplug, and removes its links at end of input', async () => {
    const posPath = path.join(dir, 'lane', 'scale');
    const sim = start(['scale', '--protocol', 'toledo-8217', '--pos', posPath, '--settle', '0']);
    expect(await sim.next('ready')).toEqual({ event: 'ready', posPath, protocol: 'toledo-8217' });
    const driver = new Toledo8217Scale({ name: 'Lane scale', path: posPath, ...fastScale });
    scale = driver;
    await driver.open();
    await driver.claim();
    await driver.enable();
    const readings = collect<ScaleEvents, 'data'>(driver, 'data');
    const seen = async (state: string): Promise<void> => {
      await expect.poll(() => readings.items.at(-1)?.state, { timeout: 5000 }).toBe(state);
    };

    sim.send('weigh 1234');
    expect(await sim.next('weighed')).toEqual({ event: 'weighed', grams: 1234 });
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 1234, unit: 'kg' });
    // Each platter command, the line the simulator answers with, and the state the driver then reads.
    const platter = [
      ['motion', 'motion', 'motion'],
      ['settle', 'settled', 'stable'],
      ['underzero', 'underzero', 'underZero'],
      ['overcapacity', 'overcapacity', 'overCapacity'],
    ] as const;
    for (const [command, done, state] of platter) {
      sim.send(command);
      await sim.next(done);
      await seen(state);
    }
    sim.send('noise 00 13');
    expect(await sim.next('noise')).toEqual({ event: 'noise', bytes: 2 });
    sim.send('scan 4006381333931');
    expect((await sim.next('error')).message).toMatch(/scan needs --protocol magellan/);
    sim.send('weigh 1.5');
    expect((await sim.next('error')).message).toMatch(/whole grams/);

    // The platter keeps its load while the cable is out.
    sim.send('weigh 800');
    await sim.next('weighed');
    for (const [command, done, state] of [['unplug', 'unplugged', 'offline'], ['replug', 'replugged', 'online']] as const) {
      sim.send(command);
      await sim.next(done);
      await expect.poll(() => driver.status().state, { timeout: 5000 }).toBe(state);
    }
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 800 });

    sim.process.stdin?.end();
    expect((await sim.exited).code).toBe(0);
    expect(existsSync(posPath)).toBe(false);
  });

  it('scans labels through a Magellan scanner-scale, which the driver emits as scans', async () => {
    const sim = start(['scale', '--protocol', 'magellan', '--pos', dir, '--unit', 'lb', '--settle', '0']);
    const { posPath } = await sim.next('ready');
    expect(posPath).toBe(path.join(dir, 'scale'));
    const driver = new MagellanScannerScale({ name: 'Scanner-scale', path: String(posPath), ...fastScale });
    scale = driver;
    const scans = collect<MagellanEvents, 'scan'>(driver, 'scan');
    await driver.open();
    await driver.claim();
    await driver.enable();
    sim.send('scan 4006381333931');
    expect(await sim.next('scanned')).toEqual({ event: 'scanned', code: '4006381333931' });
    expect(await scans.take(1)).toEqual([{ code: '4006381333931', symbology: 'ean-13', aim: null, source: 'scanner', device: 'Scanner-scale' }]);
    sim.send('weigh 454');
    await sim.next('weighed');
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 454, unit: 'lb', shown: '01.00' });
    sim.process.kill('SIGTERM');
    expect((await sim.exited).code).toBe(0);
  });
});
