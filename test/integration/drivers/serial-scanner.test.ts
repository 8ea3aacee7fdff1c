import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceEvents } from '../../../drivers/device.ts';
import { ScanFramer } from '../../../drivers/scanner/frame.ts';
import type { ScanData } from '../../../drivers/scanner/scan-data.ts';
import { SerialScanner, type SerialScannerOptions } from '../../../drivers/scanner/serial-scanner.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { SerialScannerSimulator, type SerialScannerSimOptions } from '../../../drivers/sim/serial-scanner-sim.ts';
import { collect, nextEvent, type Collected } from '../../support/events.ts';

type ScannerEvents = DeviceEvents<ScanData>;

// The real serialport binding on both ends of a socat pseudo-terminal pair (PROTOCOLS §6).

let pair: PtyPair;
let scanner: SerialScanner | null;
let simulator: SerialScannerSimulator | null;

beforeEach(async () => {
  pair = await PtyPair.open();
  scanner = null;
  simulator = null;
});

afterEach(async () => {
  vi.restoreAllMocks();
  await simulator?.close();
  await scanner?.close();
  await pair.dispose();
});

/**
 * Resolves once the driver has taken `count` more bytes off its port, delivered or not: a write
 * on the device side is done before the bytes reach the driver, so tests about what the driver
 * does with them must wait for this, not for the write.
 */
function driverReads(count: number, timeoutMs = 5000): Promise<void> {
  const push = ScanFramer.prototype.push;
  let seen = 0;
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      spy.mockRestore();
      reject(new Error(`the driver read ${seen} of ${count} bytes within ${timeoutMs} ms`));
    }, timeoutMs);
    const spy = vi.spyOn(ScanFramer.prototype, 'push').mockImplementation(function (this: ScanFramer, chunk: Buffer, now: number) {
      seen += chunk.length;
      if (seen >= count) {
        clearTimeout(timer);
        spy.mockRestore();
        resolve();
      }
      return push.call(this, chunk, now);
    });
  });
}

async function rig(
  driver: Partial<SerialScannerOptions> = {},
  device: Partial<SerialScannerSimOptions> = {},
): Promise<{ scanner: SerialScanner; simulator: SerialScannerSimulator; labels: Collected<ScanData> }> {
  scanner = new SerialScanner({ name: 'Test scanner', path: pair.posPath, reconnect: { initialMs: 50, maxMs: 200 }, presenceCheckMs: 50, ...driver });
  const labels = collect<ScannerEvents, 'data'>(scanner, 'data');
  await scanner.open();
  await scanner.claim();
  await scanner.enable();
  expect(scanner.status().state).toBe('online');
  simulator = new SerialScannerSimulator({ path: pair.simPath, byteTimeMs: 0, ...device });
  await simulator.open();
  return { scanner, simulator, labels };
}

