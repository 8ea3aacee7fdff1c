import { SerialPort } from 'serialport';
import { mulberry32 } from './seeded-random.ts';

export interface SimLineOptions {
  /** The device side of a pty pair (`PtyPair.simPath`). */
  readonly path: string;
  readonly baudRate?: number;
  /** Milliseconds per byte on the wire; defaults to 10 bit times at the baud rate (≈1.04 ms at 9600, PROTOCOLS §8). */
  readonly byteTimeMs?: number;
  /** Split every write into random pieces of 1–4 bytes, as a USB-serial adapter may deliver them. */
  readonly fragment?: boolean;
  /**
   * Put a parity bit in bit 7 of every byte, which is what a 7-data-bit device looks like to a
   * host port opened with 8 data bits (a pty passes bytes unchanged, PROTOCOLS §6).
   */
  readonly parityBit?: 'even' | 'odd' | null;
  /** Seed for the fragmentation, for reproducible runs. */
  readonly seed?: number;
}

/**
 * The wire end of a simulated serial device: opens the device side of a pty pair, hands the
 * host's bytes to `onReceive`, and sends bytes at the line's pace with optional fragmentation and
 * parity emulation.
 */
export class SimLine {
  readonly path: string;
  readonly #baudRate: number;
  readonly #byteTimeMs: number;
  #fragment: boolean;
  #parityBit: 'even' | 'odd' | null;
  readonly #nextRandom: () => number;
  readonly #onReceive: (bytes: Buffer) => void;
  #port: SerialPort | null = null;
  /** Writes go out one after another even when callers do not wait. */
  #sending: Promise<void> = Promise.resolve();

  constructor(options: SimLineOptions, onReceive: (bytes: Buffer) => void) {
    this.path = options.path;
    this.#baudRate = options.baudRate ?? 9600;
    this.#byteTimeMs = options.byteTimeMs ?? 10_000 / this.#baudRate;
    this.#fragment = options.fragment ?? false;
    this.#parityBit = options.parityBit ?? null;
    this.#nextRandom = mulberry32(options.seed ?? 0x5ca1e);
    this.#onReceive = onReceive;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  set fragment(on: boolean) {
    this.#fragment = on;
  }

  set parityBit(mode: 'even' | 'odd' | null) {
    this.#parityBit = mode;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    this.#port = await openSimPort(this.path, this.#baudRate, (chunk) => this.#onReceive(chunk));
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    await closeSimPort(port);
  }

  /**
   * Sends bytes as the device would; resolves when the last byte has left at the line's pace.
   * `fragment` overrides the line's setting for this write.
   */
  send(bytes: Buffer, options: { readonly fragment?: boolean } = {}): Promise<void> {
    const wire = this.#parityBit ? Buffer.from(bytes.map((byte) => withParity(byte, this.#parityBit ?? 'even'))) : bytes;
    const pieces = (options.fragment ?? this.#fragment) ? this.#pieces(wire) : [wire];
    const sent = this.#sending.then(async () => {
      for (const piece of pieces) await this.#write(piece);
    });
    this.#sending = sent.catch(() => undefined);
    return sent;
  }

  async #write(piece: Buffer): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) throw new Error(`simulated device: ${this.path} is not open`);
    await new Promise<void>((resolve, reject) => {
      port.write(piece, (error) => {
        if (error) reject(error);
        else port.drain((drained) => (drained ? reject(drained) : resolve()));
      });
    });
    if (this.#byteTimeMs > 0) await new Promise((resolve) => setTimeout(resolve, piece.length * this.#byteTimeMs));
  }

  #pieces(bytes: Buffer): Buffer[] {
    const pieces: Buffer[] = [];
    let at = 0;
    while (at < bytes.length) {
      const size = Math.min(bytes.length - at, 1 + Math.floor(this.#nextRandom() * 4));
      pieces.push(bytes.subarray(at, at + size));
      at += size;
    }
    return pieces;
  }
}

/** Opens the device side of a pty pair for a simulator; the cable may be pulled under it later. */
export async function openSimPort(path: string, baudRate: number, onData?: (chunk: Buffer) => void): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  // PtyPair.kill pulls the cable; the port then just stops being open.
  port.on('error', () => undefined);
  if (onData) port.on('data', onData);
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  return port;
}

/** Closes a simulator's port if it is still open; nothing it still reads is delivered. */
export async function closeSimPort(port: SerialPort | null): Promise<void> {
  if (!port?.isOpen) return;
  port.removeAllListeners('data');
  await new Promise<void>((resolve) => port.close(() => resolve()));
}

/** A 7-bit character with its parity bit in bit 7, so the whole byte has even (or odd) ones. */
function withParity(byte: number, parity: 'even' | 'odd'): number {
  const data = byte & 0x7f;
  let ones = 0;
  for (let bit = 0; bit < 7; bit += 1) ones += (data >> bit) & 1;
  const odd = ones % 2 === 1;
  const setBit = parity === 'even' ? odd : !odd;
  return setBit ? data | 0x80 : data;
}
