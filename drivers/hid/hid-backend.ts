/** One HID interface as node-hid enumerates it (PROTOCOLS §7.2); hidraw reports usagePage/usage on Linux. */
export interface HidDeviceInfo {
  readonly vendorId: number;
  readonly productId: number;
  readonly path?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly product?: string | undefined;
  readonly release: number;
  readonly interface: number;
  readonly usagePage?: number | undefined;
  readonly usage?: number | undefined;
}

/** The part of node-hid's `HIDAsync` the drivers use: input reports as `data`, output and feature reports. */
export interface HidConnection {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event?: 'data' | 'error'): unknown;
  /** An output report; the first byte is the report id (0 when the device does not number its reports). */
  write(values: number[] | Buffer): Promise<number>;
  sendFeatureReport(values: number[] | Buffer): Promise<number>;
  /** A feature report read from the device (some backends put the report id in front). */
  getFeatureReport(reportId: number, reportLength: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** Enumerates and opens HID devices: node-hid in production, a fake in tests (there is no /dev/uhid here). */
export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidConnection>;
}

let library: Promise<typeof import('node-hid')> | null = null;

/** Loaded on first use, so a lane without HID devices never loads the native library. */
function loadNodeHid(): Promise<typeof import('node-hid')> {
  library ??= import('node-hid').then((module) => module.default);
  return library;
}

/** node-hid 3 through its asynchronous API, so enumeration and reads never block the main process. */
export const nodeHid: HidBackend = {
  devices: async () => (await loadNodeHid()).devicesAsync(),
  open: async (path) => (await loadNodeHid()).HIDAsync.open(path),
};

/** `0c2e:0b87`, as lsusb and the device list print USB ids. */
export function usbId(vendorId: number, productId: number): string {
  return `${hex4(vendorId)}:${hex4(productId)}`;
}

export function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}

/** Closes a handle whatever its state; bounded, because a device that vanished may never answer. */
export async function closeHidQuietly(handle: HidConnection): Promise<void> {
  handle.removeAllListeners('data');
  handle.removeAllListeners('error');
  handle.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    handle.close().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 1000);
    }),
  ]);
  clearTimeout(timer);
}
