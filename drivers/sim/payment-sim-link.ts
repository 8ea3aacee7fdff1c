// The device side of the STX/ETX/LRC link, written from PROTOCOLS §3.2 and
// drivers/payment/stx-etx/PROTOCOL.md only. It shares no code with the driver, so a misreading
// of the spec in one cannot hide the same misreading in the other.

const C = { STX: 0x02, ETX: 0x03, EOT: 0x04, ENQ: 0x05, ACK: 0x06, NAK: 0x15, ETB: 0x17 } as const;
const BLOCK = 240;

export interface SimLinkFaults {
  /** Blocks still to send with a wrong LRC on their first transmission. */
  corruptLrc: number;
  /** Good blocks still to receive without answering ACK (the POS must retransmit). */
  swallowAcks: number;
  /** Answer nothing at all, as a terminal that is off or hung. */
  deaf: boolean;
  /** Write blocks in random 1–4 byte pieces. */
  fragment: boolean;
  /** Put random garbage on the line before each block. */
  noise: boolean;
}

export interface SimLinkCounters {
  naksReceived: number;
  retransmissions: number;
  duplicatesDropped: number;
  badBlocksReceived: number;
}

export function checksum(bytes: Uint8Array): number {
  return bytes.reduce((value, byte) => value ^ byte, 0);
}

/** Wire bytes of one message: blocks of at most 240 payload bytes, ETB-chained. */
export function blocksOf(payload: string): Buffer[] {
  const bytes = Buffer.from(payload, 'latin1');
  const out: Buffer[] = [];
  let at = 0;
  do {
    const part = bytes.subarray(at, at + BLOCK);
    at += BLOCK;
    const body = Buffer.concat([part, Buffer.from([at >= bytes.length ? C.ETX : C.ETB])]);
    out.push(Buffer.concat([Buffer.from([C.STX]), body, Buffer.from([checksum(body)])]));
  } while (at < bytes.length);
  return out;
}

/**
 * One end of the line: frames, acknowledges and retransmits. `write` puts bytes on whatever
 * connection is current; every write goes through one queue so an ACK never lands inside a block.
 */
export class SimLink {
  readonly faults: SimLinkFaults = { corruptLrc: 0, swallowAcks: 0, deaf: false, fragment: false, noise: false };
  readonly counters: SimLinkCounters = { naksReceived: 0, retransmissions: 0, duplicatesDropped: 0, badBlocksReceived: 0 };
  readonly #write: (bytes: Buffer) => Promise<void>;
  readonly #onMessage: (text: string) => void;
  readonly #random: () => number;
  readonly #ackTimeoutMs: number;
  #queue: Promise<void> = Promise.resolve();
  #block: number[] | null = null;
  #wantLrc = false;
  #assembled = '';
  #previous: string | null = null;
  #answer: ((byte: number | null) => void) | null = null;
  #closed = false;
  /** A message whose ACK was swallowed, acted on when its retransmission arrives. */
  #held: string | null = null;
  #sends: Promise<void> = Promise.resolve();

  constructor(options: { write: (bytes: Buffer) => Promise<void>; onMessage: (text: string) => void; random: () => number; ackTimeoutMs: number }) {
    this.#write = options.write;
    this.#onMessage = options.onMessage;
    this.#random = options.random;
    this.#ackTimeoutMs = options.ackTimeoutMs;
  }

  /** Forgets a half-received block (new connection, reboot). */
  reset(): void {
    this.#block = null;
    this.#wantLrc = false;
    this.#assembled = '';
    this.#previous = null;
    this.#held = null;
    this.#answer?.(null);
  }

  /** Switched off: messages still queued are given up, no timer is left running. */
  close(): void {
    this.#closed = true;
    this.reset();
  }

  feed(chunk: Buffer): void {
    if (this.faults.deaf) return;
    for (const byte of chunk) this.#byte(byte);
  }

  #byte(byte: number): void {
    if (this.#block === null) {
      if (byte === C.STX) this.#block = [];
      else if (byte === C.ACK || byte === C.NAK) this.#answer?.(byte);
      else if (byte === C.ENQ) this.#put(Buffer.from([C.ACK]));
      else if (byte === C.EOT) this.#assembled = '';
      return;
    }
    if (this.#wantLrc) {
      const body = Buffer.from(this.#block);
      this.#block = null;
      this.#wantLrc = false;
      this.#blockDone(body, byte);
      return;
    }
    if (byte === C.STX) {
      this.#block = [];
      return;
    }
    this.#block.push(byte);
    if (byte === C.ETX || byte === C.ETB) this.#wantLrc = true;
  }

