import { hexPreview } from '../scanner/frame.ts';

export interface LineFormat {
  readonly dataBits: 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
}

/** How many bytes the check looks back over, and how many of them must carry bit 7 before it speaks. */
const WINDOW = 16;
const EVIDENCE = 3;

const ones = (byte: number): number => {
  let count = 0;
  for (let bits = byte; bits > 0; bits >>= 1) count += bits & 1;
  return count;
};

/** Printable ASCII and the control characters scale protocols frame with (STX, ETX, LF, CR). */
const isProtocolAscii = (byte: number): boolean => (byte >= 0x20 && byte < 0x7f) || [0x02, 0x03, 0x0a, 0x0d].includes(byte);

const format = (line: LineFormat): string => `${line.dataBits}${line.parity.charAt(0).toUpperCase()}1`;

/**
 * Watches the bytes of a scale port for the signature of mismatched line settings, which a
 * pseudo-terminal (and some USB adapters) deliver as bytes instead of framing errors
 * (PROTOCOLS §6): bytes with bit 7 set on a port opened with 7 data bits, or, on an 8-bit port,
 * ASCII whose bit 7 is a parity bit. A stray noise byte is not enough: it takes several.
 */
export class LineCheck {
  readonly #line: LineFormat;
  #recent: number[] = [];

  constructor(line: LineFormat) {
    this.#line = line;
  }

  /** Returns what is wrong with the line settings, or null when the bytes look right. */
  push(chunk: Buffer): string | null {
    this.#recent = [...this.#recent, ...chunk.subarray(-WINDOW)].slice(-WINDOW);
    const high = this.#recent.filter((byte) => byte >= 0x80);
    if (high.length < EVIDENCE) return null;
    const shown = `[${hexPreview(Buffer.from(this.#recent))}]`;
    if (this.#line.dataBits === 7) {
      return (
        `bytes with bit 7 set arrived on a port opened ${format(this.#line)} ${shown}: ` +
        'the scale sends 8 data bits; set dataBits and parity to what the scale is configured for'
      );
    }
    if (!this.#recent.every((byte) => isProtocolAscii(byte & 0x7f))) return null;
    const parities = new Set(this.#recent.map((byte) => (ones(byte) % 2 === 0 ? 'even' : 'odd')));
    if (parities.size !== 1) return null;
    const [parity] = parities;
    return (
      `bytes arrive with a parity bit in bit 7 on a port opened ${format(this.#line)} ${shown}: ` +
      `the scale sends 7 data bits with ${parity} parity (7${parity === 'even' ? 'E' : 'O'}1); set dataBits 7 and parity "${parity}"`
    );
  }

  reset(): void {
    this.#recent = [];
  }
}
