import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { z } from 'zod';
import type { DeviceState } from '../device.ts';

/** Line settings and reconnect timing every serial driver accepts; each protocol sets its own defaults. */
export function serialLineSchema(defaults: { dataBits: 7 | 8; parity: 'none' | 'even' | 'odd' }) {
  return z.object({
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(defaults.dataBits),
    parity: z.enum(['none', 'even', 'odd']).default(defaults.parity),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    reconnect: z
      .object({ initialMs: z.number().int().positive().default(250), maxMs: z.number().int().positive().default(5000) })
      .prefault({}),
    /** How often the device path is checked while online (a killed pty does not signal on reads, PROTOCOLS §6). */
    presenceCheckMs: z.number().int().positive().default(500),
  });
}

export type SerialLineSettings = z.output<ReturnType<typeof serialLineSchema>>;

/** The option fields of `serialLineSchema`, as a driver's caller writes them. */
export interface SerialLineOptions {
  /** The device path, preferably a stable one (`/dev/serial/by-id/…`, a udev symlink, a socat link). */
  readonly path: string;
  readonly baudRate?: number;
  readonly dataBits?: 7 | 8;
  readonly parity?: 'none' | 'even' | 'odd';
  readonly stopBits?: 1 | 2;
  readonly reconnect?: { readonly initialMs?: number; readonly maxMs?: number };
  readonly presenceCheckMs?: number;
}

