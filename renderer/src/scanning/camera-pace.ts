/**
 * How often the camera decodes: at most `maxFps` frames a second, and never more than `maxBusyShare`
 * of the renderer's time, so a slow decode on a loaded lane slows the camera down instead of the
 * screen. Pure: give it how long the last decode took.
 */
export interface CameraPace {
  readonly maxFps: number;
  /** The largest share of wall time spent decoding (0 < share ≤ 1). */
  readonly maxBusyShare: number;
}

/** About 6 decodes a second at most a third of one core: a code in view is read within a fraction of a second. */
export const DEFAULT_CAMERA_PACE: CameraPace = { maxFps: 6, maxBusyShare: 1 / 3 };

/** Milliseconds to wait after a decode that took `decodeMs` before the next one. */
export function nextDecodeDelay(decodeMs: number, pace: CameraPace = DEFAULT_CAMERA_PACE): number {
  const spent = Math.max(0, decodeMs);
  const byRate = 1000 / pace.maxFps - spent;
  const byShare = spent * (1 / pace.maxBusyShare - 1);
  return Math.ceil(Math.max(0, byRate, byShare));
}

/**
 * A code held in front of the camera is seen in frame after frame; it counts once. The same code
 * counts again only after it has been out of view for `holdMs` (each sighting renews the hold),
 * so a shopper who scans the same item twice takes it away and shows it again.
 */
export class CameraRepeatFilter {
  readonly holdMs: number;
  #last: { code: string; seenAt: number } | null = null;

  constructor(holdMs = 1500) {
    this.holdMs = holdMs;
  }

  /** Whether a sighting of `code` at `atMs` (monotonic) is a new scan. */
  accept(code: string, atMs: number): boolean {
    const last = this.#last;
    const repeat = last !== null && last.code === code && atMs - last.seenAt < this.holdMs;
    this.#last = { code, seenAt: atMs };
    return !repeat;
  }
}
