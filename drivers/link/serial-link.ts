import { z } from 'zod';
import type { DeviceState } from '../device.ts';
import { serialConnector, type ByteChannel } from './byte-channel.ts';
import { Reconnector } from './reconnector.ts';

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
  readonly #reconnector: Reconnector<ByteChannel>;

  constructor(settings: SerialLineSettings, handlers: SerialLinkHandlers) {
    this.path = settings.path;
    this.#reconnector = new Reconnector(
      serialConnector(settings, (chunk) => handlers.data(chunk)),
      settings.reconnect,
      ({ state, detail }) => handlers.link(state, detail),
    );
  }

  get connected(): boolean {
    return this.#reconnector.connection !== null;
  }

  /** Opens the port, or reports it down and keeps retrying; resolves after the first attempt. */
  start(): Promise<void> {
    return this.#reconnector.start();
  }

  stop(): Promise<void> {
    return this.#reconnector.stop();
  }

  /** Gives up the open port as if unplugged, and reopens it with back-off (a device that went silent). */
  reopen(reason: string): void {
    this.#reconnector.drop(reason);
  }

  /** Writes and drains; a failure (`EIO` after an unplug, PROTOCOLS §6) takes the link down. */
  async write(bytes: Buffer): Promise<void> {
    const connection = this.#reconnector.connection;
    if (connection === null) throw new SerialLinkDownError(`${this.path} is not connected`);
    try {
      await connection.write(bytes);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.#reconnector.connection === connection) this.#reconnector.drop(`write failed: ${message}`);
      throw new SerialLinkDownError(`${this.path}: write failed: ${message}`);
    }
  }
}
