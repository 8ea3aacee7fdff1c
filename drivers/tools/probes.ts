import type { Device, DeviceEvents, DeviceKind } from '../device.ts';
import { HidPosScanner } from '../scanner/hid-pos.ts';
import type { ScanData } from '../scanner/scan-data.ts';
import { SerialScanner } from '../scanner/serial-scanner.ts';

// What `npm run devices -- probe` can open. A new driver is one more entry in `probes` below
// (kind, protocol, its flags, how to build it from them, how to print what it reports).

/** A command-line value that is wrong; the message names the flag. */
export class ProbeUsageError extends Error {
  override readonly name = 'ProbeUsageError';
}

/** One JSON line of probe output. */
export type ProbeLine = { readonly event: string } & Readonly<Record<string, unknown>>;

/** The flags given for a probe (without their dashes), each once, as strings. */
export type ProbeFlags = Readonly<Record<string, string | undefined>>;

export interface Probe {
  readonly kind: DeviceKind;
  readonly protocol: string;
  /** The flags this probe takes besides --kind, --protocol and --port, with a short help each. */
  readonly flags: Readonly<Record<string, string>>;
  /**
   * Builds the device's real driver from the port and flags (throwing ProbeUsageError for a bad
   * value) and returns the run: open, print what the device reports until `signal` aborts, close.
   */
  prepare(port: string, flags: ProbeFlags): (print: (line: ProbeLine) => void, signal: AbortSignal) => Promise<void>;
}

interface ProbeDefinition<T> {
  readonly kind: DeviceKind;
  readonly protocol: string;
  readonly flags: Readonly<Record<string, string>>;
  /** Builds the driver; throws ProbeUsageError for a bad flag value. */
  create(port: string, flags: ProbeFlags): Device<DeviceEvents<T>>;
  /** One line for one piece of data (a label, a reading). */
  report(data: T): ProbeLine;
  /** Work after enabling, such as polling a scale that only answers when asked; ends with `signal`. */
  drive?(device: Device<DeviceEvents<T>>, print: (line: ProbeLine) => void, signal: AbortSignal): Promise<void>;
}

/** Wraps a definition in the lifecycle every probe shares: open, claim, enable, print, close. */
export function defineProbe<T>(definition: ProbeDefinition<T>): Probe {
  return {
    kind: definition.kind,
    protocol: definition.protocol,
    flags: definition.flags,
    prepare: (port, flags) => {
      const device = definition.create(port, flags);
      return (print, signal) => run(device, print, signal);
    },
  };

  async function run(device: Device<DeviceEvents<T>>, print: (line: ProbeLine) => void, signal: AbortSignal): Promise<void> {
    device.on('status', (status) => print({ event: 'status', state: status.state, detail: status.detail }));
    device.on('error', (error) => print({ event: 'error', message: error.message }));
    device.on('data', (data) => print(definition.report(data)));
    const stopped = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    try {
      await device.open();
      await device.claim();
      await device.enable();
      await Promise.all([stopped, definition.drive?.(device, print, signal)]);
    } finally {
      await device.close();
    }
  }
}

// Flag parsing shared by the serial probes (scales, payment and gates over RS-232 use it too).

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ProbeUsageError(`--${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
}

/** Serial line settings from --baud, --data-bits, --parity and --stop-bits; absent flags keep the driver's defaults. */
export function serialLine(flags: ProbeFlags): { baudRate?: number; dataBits?: 7 | 8; parity?: 'none' | 'even' | 'odd'; stopBits?: 1 | 2 } {
  const line: { baudRate?: number; dataBits?: 7 | 8; parity?: 'none' | 'even' | 'odd'; stopBits?: 1 | 2 } = {};
  if (flags.baud !== undefined) {
    if (!/^[1-9][0-9]{1,6}$/.test(flags.baud)) throw new ProbeUsageError(`--baud must be a whole number of bits per second such as 9600, got "${flags.baud}"`);
    line.baudRate = Number(flags.baud);
  }
  if (flags['data-bits'] !== undefined) line.dataBits = oneOf('data-bits', flags['data-bits'], ['7', '8']) === '7' ? 7 : 8;
  if (flags.parity !== undefined) line.parity = oneOf('parity', flags.parity, ['none', 'even', 'odd'] as const);
  if (flags['stop-bits'] !== undefined) line.stopBits = oneOf('stop-bits', flags['stop-bits'], ['1', '2']) === '1' ? 1 : 2;
  return line;
}

export const serialLineFlags = {
  baud: 'bits per second (default: the driver\'s, e.g. 9600)',
  'data-bits': '7 or 8',
  parity: 'none, even or odd',
  'stop-bits': '1 or 2',
} as const;

/** `--port` of a HID device: a hidraw (or platform) path, or `vid:pid` in hex. */
export function hidPort(port: string): { path: string } | { vendorId: number; productId: number } {
  const ids = /^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$/.exec(port);
  if (ids) return { vendorId: Number.parseInt(ids[1] ?? '', 16), productId: Number.parseInt(ids[2] ?? '', 16) };
  if (/^(\/|\\\\|IOService:)/.test(port)) return { path: port };
  throw new ProbeUsageError(`--port of a HID device is a path such as /dev/hidraw0, or vid:pid in hex such as 0c2e:0b07, got "${port}"`);
}

const scanLine = (scan: ScanData): ProbeLine => ({ event: 'scan', code: scan.code, symbology: scan.symbology, aim: scan.aim });

const serialScanner = defineProbe<ScanData>({
  kind: 'scanner',
  protocol: 'serial',
  flags: { ...serialLineFlags, prefix: 'text the scanner sends before each label', suffix: 'CR, CRLF, TAB or ETX (default CR)' },
  create(port, flags) {
    const suffix = flags.suffix === undefined ? undefined : oneOf('suffix', flags.suffix, ['CR', 'CRLF', 'TAB', 'ETX'] as const);
    return new SerialScanner({ name: 'probe', path: port, ...serialLine(flags), prefix: flags.prefix, suffix });
  },
  report: scanLine,
});

const hidPosScanner = defineProbe<ScanData>({
  kind: 'scanner',
  protocol: 'hid-pos',
  flags: { 'serial-number': 'which of several scanners of one model', layout: 'honeywell (default, also Access-IS) or microscan' },
  create(port, flags) {
    const layout = flags.layout === undefined ? undefined : oneOf('layout', flags.layout, ['honeywell', 'microscan'] as const);
    return new HidPosScanner({ name: 'probe', ...hidPort(port), serialNumber: flags['serial-number'], layout });
  },
  report: scanLine,
});

/** Every probe this build has, keyed by kind and protocol. */
export const probes: readonly Probe[] = [serialScanner, hidPosScanner];

export function findProbe(kind: string, protocol: string): Probe | undefined {
  return probes.find((probe) => probe.kind === kind && probe.protocol === protocol);
}
