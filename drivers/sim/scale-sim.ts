import { Platter, type PlatterOptions } from './platter.ts';
import { SimLine, type SimLineOptions } from './sim-line.ts';

// Written from PROTOCOLS §2 and §8 only; the simulators share no code with the scale drivers, so
// a misreading of the spec in one cannot hide the same misreading in the other.

const HEARD_KEPT = 200;

/** Bytes a simulator keeps while waiting for a command's terminator; a host sending garbage cannot fill memory. */
export const MAX_PENDING_COMMAND = 1024;

export interface ScaleSimOptions extends SimLineOptions, PlatterOptions {}

/**
 * What every simulated serial scale has: a platter, a line to the host, and the faults a test or
 * a developer can cause (noise, a scale that stops answering). A protocol answers the host's bytes.
 */
export abstract class ScaleSimulator {
  readonly platter: Platter;
  protected readonly line: SimLine;
  /** While muted the scale hears requests but sends nothing (switched off, cable half in). */
  muted = false;
  /** The latest commands the host sent (a bounded log: a lane polls several times a second for hours). */
  readonly heard: string[] = [];
  /** How many commands the host has sent in all. */
  heardCount = 0;
  /** Bytes to send instead of the next reply: a corrupted, partial or hand-made frame. */
  #replacement: Buffer | null = null;

  constructor(options: ScaleSimOptions) {
    this.platter = new Platter(options);
    this.line = new SimLine(options, (bytes) => this.receive(bytes));
  }

  get path(): string {
    return this.line.path;
  }

  open(): Promise<void> {
    return this.line.open();
  }

  close(): Promise<void> {
    return this.line.close();
  }

  /** Splits every reply into random small writes from now on (or stops). */
  fragmentReplies(on: boolean): void {
    this.line.fragment = on;
  }

  /** Emulates a 7-bit device seen by an 8-bit host port: bit 7 carries the parity bit (or stops). */
  emulateParityBit(mode: 'even' | 'odd' | null): void {
    this.line.parityBit = mode;
  }

  /** Puts raw bytes on the line. */
  noise(bytes: Buffer): Promise<void> {
    return this.line.send(bytes);
  }

  /** The next reply the scale sends will be these bytes instead (PROTOCOLS §8: "corrupt next frame"). */
  replaceNextReply(bytes: Buffer): void {
    this.#replacement = bytes;
  }

  /** Sends a reply unless muted. */
  protected reply(text: string | Buffer): Promise<void> {
    if (this.muted) return Promise.resolve();
    const replacement = this.#replacement;
    this.#replacement = null;
    return this.line.send(replacement ?? (typeof text === 'string' ? Buffer.from(text, 'latin1') : text));
  }

  protected abstract receive(bytes: Buffer): void;

  /** Notes a complete command from the host. */
  protected hear(command: string): void {
    this.heardCount += 1;
    this.heard.push(command);
    if (this.heard.length > HEARD_KEPT) this.heard.splice(0, this.heard.length - HEARD_KEPT);
  }
}

/** Sends a reply without making the host's byte handler wait for it; a pulled cable ends it quietly. */
export function fireAndForget(sending: Promise<void>): void {
  sending.catch(() => undefined);
}
