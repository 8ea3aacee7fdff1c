import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceEvents } from '../../../drivers/device.ts';
import type { HidBackend } from '../../../drivers/hid/hid-backend.ts';
import { chooseScanner, HidPosScanner, type HidPosScannerOptions } from '../../../drivers/scanner/hid-pos.ts';
import type { ScanData } from '../../../drivers/scanner/scan-data.ts';
import { FakeHidBus, FakeHidPosScanner, type FakeHidPosScannerOptions } from '../../../drivers/sim/hid-pos-scanner-sim.ts';
import { collect, nextEvent, type Collected } from '../../support/events.ts';

type ScannerEvents = DeviceEvents<ScanData>;

// The driver against the fake node-hid bus: there is no /dev/uhid on these machines (PROTOCOLS §6).

let scanner: HidPosScanner | null = null;

afterEach(async () => {
  await scanner?.close();
  scanner = null;
});

interface Rig {
  bus: FakeHidBus;
  device: FakeHidPosScanner;
  scanner: HidPosScanner;
  labels: Collected<ScanData>;
  errors: Collected<Error>;
}

async function rig(driver: Partial<HidPosScannerOptions> = {}, fake: FakeHidPosScannerOptions = {}, plugIn = true): Promise<Rig> {
  const bus = new FakeHidBus();
  const device = new FakeHidPosScanner(bus, fake);
  if (plugIn) device.plugIn();
  scanner = new HidPosScanner({
    name: 'Hand scanner',
    vendorId: device.vendorId,
    productId: device.productId,
    reconnect: { initialMs: 10, maxMs: 40 },
    presenceCheckMs: 20,
    quietMs: 20,
    hid: bus,
    ...driver,
  });
  const labels = collect<ScannerEvents, 'data'>(scanner, 'data');
  const errors = collect<ScannerEvents, 'error'>(scanner, 'error');
  await scanner.open();
  await scanner.claim();
  await scanner.enable();
  return { bus, device, scanner, labels, errors };
}

const online = (device: HidPosScanner): Promise<unknown> => nextEvent<ScannerEvents, 'status'>(device, 'status', (status) => status.state === 'online');
const offline = (device: HidPosScanner): Promise<ScannerEvents['status']> =>
  nextEvent<ScannerEvents, 'status'>(device, 'status', (status) => status.state === 'offline');

/** Plugs the fake scanner (back) in, waits for the driver to find it, and reads one label through it. */
async function plugInAndRead({ device, scanner: driver, labels }: Pick<Rig, 'device' | 'scanner' | 'labels'>, code: string): Promise<void> {
  const up = online(driver);
  device.plugIn();
  await up;
  expect(driver.openPath).toBe(device.path);
  const before = labels.items.length;
  await device.scan(code);
  expect((await labels.take(before + 1))[before]?.code).toBe(code);
}

describe('fake HID POS scanner', () => {
  it('sends the golden EAN-13 report of PROTOCOLS §1.2 byte for byte', () => {
    const device = new FakeHidPosScanner(new FakeHidBus());
    const golden = Buffer.alloc(64);
    Buffer.from('020d5d453034303036333831333333393331', 'hex').copy(golden);
    golden[61] = 0x64;
    expect(device.reports('4006381333931')).toEqual([golden]);
  });

  it('splits a 60-byte label into a full report with the continuation bit and one with the rest', () => {
    const device = new FakeHidPosScanner(new FakeHidBus());
    const [first, second, ...more] = device.reports('x'.repeat(60), { aim: ']Q1' });
    expect(more).toEqual([]);
    expect([first?.[1], first?.[63], second?.[1], second?.[63]]).toEqual([0x38, 0x01, 0x04, 0x00]);
  });

  it('behaves like node-hid HIDAsync: read() without a data listener, output reports recorded, failure on unplug', async () => {
    const bus = new FakeHidBus();
    const device = new FakeHidPosScanner(bus, { keyboardInterface: true });
    const path = device.plugIn();
    expect((await bus.devices()).map(({ path: at, usagePage, usage }) => ({ at, usagePage, usage }))).toEqual([
      { at: '/dev/hidraw0', usagePage: 0x8c, usage: 0x02 },
      { at: '/dev/hidraw1', usagePage: 0x01, usage: 0x06 },
    ]);
    const handle = await bus.open(path);
    await device.scan('96385074');
    expect(await handle.read(1000)).toEqual(device.reports('96385074')[0]);
    expect(await handle.read(5)).toBeUndefined();
    expect(await handle.write([0xfd, 0x03, 0x16, 0x07, 0x0d])).toBe(5);
    expect(device.outputReports).toEqual([Buffer.from([0xfd, 0x03, 0x16, 0x07, 0x0d])]);
    const failed = new Promise<unknown>((resolve) => handle.once('error', resolve));
    device.unplug();
    expect(await failed).toEqual(new Error('could not read from HID device'));
    await expect(handle.write([0x04])).rejects.toThrow(/Cannot write/);
    await expect(bus.open(path)).rejects.toThrow(`cannot open device with path ${path}`);
    expect(await bus.devices()).toEqual([]);
  });
});

