export interface BackoffOptions {
  /** Wait before the first retry. */
  readonly initialMs: number;
  /** The wait doubles per failed attempt up to this. */
  readonly maxMs: number;
}

/**
 * Keeps a device link wanted between claim and release and retries it with exponential back-off
 * while it is down. Each link (an open port, an open HID handle) belongs to a generation: losing
 * the link or giving it up starts a new one, so a late open or event of an old link can be told
 * apart and ignored (`isCurrent`).
 */
export class Reconnector {
  readonly #options: BackoffOptions;
  readonly #connect: () => Promise<void>;
  #wanted = false;
  #generation = 0;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;

  /** `connect` makes one attempt; it ends by calling `connected()` or `retry()`. */
  constructor(options: BackoffOptions, connect: () => Promise<void>) {
    this.#options = options;
    this.#connect = connect;
  }

  /** True between `start` and `stop`: the link should be up. */
  get wanted(): boolean {
    return this.#wanted;
  }

  /** The generation an attempt starts in; pass it to `isCurrent` after every await. */
  get generation(): number {
    return this.#generation;
  }

  /** Wants the link and makes the first attempt. */
  start(): Promise<void> {
    this.#wanted = true;
    this.#attempt = 0;
    return this.#connect();
  }

  /** Gives the link up: no more attempts, and whatever an attempt in flight opens is not current. */
  stop(): void {
    this.#wanted = false;
    this.#generation += 1;
    this.#clearTimer();
  }

  /** True while the link is wanted and nothing was lost or given up since `generation` was read. */
  isCurrent(generation: number): boolean {
    return this.#wanted && generation === this.#generation;
  }

  /** The link came up: the next loss retries quickly again. */
  connected(): void {
    this.#attempt = 0;
  }

  /** The current link is gone; events of it from now on are stale. */
  lost(): void {
    this.#generation += 1;
  }

  /** Schedules the next attempt after the back-off delay and returns that delay; nothing when not wanted. */
  retry(): number {
    if (!this.#wanted) return 0;
    const { initialMs, maxMs } = this.#options;
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(this.#attempt, 16));
    this.#attempt += 1;
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#wanted) void this.#connect();
    }, delay);
    return delay;
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