  #blockDone(body: Buffer, lrc: number): void {
    const payload = body.subarray(0, body.length - 1);
    const clean = payload.every((b) => b === 0x1c || b === 0x1f || (b >= 0x20 && b < 0x7f));
    if (lrc !== checksum(body) || !clean) {
      this.counters.badBlocksReceived += 1;
      this.#put(Buffer.from([C.NAK]));
      return;
    }
    const wire = body.toString('latin1') + String.fromCharCode(lrc);
    // A block taken while we wait for our own ACK means the POS has our block.
    this.#answer?.(C.ACK);
    if (wire === this.#previous) {
      this.#put(Buffer.from([C.ACK]));
      this.counters.duplicatesDropped += 1;
      const held = this.#held;
      this.#held = null;
      if (held !== null) this.#onMessage(held);
      return;
    }
    this.#previous = wire;
    this.#assembled += payload.toString('latin1');
    const complete = body[body.length - 1] === C.ETX ? this.#assembled : null;
    if (complete !== null) this.#assembled = '';
    if (this.faults.swallowAcks > 0) {
      // The ACK is lost on the way back, and the terminal acts only once the POS's retransmission
      // is in: so the POS must retransmit, and the terminal must not act twice.
      this.faults.swallowAcks -= 1;
      this.#held = complete;
      return;
    }
    this.#put(Buffer.from([C.ACK]));
    if (complete !== null) this.#onMessage(complete);
  }

  /**
   * Sends a message with up to `attempts` (three) per block; false when the POS never
   * acknowledged it. Display prompts go with one attempt: a lost prompt is not worth a retry.
   */
  send(payload: string, attempts = 3): Promise<boolean> {
    const done = this.#sends.then(() => this.#sendNow(payload, attempts));
    this.#sends = done.then(() => undefined);
    return done;
  }

  async #sendNow(payload: string, attempts: number): Promise<boolean> {
    if (this.faults.deaf || this.#closed) return false;
    for (const block of blocksOf(payload)) {
      let acked = false;
      for (let attempt = 0; attempt < attempts && !acked && !this.#closed; attempt++) {
        if (attempt > 0) this.counters.retransmissions += 1;
        this.#previous = null;
        let bytes = block;
        if (attempt === 0 && this.faults.corruptLrc > 0) {
          this.faults.corruptLrc -= 1;
          bytes = Buffer.from(block);
          bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x5a;
        }
        const answer = new Promise<number | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), this.#ackTimeoutMs);
          this.#answer = (byte) => {
            clearTimeout(timer);
            this.#answer = null;
            resolve(byte);
          };
        });
        if (this.faults.noise) await this.#put(this.#garbage());
        await this.#put(bytes);
        const byte = await answer;
        if (byte === C.ACK) acked = true;
        else if (byte === C.NAK) this.counters.naksReceived += 1;
      }
      if (!acked) {
        await this.#put(Buffer.from([C.EOT]));
        return false;
      }
    }
    return true;
  }

  /** Raw bytes on the line, outside the protocol (line noise, hand-made frames). */
  raw(bytes: Buffer): Promise<void> {
    return this.#put(bytes);
  }

  #put(bytes: Buffer): Promise<void> {
    const pieces: Buffer[] = [];
    if (this.faults.fragment && bytes.length > 1) {
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(this.#random() * 4);
        pieces.push(bytes.subarray(at, at + size));
        at += size;
      }
    } else pieces.push(bytes);
    const written = this.#queue.then(async () => {
      for (const piece of pieces) {
        await this.#write(piece).catch(() => undefined); // an unplugged cable loses the bytes, as a real one does
        if (pieces.length > 1) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    });
    this.#queue = written;
    return written;
  }

  /** Bytes a noisy line produces: anything but the link's control characters. */
  #garbage(): Buffer {
    const control = new Set<number>(Object.values(C));
    const out: number[] = [];
    const length = 1 + Math.floor(this.#random() * 6);
    while (out.length < length) {
      const byte = Math.floor(this.#random() * 256);
      if (!control.has(byte)) out.push(byte);
    }
    return Buffer.from(out);
  }
}
