import { Platter, type PlatterOptions } from './platter.ts';
import { SimLine, type SimLineOptions } from './sim-line.ts';

// Written from PROTOCOLS §2 and §8 only; the simulators share no code with the scale drivers, so
// a misreading of the spec in one cannot hide the same misreading in the other.

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
  /** Every complete command the host sent, for tests and the CLI log. */
  readonly heard: string[] = [];
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
}

/** Sends a reply without making the host's byte handler wait for it; a pulled cable ends it quietly. */
export function fireAndForget(sending: Promise<void>): void {
  sending.catch(() => undefined);
}
