import { ACK, BlockReader, encodeMessage, ENQ, EOT, NAK } from './frame.ts';

export interface LinkOptions {
  /** How long to wait for ACK/NAK after sending a block. */
  readonly ackTimeoutMs: number;
  /** Attempts per block in all (PROTOCOLS §3.2: three). */
  readonly maxAttempts: number;
  /** A block not finished within this long after its last byte is dropped. */
  readonly interByteTimeoutMs: number;
}

/** A message the peer never acknowledged, or a link that went away while sending. */
export class LinkError extends Error {
  override readonly name = 'LinkError';
}

export interface LinkCounters {
  /** Blocks sent again after a NAK or a missing ACK. */
  retransmissions: number;
  /** Blocks we answered with NAK (bad LRC). */
  naksSent: number;
  /** Retransmitted blocks recognised and not processed twice. */
  duplicatesDropped: number;
}

type Answer = 'ack' | 'nak' | 'timeout' | 'closed';

/**
 * The STX/ETX link of PROTOCOL.md over any byte pipe: acknowledges what it receives, sends
 * one block at a time and retransmits on NAK or ACK time-out. It hands whole messages to
 * `onMessage` and never logs or reports their content: payloads may carry card data.
 */
export class StxEtxLink {
  readonly counters: LinkCounters;
  readonly #write: (bytes: Buffer) => Promise<void>;
  readonly #onMessage: (payload: Buffer) => void;
  readonly #onProblem: (problem: string) => void;
  readonly #options: LinkOptions;
  readonly #reader = new BlockReader();
  #parts: Buffer[] = [];
  #lastReceived: Buffer | null = null;
  #answer: ((answer: Answer) => void) | null = null;
  #sending: Promise<void> = Promise.resolve();
  #interByteTimer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(
    write: (bytes: Buffer) => Promise<void>,
    onMessage: (payload: Buffer) => void,
    onProblem: (problem: string) => void,
    options: LinkOptions,
    /** Where to count; a driver passes one object for all its connections. */
    counters: LinkCounters = { retransmissions: 0, naksSent: 0, duplicatesDropped: 0 },
  ) {
    this.counters = counters;
    this.#write = write;
    this.#onMessage = onMessage;
    this.#onProblem = onProblem;
    this.#options = options;
  }

  /** Feeds bytes read from the pipe. */
  receive(chunk: Buffer): void {
    if (this.#closed) return;
    for (const event of this.#reader.push(chunk)) {
      switch (event.kind) {
        case 'control':
          if (event.byte === ACK) this.#answered('ack');
          else if (event.byte === NAK) this.#answered('nak');
          else if (event.byte === ENQ) this.#control(ACK);
          else this.#parts = []; // EOT: the peer gave its message up
          break;
        case 'bad-block':
          this.counters.naksSent += 1;
          this.#control(NAK);
          break;
        case 'block': {
          this.#control(ACK);
          // The peer answers only once it has our block: its block stands for a lost ACK (as in Verifone's ECR protocol).
          this.#answered('ack');
          if (this.#lastReceived?.equals(event.wire)) {
            this.counters.duplicatesDropped += 1;
            break;
          }
          this.#lastReceived = event.wire;
          this.#parts.push(event.payload);
          if (event.last) {
            const message = Buffer.concat(this.#parts);
            this.#parts = [];
            this.#onMessage(message);
          }
          break;
        }
        default: {
          const unreachable: never = event;
          throw new Error(`unknown line event ${JSON.stringify(unreachable)}`);
        }
      }
    }
    this.#armInterByteTimer();
  }

  /** Sends one message; resolves once every block is acknowledged. Messages go one at a time. */
  send(payload: Buffer): Promise<void> {
    const sent = this.#sending.then(() => this.#sendBlocks(payload));
    this.#sending = sent.catch(() => undefined);
    return sent;
  }

  /** The pipe is gone: pending sends fail, partial input is dropped. */
  close(): void {
    this.#closed = true;
    this.#reader.reset();
    this.#parts = [];
    if (this.#interByteTimer) clearTimeout(this.#interByteTimer);
    this.#answered('closed');
  }

  async #sendBlocks(payload: Buffer): Promise<void> {
    for (const block of encodeMessage(payload)) {
      let answer: Answer = 'timeout';
      for (let attempt = 1; attempt <= this.#options.maxAttempts; attempt++) {
        if (this.#closed) throw new LinkError('the link is closed');
        if (attempt > 1) this.counters.retransmissions += 1;
        // Whatever we received last can no longer be mistaken for a retransmission of it.
        this.#lastReceived = null;
        const answered = new Promise<Answer>((resolve) => {
          const timer = setTimeout(() => {
            this.#answer = null;
            resolve('timeout');
          }, this.#options.ackTimeoutMs);
          this.#answer = (value) => {
            clearTimeout(timer);
            this.#answer = null;
            resolve(value);
          };
        });
        try {
          await this.#write(block);
        } catch (error) {
          this.#answered('closed');
          throw new LinkError(`write failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        answer = await answered;
        if (answer === 'ack') break;
        if (answer === 'closed') throw new LinkError('the link closed while waiting for ACK');
      }
      if (answer !== 'ack') {
        this.#control(EOT);
        const why = answer === 'nak' ? 'NAK' : 'no answer';
        throw new LinkError(`the terminal did not acknowledge a block after ${this.#options.maxAttempts} attempts (last: ${why})`);
      }
    }
  }

  #answered(answer: Answer): void {
    this.#answer?.(answer);
  }

  #control(byte: number): void {
    this.#write(Buffer.from([byte])).catch(() => undefined); // a dead pipe is reported by the transport
  }

  #armInterByteTimer(): void {
    if (this.#interByteTimer) clearTimeout(this.#interByteTimer);
    this.#interByteTimer = null;
    if (!this.#reader.inBlock) return;
    this.#interByteTimer = setTimeout(() => {
      this.#interByteTimer = null;
      if (!this.#reader.inBlock) return;
      this.#reader.reset();
      this.#onProblem(`an incomplete block was dropped after ${this.#options.interByteTimeoutMs} ms of silence`);
    }, this.#options.interByteTimeoutMs);
  }
}
