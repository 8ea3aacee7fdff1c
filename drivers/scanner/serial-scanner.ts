import { SerialPort } from 'serialport';
import { z } from 'zod';
import { DeviceBase } from '../device.ts';
import { closeQuietly, describeOpenError, deviceNumber, errorCode } from '../link/serial-port.ts';
import { hexPreview, readFrame, ScanFramer, type Suffix } from './frame.ts';
import type { ScanData, Scanner } from './scan-data.ts';
import { LabelError, parseLabel } from './symbology.ts';

const SerialScannerOptionsSchema = z.object({
  name: z.string().min(1),
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  prefix: z.string().max(8).default(''),
  suffix: z.enum(['CR', 'CRLF', 'TAB', 'ETX']).default('CR'),
  reconnect: z
    .object({ initialMs: z.number().int().positive().default(250), maxMs: z.number().int().positive().default(5000) })
    .prefault({}),
  /** How often the device path is checked while online (a killed pty does not signal on reads, PROTOCOLS §6). */
  presenceCheckMs: z.number().int().positive().default(500),
});

export interface SerialScannerOptions {
  readonly name: string;
  /** The device path, preferably a stable one (`/dev/serial/by-id/…`, a udev symlink, a socat link). */
  readonly path: string;
  readonly baudRate?: number;
  readonly dataBits?: 7 | 8;
  readonly parity?: 'none' | 'even' | 'odd';
  readonly stopBits?: 1 | 2;
  /** Bytes the scanner is programmed to send before each label. */
  readonly prefix?: string;
  readonly suffix?: Suffix;
  readonly reconnect?: { readonly initialMs?: number; readonly maxMs?: number };
  readonly presenceCheckMs?: number;
}

/** A frame that arrived but could not be read as a label; the scanner carries on. */
export class ScanFrameError extends Error {
  override readonly name = 'ScanFrameError';
}

type Settings = z.output<typeof SerialScannerOptionsSchema>;

/**
 * A serial (RS-232 or USB-CDC) barcode scanner: `[prefix][AIM id]data[suffix]` frames
 * (PROTOCOLS §1.4). Claiming opens the port; while claimed, an unplugged scanner is reported
 * `offline` and reopened with exponential back-off until it is back.
 */
export class SerialScanner extends DeviceBase<ScanData> implements Scanner {
  readonly path: string;
  readonly #settings: Settings;
  readonly #prefix: Buffer;
  readonly #framer: ScanFramer;
  #port: SerialPort | null = null;
  /** True between claim and release: the port should be open. */
  #wanted = false;
  /** Bumped whenever the port is given up, so a late open or check of an old port does nothing. */
  #generation = 0;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | null = null;
  #presenceTimer: NodeJS.Timeout | null = null;
  /** The device number the path led to when the port opened; a replug gives a new one. */
  #device: number | null = null;

  constructor(options: SerialScannerOptions) {
    const parsed = SerialScannerOptionsSchema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TypeError(`serial scanner options: ${(issue?.path ?? []).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    super(parsed.data.name, 'scanner');
    this.#settings = parsed.data;
    this.path = parsed.data.path;
    this.#prefix = Buffer.from(parsed.data.prefix, 'latin1');
    this.#framer = new ScanFramer({ suffix: parsed.data.suffix });
    this.setLink('offline', `not connected to ${this.path}`);
  }

  protected override async onClaim(): Promise<void> {
    this.#wanted = true;
    this.#attempt = 0;
    await this.#connect();
  }

  protected override async onEnable(): Promise<void> {
    // Bytes that arrived while disabled belong to labels nobody asked for.
    this.#framer.reset();
  }

  protected override async onRelease(): Promise<void> {
    this.#wanted = false;
    this.#generation += 1;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const port = this.#port;
    this.#dropPort();
    if (port) await closeQuietly(port);
    this.setLink('offline', `not connected to ${this.path}`);
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
        if (port === this.#port) this.#receive(chunk);
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
    this.#framer.reset();
    this.#presenceTimer = setInterval(() => void this.#checkPresence(port), this.#settings.presenceCheckMs);
    this.setLink('online', `ready on ${path}`);
  }

  /** Unplug: a `close` or `error` from the port, or its path gone or leading to another device. */
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
    this.setLink(problem.state, `${problem.detail}; reconnecting`);
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
    this.#framer.reset();
  }

  #receive(chunk: Buffer): void {
    for (const frame of this.#framer.push(chunk, Date.now())) {
      if (!this.enabled) continue;
      const content = readFrame(frame.bytes, this.#prefix);
      if (content.kind === 'noise') continue;
      if (!frame.complete) {
        this.#unreadable('incomplete frame given up (no terminator)', frame.bytes);
        continue;
      }
      if (content.kind === 'invalid') {
        this.#unreadable(content.reason, frame.bytes);
        continue;
      }
      try {
        this.deliver({ ...parseLabel(content.text), source: 'scanner', device: this.name });
      } catch (error) {
        if (!(error instanceof LabelError)) throw error;
        this.#unreadable(error.message, frame.bytes);
      }
    }
  }

  #unreadable(reason: string, bytes: Buffer): void {
    this.reportError(new ScanFrameError(`${this.name}: unreadable frame on ${this.path}: ${reason} [${hexPreview(bytes)}]`));
  }
}
