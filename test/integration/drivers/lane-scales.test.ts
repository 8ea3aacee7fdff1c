import { afterEach, describe, expect, it } from 'vitest';
import { MagellanSimulator } from '../../../drivers/sim/magellan-sim.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { DeviceConfigSchema } from '../../../main/terminal/config.ts';
import { startDevices, type LaneDevices } from '../../../main/terminal/devices.ts';
import { createLogger } from '../../../main/terminal/log.ts';
import type { ScanData } from '../../../drivers/scanner/scan-data.ts';

let pair: PtyPair | null = null;
let simulator: MagellanSimulator | null = null;
let devices: LaneDevices | null = null;

afterEach(async () => {
  await devices?.close();
  await simulator?.close();
  await pair?.dispose();
  devices = null;
  simulator = null;
  pair = null;
});

describe('scales in the lane configuration', () => {
  it('gives each scale protocol its own line defaults and the pricing role unless told', () => {
    expect(DeviceConfigSchema.parse({ kind: 'scale', protocol: 'toledo-8217', path: '/dev/ttyS0' })).toMatchObject({
      name: 'Scale',
      role: 'pricing',
      baudRate: 9600,
      dataBits: 7,
      parity: 'even',
      stopBits: 1,
      unit: 'kg',
    });
    expect(DeviceConfigSchema.parse({ kind: 'scale', protocol: 'mt-sics', path: '/dev/ttyUSB0', role: 'bagging' })).toMatchObject({
      role: 'bagging',
      dataBits: 8,
      parity: 'none',
    });
    expect(DeviceConfigSchema.parse({ kind: 'scale', protocol: 'magellan', path: '/dev/ttyS1' })).toMatchObject({
      name: 'Scanner-scale',
      dataBits: 7,
      parity: 'odd',
    });
  });

  it('refuses a scale entry with a wrong role, unit or missing path, naming the field', () => {
    const issue = (value: unknown): string => {
      const parsed = DeviceConfigSchema.safeParse(value);
      return parsed.success ? 'accepted' : (parsed.error.issues[0]?.path ?? []).join('.');
    };
    expect(issue({ kind: 'scale', protocol: 'mt-sics', path: '/dev/x', role: 'security' })).toBe('role');
    expect(issue({ kind: 'scale', protocol: 'toledo-8217', path: '/dev/x', unit: 'g' })).toBe('unit');
    expect(issue({ kind: 'scale', protocol: 'magellan' })).toBe('path');
  });

  it('starts a Magellan scanner-scale with the lane: its labels reach onScan, its weights the scale entry', async () => {
    pair = await PtyPair.open();
    simulator = new MagellanSimulator({ path: pair.simPath, byteTimeMs: 0 });
    await simulator.open();
    const config = DeviceConfigSchema.parse({ kind: 'scale', protocol: 'magellan', path: pair.posPath, role: 'bagging', pollMs: 50 });
    devices = await startDevices([config], createLogger('test', 'silent'));
    expect(devices.scales.map(({ role, scale }) => ({ role, name: scale.name }))).toEqual([{ role: 'bagging', name: 'Scanner-scale' }]);
    expect(devices.statuses()).toEqual([expect.objectContaining({ kind: 'scale', state: 'online' })]);

    const scans: ScanData[] = [];
    devices.onScan((scan) => scans.push(scan));
    await simulator.scan('4006381333931');
    await expect.poll(() => scans.map((scan) => scan.code), { timeout: 5000 }).toEqual(['4006381333931']);
    simulator.platter.place(1500);
    const [lane] = devices.scales;
    expect(await lane?.scale.stableReading(5000)).toMatchObject({ grams: 1500 });
  });
});
