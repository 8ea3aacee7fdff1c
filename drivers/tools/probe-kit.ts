import type { Device, DeviceEvents, DeviceKind } from '../device.ts';

// What every probe shares: the lifecycle run (open, claim, enable, print, close) and the parsing
// of the flags several probes take. A probe for one protocol lives in its kind's module.

/** A command-line value that is wrong; the message names the flag. */
export class ProbeUsageError extends Error {
  override readonly name = 'ProbeUsageError';
}

/** One JSON line of probe output. */
export type ProbeLine = { readonly event: string } & Readonly<Record<string, unknown>>;

/**
 * The flags given for a probe (without their dashes), each once, as strings. A switch (a flag
 * without a value, such as --pulse) is present as 'yes' when given and absent otherwise.
 */
export type ProbeFlags = Readonly<Record<string, string | undefined>>;

export type Print = (line: ProbeLine) => void;

export interface Probe {
  readonly kind: DeviceKind;
  readonly protocol: string;
  /** The flags this probe takes besides --kind, --protocol and --port, with a short help each. */
  readonly flags: Readonly<Record<string, string>>;
  /** Flags without a value that make the probe act on the device (--pulse), with a short help each. */
  readonly switches: Readonly<Record<string, string>>;
  /**
   * Builds the device's real driver from the port and flags (throwing ProbeUsageError for a bad
   * value) and returns the run: open, print what the device reports until `signal` aborts, close.
   */
  prepare(port: string, flags: ProbeFlags): (print: Print, signal: AbortSignal) => Promise<void>;
}

/** A driver built for probing, and what the probe does with it besides printing its events. */
export interface Probing<T> {
  readonly device: Device<DeviceEvents<T>>;
  /**
   * Work alongside the lifecycle, such as printing a Magellan's labels or asking a payment
   * terminal for its status whenever it comes online. It starts before the device is opened (so
   * it sees every event) and must end, without throwing, once `signal` aborts.
   */
  drive?(print: Print, signal: AbortSignal): Promise<void>;
}

interface ProbeDefinition<T> {
  readonly kind: DeviceKind;
  readonly protocol: string;
  readonly flags: Readonly<Record<string, string>>;
  readonly switches?: Readonly<Record<string, string>>;
  /** Builds the driver; throws ProbeUsageError (or the driver's TypeError) for a bad flag value. */
  create(port: string, flags: ProbeFlags): Probing<T>;
  /** One line for one piece of data (a label, a reading). */
  report(data: T): ProbeLine;
}

/** Resolves once `signal` aborts. */
export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Wraps a definition in the lifecycle every probe shares: open, claim, enable, print, close. */
export function defineProbe<T>(definition: ProbeDefinition<T>): Probe {
  return {
    kind: definition.kind,
    protocol: definition.protocol,
    flags: definition.flags,
    switches: definition.switches ?? {},
    prepare: (port, flags) => {
      const probing = definition.create(port, flags);
      return (print, signal) => run(probing, print, signal);
    },
  };

  async function run({ device, drive }: Probing<T>, print: Print, signal: AbortSignal): Promise<void> {
    device.on('status', (status) => print({ event: 'status', state: status.state, detail: status.detail }));
    device.on('error', (error) => print({ event: 'error', message: error.message }));
    device.on('data', (data) => print(definition.report(data)));
    const driving = (drive?.(print, signal) ?? Promise.resolve()).catch((error: unknown) => print({ event: 'error', message: messageOf(error) }));
    try {
      await device.open();
      await device.claim();
      await device.enable();
      await Promise.all([aborted(signal), driving]);
    } finally {
      await device.close();
    }
  }
}

/** Resolves once `device` reports itself online (at once if it is), or with false when `signal` aborts first. */
export function online(device: Device<DeviceEvents<unknown>>, signal: AbortSignal): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    if (signal.aborted) return resolve(false);
    if (device.status().state === 'online') return resolve(true);
    const listener = (status: { state: string }): void => {
      if (status.state !== 'online') return;
      finish(true);
    };
    const onAbort = (): void => finish(false);
    const finish = (value: boolean): void => {
      device.off('status', listener);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    device.on('status', listener);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// Flag parsing shared by the probes.

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ProbeUsageError(`--${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
}

/** A whole number from `min` to `max`, or undefined when the flag is absent. */
export function wholeNumber(flags: ProbeFlags, flag: string, min: number, max: number): number | undefined {
  const value = flags[flag];
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ProbeUsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
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

/**
 * `--port` of a device reachable by serial or TCP: `tcp:HOST:PORT` (the TCP port may be left
 * out where the device has a usual one), otherwise a serial device path. Serial line flags
 * make no sense for TCP and are refused.
 */
export function serialOrTcpPort(port: string, flags: ProbeFlags, usualTcpPort?: number): { tcp: { host: string; port: number } } | { path: string } {
  if (!port.startsWith('tcp:')) return { path: port };
  const parts = /^tcp:([^\s:/]+)(?::([0-9]{1,5}))?$/.exec(port);
  const tcpPort = parts?.[2] === undefined ? usualTcpPort : Number(parts[2]);
  if (!parts?.[1] || tcpPort === undefined || tcpPort < 1 || tcpPort > 65535) {
    const form = usualTcpPort === undefined ? 'tcp:HOST:PORT' : `tcp:HOST[:PORT] (PORT ${usualTcpPort} when left out)`;
    throw new ProbeUsageError(`--port over the network is ${form} with PORT from 1 to 65535, such as tcp:192.168.1.50:${usualTcpPort ?? 10009}, got "${port}"`);
  }
  const serialOnly = Object.keys(serialLineFlags).filter((flag) => flags[flag] !== undefined);
  if (serialOnly.length > 0) throw new ProbeUsageError(`--${serialOnly[0]} applies to a serial port, not to ${port}`);
  return { tcp: { host: parts[1], port: tcpPort } };
}
