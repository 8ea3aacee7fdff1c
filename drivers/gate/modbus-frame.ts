// Modbus RTU frames (PROTOCOLS §4.2): [slave id][function][data…][CRC16 lo][CRC16 hi].

export const READ_COILS = 0x01;
export const READ_DISCRETE_INPUTS = 0x02;
export const WRITE_SINGLE_COIL = 0x05;

export type ModbusFunction = typeof READ_COILS | typeof READ_DISCRETE_INPUTS | typeof WRITE_SINGLE_COIL;

/** CRC-16/MODBUS: init 0xFFFF, reflected polynomial 0xA001; sent low byte first. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/** Appends the CRC to a frame body. */
export function sealed(body: readonly number[]): Buffer {
  const crc = crc16(Uint8Array.from(body));
  return Buffer.from([...body, crc & 0xff, crc >>> 8]);
}

function checkAddress(address: number, count = 1): void {
  if (!Number.isInteger(address) || address < 0 || address + count > 0x10000) throw new RangeError(`Modbus address ${address} is outside 0…65535`);
  if (!Number.isInteger(count) || count < 1 || count > 2000) throw new RangeError(`Modbus bit count ${count} is outside 1…2000`);
}

/** FC 01 or 02: read `count` coils or discrete inputs from `address`. */
export function readBitsRequest(slave: number, fn: typeof READ_COILS | typeof READ_DISCRETE_INPUTS, address: number, count: number): Buffer {
  checkAddress(address, count);
  return sealed([slave, fn, address >>> 8, address & 0xff, count >>> 8, count & 0xff]);
}

/** FC 05: switch one coil; `FF 00` is ON, `00 00` is OFF. */
export function writeCoilRequest(slave: number, address: number, on: boolean): Buffer {
  checkAddress(address);
  return sealed([slave, WRITE_SINGLE_COIL, address >>> 8, address & 0xff, on ? 0xff : 0x00, 0x00]);
}

export type ModbusReply =
  | { readonly kind: 'reply'; readonly frame: Buffer }
  | { readonly kind: 'exception'; readonly code: number; readonly frame: Buffer };

/** What scanning the receive buffer found: a whole valid reply, or what to keep waiting on. */
export type ReplyScan = { readonly reply: ModbusReply | null; readonly rest: Buffer };

/** How long the reply to `fn` is, given its first bytes; null until the byte count has arrived. */
function replyLength(buffer: Buffer, at: number, fn: ModbusFunction): number | null {
  if (buffer[at + 1] === (fn | 0x80)) return 5;
  if (fn === WRITE_SINGLE_COIL) return 8;
  const byteCount = buffer[at + 2];
  return byteCount === undefined ? null : 5 + byteCount;
}

/**
 * Finds the reply of `slave` to `fn` in what has been read, framing by function code (Node timers
 * are too coarse for the 3.5-character silence, PROTOCOLS §7.1). Noise before it and frames with
 * a bad CRC are skipped, as a master must; a reply still arriving is kept.
 */
export function scanReply(buffer: Buffer, slave: number, fn: ModbusFunction): ReplyScan {
  let keepFrom = buffer.length;
  for (let at = 0; at < buffer.length; at += 1) {
    if (buffer[at] !== slave) continue;
    const code = buffer[at + 1];
    if (code === undefined) {
      keepFrom = Math.min(keepFrom, at);
      continue;
    }
    if (code !== fn && code !== (fn | 0x80)) continue;
    const length = replyLength(buffer, at, fn);
    if (length === null || buffer.length - at < length) {
      keepFrom = Math.min(keepFrom, at);
      continue;
    }
    const frame = buffer.subarray(at, at + length);
    if (crc16(frame.subarray(0, length - 2)) !== frame.readUInt16LE(length - 2)) continue;
    const reply: ModbusReply = code === fn ? { kind: 'reply', frame: Buffer.from(frame) } : { kind: 'exception', code: frame[2] ?? 0, frame: Buffer.from(frame) };
    return { reply, rest: Buffer.from(buffer.subarray(at + length)) };
  }
  return { reply: null, rest: Buffer.from(buffer.subarray(keepFrom)) };
}

/** Unpacks the bits of an FC 01/02 reply, bit 0 of the first data byte first. */
export function replyBits(frame: Buffer, count: number): boolean[] {
  const byteCount = frame[2] ?? 0;
  if (byteCount !== Math.ceil(count / 8)) throw new RangeError(`reply carries ${byteCount} data bytes for ${count} bits`);
  return Array.from({ length: count }, (_, bit) => (((frame[3 + (bit >> 3)] ?? 0) >> (bit & 7)) & 1) === 1);
}

const exceptions: Record<number, string> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'slave device failure',
  5: 'acknowledge',
  6: 'slave device busy',
};

export function exceptionName(code: number): string {
  return exceptions[code] ?? `exception 0x${code.toString(16).padStart(2, '0')}`;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');
}
