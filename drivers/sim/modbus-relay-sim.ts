import { EventEmitter } from 'node:events';
import type { SerialPort } from 'serialport';
import { closeSimPort, openSimPort } from './sim-line.ts';

// A Modbus RTU relay/IO module (PROTOCOLS §4.2 and §8 item 11), written from the spec only: it
// shares no code with the gate driver, so a misreading in one cannot hide in the other.

export interface ModbusRelaySimOptions {
  /** The device side of a pty pair (`PtyPair.simPath`). */
  readonly path: string;
  readonly slaveId?: number;
  readonly coils?: number;
  readonly inputs?: number;
  readonly baudRate?: number;
  /** How long the module thinks before it answers. */
  readonly replyDelayMs?: number;
  /** Send replies in random small pieces, as a USB-RS485 adapter delivers them. */
  readonly fragmentReplies?: boolean;
  readonly seed?: number;
}

/** One switch of a coil, for asserting pulse edges and their order. */
export interface CoilEdge {
  readonly coil: number;
  readonly on: boolean;
  readonly at: number;
}

interface SimEvents {
  request: [Buffer];
  coil: [CoilEdge];
  ignored: [{ reason: string; bytes: Buffer }];
}

// CRC-16/MODBUS by table (init 0xFFFF, reflected polynomial 0xA001).
const crcTable = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let k = 0; k < 8; k += 1) value = value & 1 ? (value >>> 1) ^ 0xa001 : value >>> 1;
  return value;
});

export function modbusCrc(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) crc = (crc >>> 8) ^ (crcTable[(crc ^ byte) & 0xff] ?? 0);
  return crc;
}

function withCrc(bytes: number[]): Buffer {
  const crc = modbusCrc(Uint8Array.from(bytes));
  return Buffer.from([...bytes, crc & 0xff, (crc >> 8) & 0xff]);
}

/** Takes the first fault meant for this function code, if any. */
function takeFault(faults: (number | null)[], fn: number): boolean {
  const at = faults.findIndex((wanted) => wanted === null || wanted === fn);
  if (at < 0) return false;
  faults.splice(at, 1);
  return true;
}

/** Request length by function code, once enough of the frame is there to tell. */
function requestLength(frame: Buffer): number | 'unknown' | 'need-more' {
  const fn = frame[1];
  if (fn === undefined) return 'need-more';
  if (fn >= 1 && fn <= 6) return 8;
  if (fn === 0x0f || fn === 0x10) {
    const count = frame[6];
    return count === undefined ? 'need-more' : 9 + count;
  }
  return 'unknown';
}

/**
 * The module on the device side of a pty: it frames requests by function code, silently drops
 * frames with a bad CRC or another slave id (as real slaves do), answers FC 01/02/05/0F and
 * replies with exceptions to what it cannot do. Fault knobs: `deaf`, `corruptNextReply`,
 * `noiseBeforeNextReply`, `replyDelayMs`, fragmentation.
 */
export class ModbusRelaySimulator {
  readonly path: string;
  readonly slaveId: number;
  readonly coils: boolean[];
  readonly inputs: boolean[];
  readonly edges: CoilEdge[] = [];
  readonly events = new EventEmitter<SimEvents>();
  replyDelayMs: number;
  /** Ignores every request (powered off on the bus): the master sees time-outs. */
  deaf = false;
  readonly #options: ModbusRelaySimOptions;
  #port: SerialPort | null = null;
  #buffer: Buffer = Buffer.alloc(0);
  #lastByteAt = 0;
  /** Faults waiting for their request: each for one function code, or any when null. */
  #corruptNext: (number | null)[] = [];
  #noiseNext: Buffer | null = null;
  #dropNext: (number | null)[] = [];
  #random: () => number;

  constructor(options: ModbusRelaySimOptions) {
    this.#options = options;
    this.path = options.path;
    this.slaveId = options.slaveId ?? 1;
    this.coils = Array<boolean>(options.coils ?? 8).fill(false);
    this.inputs = Array<boolean>(options.inputs ?? 8).fill(false);
    this.replyDelayMs = options.replyDelayMs ?? 0;
    let state = (options.seed ?? 0x0b5e55ed) >>> 0;
    this.#random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
  }

