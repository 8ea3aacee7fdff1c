import type { SerialPort } from 'serialport';
import { closeSimPort, openSimPort } from './sim-port.ts';

// Written from PROTOCOLS §1.4–1.5 and §8 only; it deliberately shares no code with the scanner
// driver, so a misreading of the spec in one cannot hide the same misreading in the other.

export interface SerialScannerSimOptions {
  /** The device side of a pty pair (`PtyPair.simPath`). */
  readonly path: string;
  readonly baudRate?: number;
  /** Sent before every label, as a scanner programmed with a prefix does. */
  readonly prefix?: string;
  /** Sent after every label: `\r` (default), `\r\n`, `\t` or `\x03`. */
  readonly suffix?: string;
  /** Transmit AIM symbology identifiers, chosen from the code when a scan names none. */
  readonly aimIds?: boolean;
  /** Milliseconds per byte on the wire; defaults to 10 bit times at the baud rate (≈1.04 ms at 9600). */
  readonly byteTimeMs?: number;
  /** Seed for the fragmentation of writes, for reproducible runs. */
  readonly seed?: number;
}

export interface ScanOptions {
  /** AIM id to send before the data (`]E0`), or null for none. */
  readonly aim?: string | null;
  readonly prefix?: string;
  readonly suffix?: string;
  /** Split the frame into random small writes, as a USB-serial adapter delivers it. */
  readonly fragment?: boolean;
}

/**
 * A serial barcode scanner on the device side of a pty pair: `scan()` sends
 * `prefix + AIM id + data + suffix` at the line's byte rate, `noise()` puts garbage on the line.
 */
export class SerialScannerSimulator {
  readonly path: string;
  readonly #baudRate: number;
  readonly #prefix: string;
  readonly #suffix: string;
  readonly #aimIds: boolean;
  readonly #byteTimeMs: number;
  #random: () => number;
  #port: SerialPort | null = null;

  constructor(options: SerialScannerSimOptions) {
    this.path = options.path;
    this.#baudRate = options.baudRate ?? 9600;
    this.#prefix = options.prefix ?? '';
    this.#suffix = options.suffix ?? '\r';
    this.#aimIds = options.aimIds ?? false;
    this.#byteTimeMs = options.byteTimeMs ?? (10 * 1000) / this.#baudRate;
    this.#random = seeded(options.seed ?? 0x5ca11e);
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    this.#port = await openSimPort(this.path, this.#baudRate);
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    await closeSimPort(port);
  }

  /** The bytes a scan of `code` puts on the wire. */
  frame(code: string, options: ScanOptions = {}): Buffer {
    const aim = options.aim !== undefined ? options.aim : this.#aimIds ? aimFor(code) : null;
    const data = aim === ']E0' && /^[0-9]{12}$/.test(code) ? `0${code}` : code; // UPC-A travels as 13 digits (§1.5)
    return Buffer.from(`${options.prefix ?? this.#prefix}${aim ?? ''}${data}${options.suffix ?? this.#suffix}`, 'utf8');
  }

  /** Sends one label; resolves when its last byte has left at the line's pace. */
  async scan(code: string, options: ScanOptions = {}): Promise<void> {
    const bytes = this.frame(code, options);
    await this.#send(options.fragment ? this.#fragments(bytes) : [bytes]);
  }

  /** Puts raw bytes on the line (line noise, a partial frame, a hand-made frame). */
  async noise(bytes: Buffer | readonly number[] | string): Promise<void> {
    await this.#send([typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes)]);
  }

  async #send(chunks: readonly Buffer[]): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) throw new Error(`scanner simulator: ${this.path} is not open`);
    for (const chunk of chunks) {
      await new Promise<void>((resolve, reject) => {
        port.write(chunk, (error) => (error ? reject(error) : port.drain((drainError) => (drainError ? reject(drainError) : resolve()))));
      });
      await delay(chunk.length * this.#byteTimeMs);
    }
  }

  #fragments(bytes: Buffer): Buffer[] {
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; ) {
      const size = 1 + Math.floor(this.#random() * 4);
      chunks.push(bytes.subarray(at, at + size));
      at += size;
    }
    return chunks;
  }
}

/** The AIM id a scanner would send for a code: EAN/UPC by length, otherwise Code 128. */
export function aimFor(code: string): string {
  if (/^[0-9]{12,13}$/.test(code)) return ']E0';
  if (/^[0-9]{8}$/.test(code)) return ']E4';
  return ']C0';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** mulberry32: small, fast and good enough to vary chunk sizes reproducibly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
