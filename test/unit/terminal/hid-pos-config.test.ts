import { describe, expect, it } from 'vitest';
import { HidPosScanner } from '../../../drivers/scanner/hid-pos.ts';
import { DeviceConfigSchema, loadConfig } from '../../../main/terminal/config.ts';
import { startDevices } from '../../../main/terminal/devices.ts';
import { createLogger } from '../../../main/terminal/log.ts';

describe('a HID POS scanner in the lane configuration', () => {
  it('takes USB ids as numbers or as the hex the device list prints', () => {
    const config = DeviceConfigSchema.parse({ kind: 'scanner', protocol: 'hid-pos', vendorId: '0c2e', productId: '0x0B07', serialNumber: 'A1' });
    expect(config).toEqual({
      kind: 'scanner',
      protocol: 'hid-pos',
      name: 'Scanner',
      vendorId: 0x0c2e,
      productId: 0x0b07,
      serialNumber: 'A1',
      layout: 'honeywell',
    });
    expect(DeviceConfigSchema.parse({ kind: 'scanner', protocol: 'hid-pos', path: '/dev/hidraw2', layout: 'microscan' })).toMatchObject({
      path: '/dev/hidraw2',
      layout: 'microscan',
    });
  });

  it('is refused with the field named when it says neither which device nor a valid id', () => {
    const env = (devices: unknown): NodeJS.ProcessEnv => ({ TERMINAL_DEVICES: JSON.stringify(devices), TERMINAL_DATA_DIR: '/nonexistent-terminal-data' });
    expect(() => loadConfig({ env: env([{ kind: 'scanner', protocol: 'hid-pos', vendorId: '0c2e' }]) })).toThrow(
      /TERMINAL_DEVICES: 0\.vendorId: give vendorId and productId, or path/,
    );
    expect(() => loadConfig({ env: env([{ kind: 'scanner', protocol: 'hid-pos', vendorId: 'c2e', productId: '0b07' }]) })).toThrow(
      /0\.vendorId: .*4 hex digits/,
    );
    expect(() => loadConfig({ env: env([{ kind: 'scanner', protocol: 'hid-pos', path: '/dev/hidraw0', layout: 'zebra' }]) })).toThrow(/0\.layout/);
  });

  it('starts as a HID POS scanner that reports itself offline while it is not plugged in, and the lane goes on', async () => {
    const config = DeviceConfigSchema.parse({ kind: 'scanner', protocol: 'hid-pos', name: 'Counter scanner', vendorId: 0xfffe, productId: 0xfffd });
    const devices = await startDevices([config], createLogger('test', 'silent'));
    try {
      expect(devices.scanners[0]).toBeInstanceOf(HidPosScanner);
      expect(devices.statuses()).toEqual([
        { name: 'Counter scanner', kind: 'scanner', state: 'offline', detail: 'HID POS scanner fffe:fffd not found (unplugged?); reconnecting' },
      ]);
    } finally {
      await devices.close();
    }
  });
});