  async open(): Promise<void> {
    if (this.#port?.isOpen) return;
    this.#port = await openSimPort(this.path, this.#options.baudRate ?? 9600, (chunk) => this.#receive(chunk));
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    await closeSimPort(port);
  }

  /** Sets a discrete input (an IR beam broken, a door contact closed). */
  setInput(input: number, on: boolean): void {
    if (input < 0 || input >= this.inputs.length) throw new RangeError(`the module has inputs 0…${this.inputs.length - 1}`);
    this.inputs[input] = on;
  }

  /** The next `count` replies (to function `fn`, or to any) go out with a wrong CRC. */
  corruptNextReply(count = 1, fn: number | null = null): void {
    for (let k = 0; k < count; k += 1) this.#corruptNext.push(fn);
  }

  /** The next `count` requests (of function `fn`, or any) get no reply at all (a lost frame). */
  dropNextReply(count = 1, fn: number | null = null): void {
    for (let k = 0; k < count; k += 1) this.#dropNext.push(fn);
  }

  /** Garbage on the line just before the next reply. */
  noiseBeforeNextReply(bytes: readonly number[]): void {
    this.#noiseNext = Buffer.from(bytes);
  }

  /** Raw bytes on the line now. */
  async noise(bytes: readonly number[]): Promise<void> {
    await this.#send(Buffer.from(bytes));
  }

  #receive(chunk: Buffer): void {
    const now = Date.now();
    // More than a frame gap of silence ends whatever was half-received (3.5 characters; generous for ptys).
    if (now - this.#lastByteAt > 100) this.#buffer = Buffer.alloc(0);
    this.#lastByteAt = now;
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const length = requestLength(this.#buffer);
      if (length === 'need-more') return;
      if (length === 'unknown') {
        if (this.#unknownFunction()) return;
        this.#buffer = this.#buffer.subarray(1); // noise, or out of step
        continue;
      }
      if (this.#buffer.length < length) return;
      const frame = this.#buffer.subarray(0, length);
      const crc = frame.readUInt16LE(length - 2);
      if (modbusCrc(frame.subarray(0, length - 2)) !== crc) {
        // Out of step or corrupted: slide one byte, as a slave resynchronising on silence would.
        this.events.emit('ignored', { reason: 'bad CRC', bytes: Buffer.from(frame) });
        this.#buffer = this.#buffer.subarray(1);
        continue;
      }
      this.#buffer = this.#buffer.subarray(length);
      void this.#handle(Buffer.from(frame));
    }
  }

  /** A function this module does not know: its length is unknown, so a valid CRC over all that arrived marks the end. */
  #unknownFunction(): boolean {
    const frame = this.#buffer;
    if (frame.length < 4 || modbusCrc(frame.subarray(0, frame.length - 2)) !== frame.readUInt16LE(frame.length - 2)) return false;
    this.#buffer = Buffer.alloc(0);
    void this.#handle(Buffer.from(frame));
    return true;
  }

  async #handle(frame: Buffer): Promise<void> {
    this.events.emit('request', frame);
    if (frame[0] !== this.slaveId) {
      this.events.emit('ignored', { reason: `for slave ${frame[0]}`, bytes: frame });
      return;
    }
    if (this.deaf) return;
    if (takeFault(this.#dropNext, frame[1] ?? 0)) return;
    const reply = this.#answer(frame);
    if (this.replyDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.replyDelayMs));
    if (this.#noiseNext) {
      const noise = this.#noiseNext;
      this.#noiseNext = null;
      await this.#send(noise);
    }
    if (takeFault(this.#corruptNext, frame[1] ?? 0)) reply[reply.length - 1] = (reply[reply.length - 1] ?? 0) ^ 0x5a;
    await this.#send(reply);
  }

  #answer(frame: Buffer): Buffer {
    const fn = frame[1] ?? 0;
    const exception = (code: number): Buffer => withCrc([this.slaveId, fn | 0x80, code]);
    const word = (at: number): number => ((frame[at] ?? 0) << 8) | (frame[at + 1] ?? 0);
    switch (fn) {
      case 0x01:
      case 0x02: {
        const bits = fn === 0x01 ? this.coils : this.inputs;
        const start = word(2);
        const count = word(4);
        if (count < 1 || count > 2000) return exception(3);
        if (start + count > bits.length) return exception(2);
        const bytes = Array<number>(Math.ceil(count / 8)).fill(0);
        for (let k = 0; k < count; k += 1) if (bits[start + k]) bytes[k >> 3] = (bytes[k >> 3] ?? 0) | (1 << (k & 7));
        return withCrc([this.slaveId, fn, bytes.length, ...bytes]);
      }
      case 0x05: {
        const coil = word(2);
        const value = word(4);
        if (value !== 0xff00 && value !== 0x0000) return exception(3);
        if (coil >= this.coils.length) return exception(2);
        this.#switch(coil, value === 0xff00);
        return Buffer.from(frame);
      }
      case 0x0f: {
        const start = word(2);
        const count = word(4);
        if (count < 1 || count > 1968 || frame[6] !== Math.ceil(count / 8)) return exception(3);
        if (start + count > this.coils.length) return exception(2);
        for (let k = 0; k < count; k += 1) this.#switch(start + k, (((frame[7 + (k >> 3)] ?? 0) >> (k & 7)) & 1) === 1);
        return withCrc([...frame.subarray(0, 6)]);
      }
      default:
        return exception(1);
    }
  }

  #switch(coil: number, on: boolean): void {
    if (this.coils[coil] === on) return;
    this.coils[coil] = on;
    const edge = { coil, on, at: Date.now() };
    this.edges.push(edge);
    this.events.emit('coil', edge);
  }

  async #send(bytes: Buffer): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) return;
    const pieces: Buffer[] = [];
    if (this.#options.fragmentReplies) {
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(this.#random() * 3);
        pieces.push(bytes.subarray(at, at + size));
        at += size;
      }
    } else pieces.push(bytes);
    for (const piece of pieces) {
      await new Promise<void>((resolve) => port.write(piece, () => port.drain(() => resolve())));
      if (pieces.length > 1) await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}
