// The STX/ETX/LRC block format of PROTOCOL.md (PROTOCOLS §3.2).

export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ENQ = 0x05;
export const ACK = 0x06;
export const NAK = 0x15;
export const ETB = 0x17;
export const FS = '\x1c';
export const US = '\x1f';

/** The most payload bytes one block carries; longer messages travel as ETB-chained blocks. */
export const MAX_BLOCK_PAYLOAD = 240;

/** XOR of every byte after STX up to and including ETX/ETB. */
export function lrc(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value ^= byte;
  return value;
}

/** One block on the wire: `STX payload ETX|ETB LRC`. */
export function encodeBlock(payload: Buffer, last: boolean): Buffer {
  const body = Buffer.concat([payload, Buffer.from([last ? ETX : ETB])]);
  return Buffer.concat([Buffer.from([STX]), body, Buffer.from([lrc(body)])]);
}

/** The blocks that carry one message. */
export function encodeMessage(payload: Buffer, maxBlock = MAX_BLOCK_PAYLOAD): Buffer[] {
  const blocks: Buffer[] = [];
  for (let at = 0; at < payload.length || blocks.length === 0; at += maxBlock) {
    const end = Math.min(payload.length, at + maxBlock);
    blocks.push(encodeBlock(payload.subarray(at, end), end >= payload.length));
  }
  return blocks;
}

const isPayloadByte = (byte: number): boolean => byte === 0x1c || byte === 0x1f || (byte >= 0x20 && byte <= 0x7e);

export type LineEvent =
  | { readonly kind: 'block'; readonly payload: Buffer; readonly last: boolean; readonly wire: Buffer }
  /** A block with a wrong LRC or a byte no payload may hold: answered with NAK. */
  | { readonly kind: 'bad-block' }
  | { readonly kind: 'control'; readonly byte: typeof ACK | typeof NAK | typeof ENQ | typeof EOT };

/**
 * Turns received bytes into blocks and control bytes, whatever pieces they arrive in. Noise
 * outside blocks is dropped; an STX inside a block starts the block again.
 */
export class BlockReader {
  #block: number[] | null = null;
  /** Set once ETX/ETB arrived: the next byte is the LRC. */
  #awaitingLrc = false;

  get inBlock(): boolean {
    return this.#block !== null;
  }

  reset(): void {
    this.#block = null;
    this.#awaitingLrc = false;
  }

  push(chunk: Uint8Array): LineEvent[] {
    const events: LineEvent[] = [];
    for (const byte of chunk) {
      const block = this.#block;
      if (block === null) {
        if (byte === STX) this.#block = [];
        else if (byte === ACK || byte === NAK || byte === ENQ || byte === EOT) events.push({ kind: 'control', byte });
        continue;
      }
      if (this.#awaitingLrc) {
        this.reset();
        const body = Buffer.from(block);
        const payload = body.subarray(0, -1);
        if (byte !== lrc(body) || !payload.every(isPayloadByte)) events.push({ kind: 'bad-block' });
        else events.push({ kind: 'block', payload: Buffer.from(payload), last: body.at(-1) === ETX, wire: Buffer.concat([Buffer.from([STX]), body, Buffer.from([byte])]) });
        continue;
      }
      if (byte === STX) {
        this.#block = [];
        continue;
      }
      block.push(byte);
      if (byte === ETX || byte === ETB) this.#awaitingLrc = true;
    }
    return events;
  }
}
