/**
 * Tells a keyboard-wedge scanner from a person at the keyboard. A wedge scanner "types" the code
 * as a burst of keys a few milliseconds apart and ends it with Enter (or Tab); people leave tens
 * of milliseconds between keys. Printable keys are held back while they may still be a scan and
 * handed back (`released`) as soon as a slow gap, another key or a short burst shows they were
 * typing, so typing into a field keeps working. Pure and DOM-free: feed it key names and times.
 */

export interface WedgeOptions {
  /** A gap between two keys at or above this many milliseconds is human typing. */
  readonly maxGapMs?: number;
  /** The fewest characters of data (after any AIM prefix) that make a scan. */
  readonly minLength?: number;
}

export interface WedgeScan {
  readonly code: string;
  /** The AIM symbology identifier the scanner prefixed, such as "]E0", or null. */
  readonly aim: string | null;
}

/**
 * What to do with one key. `released` is text held earlier that turned out to be typing: deliver
 * it before this key. `held` and `scan` keys must not reach the page; `typed` keys go on as usual.
 */
export type WedgeStep =
  | { readonly kind: 'held'; readonly released: string }
  | { readonly kind: 'typed'; readonly released: string }
  | { readonly kind: 'scan'; readonly released: string; readonly scan: WedgeScan };

export const DEFAULT_MAX_GAP_MS = 35;
export const DEFAULT_MIN_LENGTH = 6;

// Scanners press Shift for capital letters; a modifier neither breaks nor joins a burst.
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock']);
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

function isPrintable(key: string): boolean {
  const chars = [...key];
  if (chars.length !== 1) return false;
  const point = key.codePointAt(0) ?? 0;
  return point >= 0x20 && point !== 0x7f;
}

export class WedgeDetector {
  readonly maxGapMs: number;
  readonly minLength: number;
  #held = '';
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? DEFAULT_MAX_GAP_MS;
    this.minLength = options.minLength ?? DEFAULT_MIN_LENGTH;
  }

  /** Judges one keydown: `key` as in KeyboardEvent.key, `atMs` on a monotonic clock. */
  feed(key: string, atMs: number): WedgeStep {
    if (MODIFIERS.has(key)) return { kind: 'typed', released: '' };
    const released = this.expire(atMs);
    if (key === 'Enter' || key === 'Tab') {
      const scan = this.#complete();
      if (scan) return { kind: 'scan', released, scan };
      return { kind: 'typed', released: released + this.flush() };
    }
    // A space on its own is how people press buttons; only inside a burst can it be data.
    if (isPrintable(key) && !(key === ' ' && this.#held === '')) {
      this.#held += key;
      this.#lastAt = atMs;
      return { kind: 'held', released };
    }
    return { kind: 'typed', released: released + this.flush() };
  }

  /** Hands back held text once no key has followed within the gap (call it from a timer). */
  expire(atMs: number): string {
    return this.#held !== '' && atMs - this.#lastAt >= this.maxGapMs ? this.flush() : '';
  }

  /** Hands back everything held, e.g. when a shortcut or a focus change interrupts. */
  flush(): string {
    const held = this.#held;
    this.#held = '';
    return held;
  }

  #complete(): WedgeScan | null {
    const prefix = AIM_PREFIX.exec(this.#held)?.[0] ?? null;
    const code = prefix ? this.#held.slice(prefix.length) : this.#held;
    if (code.length < this.minLength) return null;
    this.#held = '';
    return { code, aim: prefix };
  }
}
