import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceEvents } from '../../../drivers/device.ts';
import type { ScanData } from '../../../drivers/scanner/scan-data.ts';
import { SerialScanner } from '../../../drivers/scanner/serial-scanner.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { SerialScannerSimulator } from '../../../drivers/sim/serial-scanner-sim.ts';
import { nextEvent } from '../../support/events.ts';

type ScannerEvents = DeviceEvents<ScanData>;

// Back-off and presence polling far longer than any wait below: only the plug events can be why
// the scanner goes offline or comes back in time.
const SLOW = { reconnect: { initialMs: 600_000, maxMs: 600_000 }, presenceCheckMs: 600_000 } as const;

let pair: PtyPair | null = null;
let scanner: SerialScanner | null = null;
let simulator: SerialScannerSimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  await scanner?.close();
  await pair?.dispose();
  pair = null;
  scanner = null;
  simulator = null;
});

describe('a serial scanner on a port path that comes and goes (socat links)', () => {
  it('is offline the moment its port path disappears, and back the moment it reappears, without waiting for its back-off', async () => {
    pair = await PtyPair.open();
    simulator = new SerialScannerSimulator({ path: pair.simPath, suffix: '\r' });
    await simulator.open();
    const device = new SerialScanner({ name: 'Hand scanner', path: pair.posPath, ...SLOW });
    scanner = device;
    await device.open();
    await device.claim();
    await device.enable();
    expect(device.status().state).toBe('online');

    const gone = nextEvent<ScannerEvents, 'status'>(device, 'status', (status) => status.state === 'offline');
    await simulator.close();
    await pair.kill();
    const [offline] = await gone;
    expect(offline.detail).toMatch(/disappeared|unplugged/);

    const back = nextEvent<ScannerEvents, 'status'>(device, 'status', (status) => status.state === 'online');
    await pair.restart();
    await back;
    await simulator.open();
    const scanned = nextEvent<ScannerEvents, 'data'>(device, 'data');
    await simulator.scan('4006381333931');
    expect((await scanned)[0].code).toBe('4006381333931');
  });

  it('opens at once when its port appears after the lane started without it', async () => {
    pair = await PtyPair.open();
    const posPath = pair.posPath;
    await pair.kill(); // the cable is not there when the lane starts
    const device = new SerialScanner({ name: 'Hand scanner', path: posPath, ...SLOW });
    scanner = device;
    await device.open();
    await device.claim();
    await device.enable();
    expect(device.status()).toMatchObject({ state: 'offline', detail: expect.stringMatching(/not found.*reconnecting$/) as string });
    const online = nextEvent<ScannerEvents, 'status'>(device, 'status', (status) => status.state === 'online');
    await pair.restart();
    await online;
  });
});
