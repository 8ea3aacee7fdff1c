/** Frame terminators a serial scanner can be programmed with (PROTOCOLS §1.4). */
export type Suffix = 'CR' | 'CRLF' | 'TAB' | 'ETX';

export const suffixBytes: Readonly<Record<Suffix, Buffer>> = {
  CR: Buffer.from([0x0d]),
  CRLF: Buffer.from([0x0d, 0x0a]),
  TAB: Buffer.from([0x09]),
  ETX: Buffer.from([0x03]),
};

/** A run of bytes between terminators; `complete` is false for a partial frame given up on. */
export interface RawFrame {
  readonly bytes: Buffer;
  readonly complete: boolean;
}

export interface FramerOptions {
  readonly suffix: Suffix;
  /** A partial frame older than this is dropped when new bytes arrive (scanners send a label in one burst). */
  readonly staleAfterMs?: number;
  /** A frame longer than this without a terminator is dropped (a 2D code fits in far less). */
  readonly maxFrameBytes?: number;
}

/**
 * Cuts the byte stream of a serial scanner into frames at the suffix, whatever the chunking of
 * the reads (a terminator split over two reads included). A partial frame left by an interrupted
 * scan is given up when the next burst starts, instead of being glued to the next label.
 */
export class ScanFramer {
  readonly #suffix: Buffer;
  readonly #staleAfterMs: number;
  readonly #maxFrameBytes: number;
  #pending: Buffer = Buffer.alloc(0);
  #lastByteAt = Number.NEGATIVE_INFINITY;

  constructor(options: FramerOptions) {
    this.#suffix = suffixBytes[options.suffix];
    this.#staleAfterMs = options.staleAfterMs ?? 1000;
    this.#maxFrameBytes = options.maxFrameBytes ?? 4096;
  }

  push(chunk: Buffer, now: number): RawFrame[] {
    const frames: RawFrame[] = [];
    if (this.#pending.length > 0 && now - this.#lastByteAt > this.#staleAfterMs) {
      frames.push({ bytes: this.#pending, complete: false });
      this.#pending = Buffer.alloc(0);
    }
    this.#lastByteAt = now;
    let buffer = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    for (let end = buffer.indexOf(this.#suffix); end >= 0; end = buffer.indexOf(this.#suffix)) {
      frames.push({ bytes: buffer.subarray(0, end), complete: true });
      buffer = buffer.subarray(end + this.#suffix.length);
    }
    if (buffer.length > this.#maxFrameBytes) {
      frames.push({ bytes: buffer, complete: false });
      buffer = Buffer.alloc(0);
    }
    // Copy so the port's pooled read buffer is not pinned by a leftover slice.
    this.#pending = Buffer.from(buffer);
    return frames;
  }

  reset(): void {
    this.#pending = Buffer.alloc(0);
    this.#lastByteAt = Number.NEGATIVE_INFINITY;
  }
}

/** What a frame turned out to hold. */
export type FrameContent = { kind: 'label'; text: string } | { kind: 'noise' } | { kind: 'invalid'; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

const isPrintable = (byte: number): boolean => byte >= 0x20 && byte < 0x7f;

/** Control characters a label may carry: GS (GS1 FNC1), RS and EOT (ISO 15434 in 2D codes), TAB, CR, LF. */
const ALLOWED_CONTROLS = new Set([0x04, 0x09, 0x0a, 0x0d, 0x1d, 0x1e]);

/**
 * Reads the label text out of one frame: drops line noise before it (everything before the
 * programmed prefix, or the non-printable bytes before the first printable one when there is no
 * prefix), and refuses bytes a scanner would not send.
 */
export function readFrame(bytes: Buffer, prefix: Buffer): FrameContent {
  let body: Buffer;
  if (prefix.length > 0) {
    const at = bytes.indexOf(prefix);
    if (at < 0) {
      return bytes.some(isPrintable) ? { kind: 'invalid', reason: 'the configured prefix is missing' } : { kind: 'noise' };
    }
    body = bytes.subarray(at + prefix.length);
  } else {
    const start = bytes.findIndex(isPrintable);
    if (start < 0) return { kind: 'noise' };
    body = bytes.subarray(start);
  }
  if (body.length === 0) return { kind: 'noise' };
  return readLabelText(body);
}

/** Reads label bytes as text, refusing bytes a scanner would not send (invalid UTF-8, stray control bytes). */
export function readLabelText(body: Uint8Array): FrameContent {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { kind: 'invalid', reason: 'not valid UTF-8' };
  }
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if ((unit < 0x20 || unit === 0x7f) && !ALLOWED_CONTROLS.has(unit)) {
      return { kind: 'invalid', reason: `unexpected control byte 0x${unit.toString(16).padStart(2, '0')} at position ${i}` };
    }
  }
  return { kind: 'label', text };
}

/** A short hex dump for error messages (labels are not card data, but keep messages bounded). */
export function hexPreview(bytes: Buffer, max = 32): string {
  const shown = [...bytes.subarray(0, max)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${shown} … (${bytes.length} bytes)` : shown;
}