describe('serial scanner over a pseudo-terminal', () => {
  it('reads golden frames: EAN-13, UPC-A, EAN-8 and Code 128 with a CR suffix', async () => {
    const { simulator: sim, labels } = await rig();
    await sim.noise(Buffer.from('4006381333931\r', 'latin1'));
    await sim.noise(Buffer.from('036000291452\r', 'latin1'));
    await sim.noise(Buffer.from('96385074\r', 'latin1'));
    await sim.noise(Buffer.from(']C0LANE-7\r', 'latin1'));
    const got = await labels.take(4);
    expect(got.map(({ code, symbology, source, device }) => ({ code, symbology, source, device }))).toEqual([
      { code: '4006381333931', symbology: 'ean-13', source: 'scanner', device: 'Test scanner' },
      { code: '036000291452', symbology: 'upc-a', source: 'scanner', device: 'Test scanner' },
      { code: '96385074', symbology: 'ean-8', source: 'scanner', device: 'Test scanner' },
      { code: 'LANE-7', symbology: 'code-128', source: 'scanner', device: 'Test scanner' },
    ]);
  });

  it('reads the golden AIM frame of PROTOCOLS §1.4 byte for byte', async () => {
    const { simulator: sim, labels } = await rig();
    const golden = Buffer.from([0x5d, 0x45, 0x30, 0x34, 0x30, 0x30, 0x36, 0x33, 0x38, 0x31, 0x33, 0x33, 0x33, 0x39, 0x33, 0x31, 0x0d]);
    expect(sim.frame('4006381333931', { aim: ']E0' })).toEqual(golden);
    await sim.noise(golden);
    const [label] = await labels.take(1);
    expect(label).toEqual({ code: '4006381333931', symbology: 'ean-13', aim: ']E0', source: 'scanner', device: 'Test scanner' });
  });

  it('reads AIM identifiers, and UPC-A sent as 13 digits yields the 12-digit code', async () => {
    const { simulator: sim, labels } = await rig({}, { aimIds: true });
    await sim.scan('036000291452');
    await sim.scan('4006381333931');
    const got = await labels.take(2);
    expect(got.map(({ code, symbology, aim }) => ({ code, symbology, aim }))).toEqual([
      { code: '036000291452', symbology: 'upc-a', aim: ']E0' },
      { code: '4006381333931', symbology: 'ean-13', aim: ']E0' },
    ]);
  });

  for (const suffix of ['CRLF', 'TAB', 'ETX'] as const) {
    it(`frames labels ending in ${suffix}`, async () => {
      const bytes = { CRLF: '\r\n', TAB: '\t', ETX: '\x03' }[suffix];
      const { simulator: sim, labels } = await rig({ suffix }, { suffix: bytes });
      await sim.scan('4006381333931');
      await sim.scan('036000291452');
      expect((await labels.take(2)).map((label) => label.code)).toEqual(['4006381333931', '036000291452']);
    });
  }

  it('strips a programmed prefix and refuses a frame without it', async () => {
    const { scanner: driver, simulator: sim, labels } = await rig({ prefix: '#' }, { prefix: '#' });
    const errors = collect<ScannerEvents, 'error'>(driver, 'error');
    await sim.scan('4006381333931');
    await sim.scan('036000291452', { prefix: '' });
    await sim.scan('96385074');
    expect((await labels.take(2)).map((label) => label.code)).toEqual(['4006381333931', '96385074']);
    const [error] = await errors.take(1);
    expect(error?.message).toMatch(/prefix is missing/);
    expect(labels.items).toHaveLength(2);
  });

  it('delivers the same labels when the bytes arrive in random small pieces', async () => {
    const { simulator: sim, labels } = await rig({}, { byteTimeMs: 1, seed: 42, aimIds: true });
    const codes = ['4006381333931', '036000291452', '96385074', '5012345678900', 'LANE-7'];
    for (const code of codes) await sim.scan(code);
    const whole = await labels.take(codes.length);
    for (const code of codes) await sim.scan(code, { fragment: true });
    const pieces = await labels.take(2 * codes.length);
    expect(pieces.slice(codes.length)).toEqual(whole);
    expect(whole.map((label) => label.code)).toEqual(codes);
  });

  it('splits two labels that arrive in one write', async () => {
    const { simulator: sim, labels } = await rig();
    await sim.noise('4006381333931\r036000291452\r');
    expect((await labels.take(2)).map((label) => label.code)).toEqual(['4006381333931', '036000291452']);
  });

  it('reports garbage on the line naming the problem, and reads the next good label', async () => {
    const { scanner: driver, simulator: sim, labels } = await rig();
    const errors = collect<ScannerEvents, 'error'>(driver, 'error');
    await sim.noise(Buffer.from([0x41, 0x42, 0x01, 0x43, 0x0d])); // "AB\x01C\r": a control byte no scanner sends
    await sim.noise(Buffer.from([0x00, 0xff, 0x00])); // noise before a label, without a terminator
    await sim.scan('4006381333931');
    await sim.noise(']E04006381333932\r'); // an EAN-13 with a wrong check digit
    await sim.scan('036000291452');
    expect((await labels.take(2)).map((label) => label.code)).toEqual(['4006381333931', '036000291452']);
    const reported = await errors.take(2);
    expect(reported[0]?.message).toMatch(/unreadable frame.*control byte 0x01/);
    expect(reported[1]?.message).toMatch(/unreadable frame.*check digit/i);
    expect(labels.items).toHaveLength(2);
  });

  it('delivers nothing while disabled, and reads again once enabled', async () => {
    const { scanner: driver, simulator: sim, labels } = await rig();
    await driver.disable();
    expect(driver.status()).toMatchObject({ state: 'off', detail: 'disabled' });
    const read = driverReads('4006381333931\r'.length);
    await sim.scan('4006381333931');
    await read; // the label reached the driver while it was disabled
    await driver.enable();
    await sim.scan('036000291452');
    expect((await labels.take(1)).map((label) => label.code)).toEqual(['036000291452']);
    expect(labels.items).toHaveLength(1);
  });

  it('reports an unplugged scanner offline, reconnects by itself when it is back, and reads on', async () => {
    const { scanner: driver, labels } = await rig();
    const offline = nextEvent<ScannerEvents, 'status'>(driver, 'status', (status) => status.state === 'offline');
    await simulator?.close();
    await pair.kill();
    const [down] = await offline;
    expect(down.detail).toMatch(/disconnected|not found/);
    expect(down.detail).toContain(pair.posPath);

    const online = nextEvent<ScannerEvents, 'status'>(driver, 'status', (status) => status.state === 'online');
    await pair.restart();
    await online;
    simulator = new SerialScannerSimulator({ path: pair.simPath, byteTimeMs: 0 });
    await simulator.open();
    await simulator.scan('4006381333931');
    expect((await labels.take(1)).map((label) => label.code)).toEqual(['4006381333931']);
  });

  it('notices a replug faster than its presence check, and reads from the new device', async () => {
    // A pulled pty does not always signal on the open port; the path is back before the check runs.
    const { scanner: driver, labels } = await rig({ presenceCheckMs: 200 });
    await simulator?.close();
    const lostAndBack = (async () => {
      await nextEvent<ScannerEvents, 'status'>(driver, 'status', (status) => status.state === 'offline');
      await nextEvent<ScannerEvents, 'status'>(driver, 'status', (status) => status.state === 'online');
    })();
    await pair.restart();
    await lostAndBack;
    simulator = new SerialScannerSimulator({ path: pair.simPath, byteTimeMs: 0 });
    await simulator.open();
    await simulator.scan('036000291452');
    expect((await labels.take(1)).map((label) => label.code)).toEqual(['036000291452']);
  });

  it('reports a missing device at start and keeps trying until it appears', async () => {
    await pair.kill();
    scanner = new SerialScanner({ name: 'Late scanner', path: pair.posPath, reconnect: { initialMs: 50, maxMs: 100 } });
    await scanner.open();
    await scanner.claim();
    await scanner.enable();
    expect(scanner.status().state).toBe('offline');
    expect(scanner.status().detail).toMatch(/not found.*reconnecting/);
    const online = nextEvent<ScannerEvents, 'status'>(scanner, 'status', (status) => status.state === 'online');
    await pair.restart();
    await online;
  });

  it('stops reconnecting once closed', async () => {
    await pair.kill();
    scanner = new SerialScanner({ name: 'Closed scanner', path: pair.posPath, reconnect: { initialMs: 20, maxMs: 20 } });
    await scanner.open();
    await scanner.claim();
    // A closed device reports `off` whatever its port does, so watch the port opens themselves.
    const opens = vi.spyOn(SerialPort.prototype, 'open');
    const attempts = (): number => opens.mock.contexts.filter((port) => port instanceof SerialPort && port.path === pair.posPath).length;
    await expect.poll(attempts, { timeout: 2000 }).toBeGreaterThan(0); // it is retrying
    await scanner.close();
    const before = attempts();
    await pair.restart();
    // A negative can only be shown over time: ten 20 ms retry periods.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(attempts()).toBe(before);
    expect(scanner.status()).toMatchObject({ state: 'off', detail: 'closed' });
  });

  it('refuses bad options with the name of the field', () => {
    expect(() => new SerialScanner({ name: 'x', path: '/dev/null', baudRate: -1 })).toThrow(/baudRate/);
    expect(() => new SerialScanner({ name: '', path: '/dev/null' })).toThrow(/name/);
  });
});