/** Parses driver options with zod, naming the first wrong field the way every driver does. */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`${what} options: ${(issue?.path ?? []).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export interface SerialLinkHandlers {
  /** Bytes read from the open port. */
  data(chunk: Buffer): void;
  /** The link came up (`online`) or went down (`offline`/`error`), with a human detail. */
  link(state: Exclude<DeviceState, 'off'>, detail: string): void;
}

/** A write on a link that is down, or a write the port refused. */
export class SerialLinkDownError extends Error {
  override readonly name = 'SerialLinkDownError';
}

/**
 * One serial port that should stay open while a driver holds it: opened on `start`, watched for
 * unplug (a `close` or `error`, a failed write, the device path gone or leading to another
 * device), and reopened with exponential back-off until `stop`.
 */
export class SerialLink {
  readonly path: string;
  readonly #settings: SerialLineSettings;
  readonly #handlers: SerialLinkHandlers;
  #port: SerialPort | null = null;
  /** True between start and stop: the port should be open. */
  #wanted = false;
  /** Bumped whenever the port is given up, so a late open or check of an old port does nothing. */
  #generation = 0;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | null = null;
  #presenceTimer: NodeJS.Timeout | null = null;
  /** The device number the path led to when the port opened; a replug gives a new one. */
  #device: number | null = null;

  constructor(settings: SerialLineSettings, handlers: SerialLinkHandlers) {
    this.#settings = settings;
    this.#handlers = handlers;
    this.path = settings.path;
  }

  get connected(): boolean {
    return this.#port !== null;
  }

  /** Opens the port, or reports it down and keeps retrying; resolves after the first attempt. */
  async start(): Promise<void> {
    this.#wanted = true;
    this.#attempt = 0;
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#wanted = false;
    this.#generation += 1;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const port = this.#port;
    this.#dropPort();
    if (port) await closeQuietly(port);
    this.#handlers.link('offline', `not connected to ${this.path}`);
  }

  /** Gives up the open port as if unplugged, and reopens it with back-off (a device that went silent). */
  reopen(reason: string): void {
    if (this.#port) this.#lost(this.#port, reason);
  }

  /** Writes and drains; a failure (`EIO` after an unplug, PROTOCOLS §6) takes the link down. */
  async write(bytes: Buffer): Promise<void> {
    const port = this.#port;
    if (!port) throw new SerialLinkDownError(`${this.path} is not connected`);
    try {
      await new Promise<void>((resolve, reject) => {
        port.write(bytes, (error) => (error ? reject(error) : port.drain((drainError) => (drainError ? reject(drainError) : resolve()))));
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#lost(port, `write failed: ${message}`);
      throw new SerialLinkDownError(`${this.path}: write failed: ${message}`);
    }
  }

  async #connect(): Promise<void> {
    const generation = this.#generation;
    const { path, baudRate, dataBits, parity, stopBits } = this.#settings;
    let port: SerialPort;
    try {
      port = new SerialPort({ path, baudRate, dataBits, parity, stopBits, autoOpen: false, lock: true });
      port.on('error', (error: Error) => this.#lost(port, `port error: ${error.message}`));
      port.on('close', () => this.#lost(port, 'port closed'));
      port.on('data', (chunk: Buffer) => {
        if (port === this.#port) this.#handlers.data(chunk);
      });
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      if (generation === this.#generation && this.#wanted) this.#retry(describeOpenError(path, error));
      return;
    }
    const device = await deviceNumber(path);
    if (generation !== this.#generation || !this.#wanted) {
      await closeQuietly(port);
      return;
    }
    this.#port = port;
    this.#device = device;
    this.#attempt = 0;
    this.#presenceTimer = setInterval(() => void this.#checkPresence(port), this.#settings.presenceCheckMs);
    this.#handlers.link('online', `ready on ${path}`);
  }

  /** Unplug: a `close` or `error` from the port, a failed write, or its path gone or leading to another device. */
  #lost(port: SerialPort, reason: string): void {
    if (port !== this.#port) return;
    this.#generation += 1;
    this.#dropPort();
    void closeQuietly(port);
    if (this.#wanted) this.#retry({ state: 'offline', detail: `${this.path} disconnected (${reason})` });
  }

  /**
   * A pulled pty does not always signal on the open port (PROTOCOLS §6), and a replug faster than
   * this check brings the path back: so the path must still lead to the device that was opened.
   */
  async #checkPresence(port: SerialPort): Promise<void> {
    try {
      const now = await deviceNumber(this.path, true);
      if (this.#device !== null && now !== this.#device) this.#lost(port, 'device path now leads to another device (replugged)');
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') this.#lost(port, 'device path is gone');
    }
  }

  #retry(problem: { state: 'offline' | 'error'; detail: string }): void {
    const { initialMs, maxMs } = this.#settings.reconnect;
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(this.#attempt, 16));
    this.#attempt += 1;
    this.#handlers.link(problem.state, `${problem.detail}; reconnecting`);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#wanted) void this.#connect();
    }, delay);
  }

  #dropPort(): void {
    if (this.#presenceTimer) clearInterval(this.#presenceTimer);
    this.#presenceTimer = null;
    this.#port = null;
    this.#device = null;
  }
}

/** The device number (`rdev`) behind a path, following links; null when unknown unless `strict`. */
async function deviceNumber(path: string, strict = false): Promise<number | null> {
  try {
    return (await stat(path)).rdev;
  } catch (error) {
    if (strict) throw error;
    return null;
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Turns an open failure into a status; the native binding reports errno text rather than codes. */
function describeOpenError(path: string, error: unknown): { state: 'offline' | 'error'; detail: string } {
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  if (code === 'ENOENT' || /no such file/i.test(message)) return { state: 'offline', detail: `${path} not found (unplugged?)` };
  if (code === 'EACCES' || /permission denied/i.test(message)) {
    return { state: 'error', detail: `no permission to open ${path} (is the user in the dialout group?)` };
  }
  if (/lock|busy/i.test(message)) return { state: 'error', detail: `${path} is in use by another program` };
  return { state: 'offline', detail: `cannot open ${path}: ${message}` };
}

/** Closes a port whatever its state; bounded, because a port whose device vanished may never answer. */
function closeQuietly(port: SerialPort): Promise<void> {
  port.removeAllListeners('data');
  if (!port.isOpen) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    try {
      port.close(() => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