describe('HID POS scanner driver', () => {
  it('opens the scanner by vendor and product id and reads an EAN-13 with its symbology', async () => {
    const { device, scanner: driver, labels } = await rig();
    expect(driver.status()).toMatchObject({ state: 'online', detail: expect.stringContaining(`ready on ${device.path} (0c2e:0b07`) });
    await device.scan('4006381333931');
    expect(await labels.take(1)).toEqual([{ code: '4006381333931', symbology: 'ean-13', aim: ']E0', source: 'scanner', device: 'Hand scanner' }]);
  });

  it('reads UPC-A (sent as 13 digits under ]E0) as its 12-digit code, and Code 128', async () => {
    const { device, labels } = await rig();
    await device.scan('036000291452');
    await device.scan('LANE-7');
    expect((await labels.take(2)).map(({ code, symbology }) => ({ code, symbology }))).toEqual([
      { code: '036000291452', symbology: 'upc-a' },
      { code: 'LANE-7', symbology: 'code-128' },
    ]);
  });

  it('puts a long 2D label back together from several reports', async () => {
    const { device, labels } = await rig();
    const url = `https://id.gs1.org/01/09506000134352/10/${'ABC123'.repeat(20)}`;
    expect(device.reports(url, { aim: ']Q1' }).length).toBeGreaterThan(2);
    await device.scan(url, { aim: ']Q1' });
    await device.scan('96385074');
    expect((await labels.take(2)).map(({ code, symbology }) => ({ code, symbology }))).toEqual([
      { code: url, symbology: 'qr' },
      { code: '96385074', symbology: 'ean-8' },
    ]);
  });

  it('reads the Microscan layout, a label that exactly fills its reports included', async () => {
    const { device, labels } = await rig({ layout: 'microscan' }, { layout: 'microscan', vendorId: 0x0ac8, productId: 0x0001 });
    const exact = `]C0${'7'.repeat(121)}`; // 124 bytes: two full reports, no short one to end it
    await device.scan('4006381333931');
    await device.scan(exact.slice(3), { aim: ']C0' });
    expect((await labels.take(2)).map(({ code, symbology }) => ({ code, symbology }))).toEqual([
      { code: '4006381333931', symbology: 'ean-13' },
      { code: '7'.repeat(121), symbology: 'code-128' },
    ]);
  });

  it('picks the HID POS interface of a scanner that also enumerates as a keyboard', async () => {
    const { bus, device, labels } = await rig({}, { keyboardInterface: true });
    expect((await bus.devices()).map((info) => info.usagePage)).toEqual([0x8c, 0x01]);
    await device.scan('4006381333931');
    expect((await labels.take(1))[0]?.code).toBe('4006381333931');
  });

  it('says a scanner in keyboard mode must be switched to HID POS, and keeps looking', async () => {
    const { scanner: driver } = await rig({}, { mode: 'keyboard' });
    expect(driver.status()).toMatchObject({
      state: 'error',
      detail: expect.stringMatching(/no HID POS interface \(usage page 0x8c; found 0x1\).*HID POS mode.*reconnecting/),
    });
  });

  it('asks for a serial number when two scanners of the same model are plugged in, and takes the one named', async () => {
    const bus = new FakeHidBus();
    const left = new FakeHidPosScanner(bus, { serialNumber: 'LEFT-1' });
    const right = new FakeHidPosScanner(bus, { serialNumber: 'RIGHT-2' });
    left.plugIn();
    right.plugIn();
    expect(chooseScanner(await bus.devices(), { vendorId: 0x0c2e, productId: 0x0b07 })).toMatchObject({
      ok: false,
      state: 'error',
      detail: expect.stringMatching(/2 devices match .*\(LEFT-1, RIGHT-2\): add serialNumber or path/),
    });
    const { labels } = await rig({ serialNumber: 'RIGHT-2', hid: bus }, {}, false);
    await left.scan('036000291452');
    await right.scan('4006381333931');
    expect((await labels.take(1))[0]?.code).toBe('4006381333931');
    expect(labels.items).toHaveLength(1);
  });

  it('reports an unplugged scanner offline, finds it again under its new hidraw path, and reads on', async () => {
    const setup = await rig();
    const firstPath = setup.device.path;
    const down = offline(setup.scanner);
    setup.device.unplug();
    const [status] = await down;
    expect(status.detail).toMatch(new RegExp(`disconnected from ${firstPath} \\(read error: could not read from HID device\\)`));
    await plugInAndRead(setup, '4006381333931');
    expect(setup.device.path).not.toBe(firstPath);
  });

  it('notices a scanner that vanishes without a read error through the device list', async () => {
    const setup = await rig();
    const down = offline(setup.scanner);
    setup.device.unplug({ silent: true });
    expect((await down)[0].detail).toMatch(/gone from the HID device list/);
    await plugInAndRead(setup, '96385074');
  });

  it('opens a scanner given by path once that path appears', async () => {
    const bus = new FakeHidBus();
    const device = new FakeHidPosScanner(bus);
    const { scanner: driver, labels } = await rig({ path: '/dev/hidraw0', vendorId: undefined, productId: undefined, hid: bus }, {}, false);
    expect(driver.status()).toMatchObject({ state: 'offline', detail: expect.stringMatching(/\/dev\/hidraw0 not found.*reconnecting/) });
    await plugInAndRead({ device, scanner: driver, labels }, '036000291452');
    expect(device.path).toBe('/dev/hidraw0');
  });

  it.each([
    ['Permission denied', 'error', /no permission to open \/dev\/hidraw0 \(on Linux a udev rule.*reconnecting/],
    ['No such file or directory', 'offline', /\/dev\/hidraw0 vanished before it could be opened.*reconnecting/],
    ['Device or resource busy', 'error', /cannot open \/dev\/hidraw0: .*busy; reconnecting/],
  ])('reports a scanner it cannot open (%s) naming the path', async (reason, state, detail) => {
    const bus = new FakeHidBus();
    new FakeHidPosScanner(bus).plugIn();
    // hidapi's wording, errno text included (node-hid 3.4 on hidraw).
    const failing: HidBackend = {
      devices: () => bus.devices(),
      open: (path) => Promise.reject(new Error(`cannot open device with path ${path}: Failed to open a device with path '${path}': ${reason}`)),
    };
    const { scanner: driver } = await rig({ hid: failing }, {}, false);
    expect(driver.status()).toMatchObject({ state, detail: expect.stringMatching(detail) });
  });

  it('delivers nothing while disabled, not even the end of a label begun then, and reads again once enabled', async () => {
    const { device, scanner: driver, labels } = await rig();
    await driver.disable();
    expect(driver.status()).toMatchObject({ state: 'off', detail: 'disabled' });
    await device.scan('4006381333931');
    const [first, second] = device.reports('y'.repeat(60), { aim: ']Q1' });
    if (!first || !second) throw new Error('a 60-byte label takes two reports');
    await device.send([first]);
    await driver.enable();
    await device.send([second]);
    await device.scan('036000291452');
    expect((await labels.take(1)).map((label) => label.code)).toEqual(['036000291452']);
    expect(labels.items).toHaveLength(1);
  });

  it('reports unreadable reports and labels by name, and reads the next good label', async () => {
    const { device, labels, errors } = await rig();
    const foreign = Buffer.alloc(64);
    foreign[0] = 0x04;
    await device.send([foreign]);
    await device.scan('4006381333932', { aim: ']E0' }); // wrong check digit
    await device.scan('4006381333931');
    expect((await labels.take(1))[0]?.code).toBe('4006381333931');
    const reported = await errors.take(2);
    expect(reported[0]?.message).toMatch(/unreadable HID report on \/dev\/hidraw0: report ID 0x04/);
    expect(reported[1]?.message).toMatch(/check digit/);
  });

  it('stops looking for the scanner once closed', async () => {
    const bus = new FakeHidBus();
    let enumerations = 0;
    const counting: HidBackend = {
      devices: () => {
        enumerations += 1;
        return bus.devices();
      },
      open: (path) => bus.open(path),
    };
    const { scanner: driver } = await rig({ hid: counting, reconnect: { initialMs: 5, maxMs: 5 } }, {}, false);
    await expect.poll(() => enumerations, { timeout: 2000 }).toBeGreaterThan(1); // it is retrying
    await driver.close();
    const before = enumerations;
    const device = new FakeHidPosScanner(bus);
    device.plugIn();
    // A negative can only be shown over time: twenty 5 ms retry periods.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(enumerations).toBe(before);
    expect(device.openHandles).toBe(0);
    expect(driver.status()).toMatchObject({ state: 'off', detail: 'closed' });
  });

  it('closes the HID handle on release', async () => {
    const { device, scanner: driver } = await rig();
    expect(device.openHandles).toBe(1);
    await driver.release();
    expect(device.openHandles).toBe(0);
    expect(driver.status()).toMatchObject({ state: 'off' });
  });

  it('refuses bad options with the name of the field', () => {
    expect(() => new HidPosScanner({ name: 'x' })).toThrow(/path: give the scanner by path or by vendorId and productId/);
    expect(() => new HidPosScanner({ name: 'x', vendorId: 0x0c2e })).toThrow(/productId: vendorId and productId go together/);
    expect(() => new HidPosScanner({ name: 'x', vendorId: 0x10000, productId: 1 })).toThrow(/vendorId/);
    expect(() => new HidPosScanner({ name: '', path: '/dev/hidraw0' })).toThrow(/name/);
  });
});
