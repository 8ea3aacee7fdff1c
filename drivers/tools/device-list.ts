import type { DeviceKind } from '../device.ts';
import { hex4, type HidDeviceInfo } from '../hid/hid-backend.ts';

/** What `SerialPort.list()` reports of a port (PROTOCOLS §7.1); ids are hex strings there. */
export interface SerialPortInfo {
  readonly path: string;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
}

/** One line of `npm run devices -- list`, with a guess of what the device is. */
export interface ListedDevice {
  readonly bus: 'serial' | 'hid';
  readonly path: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
  readonly serialNumber: string | null;
  readonly manufacturer: string | null;
  readonly product?: string | null;
  readonly interface?: number;
  readonly usagePage?: string | null;
  readonly usage?: string | null;
  readonly kind: DeviceKind | null;
  /** The protocol name to try in the lane config and `probe`, when the guess is good enough. */
  readonly protocol: string | null;
  readonly note?: string;
}

/** USB vendors that make barcode scanners (and nothing else a lane plugs in by USB). */
const SCANNER_VENDORS: Readonly<Record<string, string>> = {
  '0c2e': 'Honeywell (Hand Held Products, Metrologic)',
  '05e0': 'Zebra (Symbol)',
  '05f9': 'Datalogic (PSC)',
};

const HID_PAGE_SCANNER = 0x8c;
const HID_PAGE_SCALE = 0x8d;
const HID_PAGE_GENERIC_DESKTOP = 0x01;
const HID_USAGE_KEYBOARD = 0x06;

function normaliseHex(id: string | undefined): string | null {
  if (id === undefined || !/^(0x)?[0-9a-fA-F]{1,4}$/.test(id)) return null;
  return hex4(Number.parseInt(id.replace(/^0x/, ''), 16));
}

function hexUsage(value: number | undefined, width: number): string | null {
  return value === undefined ? null : `0x${value.toString(16).padStart(width, '0')}`;
}

export function describeSerialPort(port: SerialPortInfo): ListedDevice {
  const vendorId = normaliseHex(port.vendorId);
  const scannerMaker = vendorId === null ? undefined : SCANNER_VENDORS[vendorId];
  return {
    bus: 'serial',
    path: port.path,
    vendorId,
    productId: normaliseHex(port.productId),
    serialNumber: port.serialNumber ?? null,
    manufacturer: port.manufacturer ?? null,
    kind: scannerMaker ? 'scanner' : null,
    protocol: scannerMaker ? 'serial' : null,
    ...(scannerMaker ? { note: `${scannerMaker} in USB serial (CDC) mode` } : {}),
  };
}

export function describeHidDevice(device: HidDeviceInfo): ListedDevice {
  const vendorId = hex4(device.vendorId);
  const productId = hex4(device.productId);
  const guess = guessHidKind(device, vendorId, productId);
  return {
    bus: 'hid',
    path: device.path ?? null,
    vendorId,
    productId,
    serialNumber: device.serialNumber ?? null,
    manufacturer: device.manufacturer ?? null,
    product: device.product ?? null,
    interface: device.interface,
    usagePage: hexUsage(device.usagePage, 2),
    usage: hexUsage(device.usage, 2),
    ...guess,
  };
}

function guessHidKind(device: HidDeviceInfo, vendorId: string, productId: string): Pick<ListedDevice, 'kind' | 'protocol' | 'note'> {
  if (device.usagePage === HID_PAGE_SCANNER) return { kind: 'scanner', protocol: 'hid-pos' };
  if (device.usagePage === HID_PAGE_SCALE) return { kind: 'scale', protocol: null, note: 'HID POS scale (usage page 0x8d)' };
  // The V-USB shared id the common USB relay boards use (PROTOCOLS §8, item 10).
  if ((vendorId === '16c0' && productId === '05df') || /relay/i.test(device.product ?? '')) return { kind: 'gate', protocol: 'usb-relay' };
  const maker = SCANNER_VENDORS[vendorId];
  if (maker && device.usagePage === HID_PAGE_GENERIC_DESKTOP && device.usage === HID_USAGE_KEYBOARD) {
    return { kind: 'scanner', protocol: null, note: `${maker} in keyboard (wedge) mode: switch it to HID POS to use protocol hid-pos` };
  }
  return { kind: null, protocol: null };
}
