import { describe, expect, it } from 'vitest';
import { describeHidDevice, describeSerialPort } from '../../../drivers/tools/device-list.ts';
import { hidPort, ProbeUsageError, serialLine } from '../../../drivers/tools/probes.ts';

const hid = { release: 0x0100, interface: 0 };

describe('what the device list guesses a device is', () => {
  it('takes usage page 0x8C for a HID POS scanner and prints ids as lsusb does', () => {
    expect(
      describeHidDevice({ ...hid, vendorId: 0x0c2e, productId: 0x0b07, path: '/dev/hidraw3', usagePage: 0x8c, usage: 0x02, product: 'Area-Imaging Scanner' }),
    ).toEqual({
      bus: 'hid',
      path: '/dev/hidraw3',
      vendorId: '0c2e',
      productId: '0b07',
      serialNumber: null,
      manufacturer: null,
      product: 'Area-Imaging Scanner',
      interface: 0,
      usagePage: '0x8c',
      usage: '0x02',
      kind: 'scanner',
      protocol: 'hid-pos',
    });
  });

  it('takes usage page 0x8D for a scale, and 16c0:05df for a USB relay board driving a gate', () => {
    expect(describeHidDevice({ ...hid, vendorId: 0x1234, productId: 0x0001, usagePage: 0x8d, usage: 0x20 })).toMatchObject({ kind: 'scale', protocol: null });
    expect(describeHidDevice({ ...hid, vendorId: 0x16c0, productId: 0x05df, product: 'USBRelay2', usagePage: 0xff00 })).toMatchObject({
      kind: 'gate',
      protocol: 'usb-relay',
    });
  });

  it('points out a scanner left in keyboard mode, and guesses nothing for an ordinary keyboard', () => {
    expect(describeHidDevice({ ...hid, vendorId: 0x0c2e, productId: 0x0b01, usagePage: 0x01, usage: 0x06 })).toMatchObject({
      kind: 'scanner',
      protocol: null,
      note: expect.stringMatching(/keyboard \(wedge\) mode: switch it to HID POS/),
    });
    expect(describeHidDevice({ ...hid, vendorId: 0x046d, productId: 0xc31c, usagePage: 0x01, usage: 0x06 })).toMatchObject({ kind: null, protocol: null });
  });

  it('lists a serial port with normalised ids, and a scanner maker\'s CDC port as a serial scanner', () => {
    expect(describeSerialPort({ path: '/dev/ttyS0' })).toEqual({
      bus: 'serial',
      path: '/dev/ttyS0',
      vendorId: null,
      productId: null,
      serialNumber: null,
      manufacturer: null,
      kind: null,
      protocol: null,
    });
    expect(describeSerialPort({ path: '/dev/ttyACM0', vendorId: '0C2E', productId: '901', manufacturer: 'Honeywell' })).toMatchObject({
      vendorId: '0c2e',
      productId: '0901',
      kind: 'scanner',
      protocol: 'serial',
    });
  });
});

describe('probe flags', () => {
  it('reads a HID port as vid:pid or a path', () => {
    expect(hidPort('0C2E:0b07')).toEqual({ vendorId: 0x0c2e, productId: 0x0b07 });
    expect(hidPort('/dev/hidraw0')).toEqual({ path: '/dev/hidraw0' });
    expect(() => hidPort('hidraw0')).toThrow(ProbeUsageError);
  });

  it('reads serial line settings and names the flag that is wrong', () => {
    expect(serialLine({ baud: '19200', 'data-bits': '7', parity: 'even', 'stop-bits': '2' })).toEqual({ baudRate: 19200, dataBits: 7, parity: 'even', stopBits: 2 });
    expect(serialLine({})).toEqual({});
    expect(() => serialLine({ baud: '0' })).toThrow(/--baud/);
    expect(() => serialLine({ 'data-bits': '9' })).toThrow(/--data-bits must be one of 7, 8, got "9"/);
    expect(() => serialLine({ 'stop-bits': '1.5' })).toThrow(/--stop-bits/);
  });
});
