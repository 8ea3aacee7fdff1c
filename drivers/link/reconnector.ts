import { RECONNECTING_SUFFIX } from '../../common/health.ts';
import type { PlugChange, PlugWatch } from './hotplug.ts';

/** The state of a device link as a driver reports it (`DeviceBase.setLink`). */
export type LinkState = { readonly state: 'online' | 'offline' | 'error'; readonly detail: string };
export type LinkProblem = { readonly state: 'offline' | 'error'; readonly detail: string };

/** How to reach one device: open a connection, close it, and say why an open failed. */
export interface Connector<T> {
  /** Where the device is, for statuses: a port path, `host:port`, a USB id. */
  readonly address: string;
  /** Opens a connection; `lost` is called (at most once) when it goes away by itself. */
  connect(lost: (reason: string) => void): Promise<T>;
  disconnect(connection: T): Promise<void>;
  describeFailure(error: unknown): LinkProblem;
  /**
   * What to say of an open connection when it is more than `address`: the whole status detail
   * once up (`ready on …` otherwise), and where a lost one was (a HID path a search found).
   */
  describe?(connection: T): { readonly ready: string; readonly lostFrom?: string };
  /**
   * Attach/detach events of the device where the platform has them (hotplug.ts): an attach makes
   * the next attempt happen now instead of after the back-off, a detach drops the connection at once.
   */
  readonly watchPlug?: PlugWatch;
}

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * Keeps one connection open while it is wanted: after an open failure or a loss it tries again
 * with exponential back-off until it is back (PROTOCOLS §7.4), reporting each change of link.
 */
export class Reconnector<T> {
  readonly #connector: Connector<T>;
  readonly #backoff: Backoff;
  readonly #report: (link: LinkState) => void;
  readonly #upListeners: ((connection: T) => void)[] = [];
  #connection: T | null = null;
  #wanted = false;
  /** Bumped whenever a connection is given up, so a late open or loss of an old one does nothing. */
  #generation = 0;
  #failures = 0;
  #timer: NodeJS.Timeout | null = null;
  #attempting = false;
  #unwatch: (() => void) | null = null;

  constructor(connector: Connector<T>, backoff: Backoff, report: (link: LinkState) => void) {
    this.#connector = connector;
    this.#backoff = backoff;
    this.#report = report;
  }

  get address(): string {
    return this.#connector.address;
  }

  /** True between `start` and `stop`: the connection should be up. */
  get wanted(): boolean {
    return this.#wanted;
  }

  /** The open connection, or null while there is none. */
  get connection(): T | null {
    return this.#connection;
  }

  /** Runs `listener` each time a connection comes up (first open and every reconnect). */
  onUp(listener: (connection: T) => void): void {
    this.#upListeners.push(listener);
  }

  /** Wants the connection; resolves after the first attempt, whether it succeeded or not. */
  async start(): Promise<void> {
    if (this.#wanted) return;
    this.#wanted = true;
    this.#failures = 0;
    this.#unwatch = this.#connector.watchPlug?.((change) => this.#plug(change)) ?? null;
    await this.#attempt();
  }

  /** Gives the connection up and stops trying. */
  async stop(): Promise<void> {
    this.#wanted = false;
    this.#unwatch?.();
    this.#unwatch = null;
    this.#generation += 1;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const connection = this.#connection;
    this.#connection = null;
    if (connection !== null) await this.#connector.disconnect(connection);
    this.#report({ state: 'offline', detail: `not connected to ${this.address}` });
  }

  /** The driver found the device gone (a failed write, replies that stopped): close and reconnect. */
  drop(reason: string): void {
    const connection = this.#connection;
    if (connection === null) return;
    this.#generation += 1;
    this.#connection = null;
    void this.#connector.disconnect(connection);
    const lostFrom = this.#connector.describe?.(connection).lostFrom;
    const from = lostFrom === undefined ? '' : ` from ${lostFrom}`;
    if (this.#wanted) this.#later({ state: 'offline', detail: `${this.address} disconnected${from} (${reason})` });
  }

  /** A plug event: try now rather than after the back-off, or give up a connection whose device left. */
  #plug({ change, reason }: PlugChange): void {
    if (!this.#wanted) return;
    if (change === 'detached') {
      this.drop(`unplugged: ${reason}`);
      return;
    }
    if (this.#connection !== null || this.#attempting) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    void this.#attempt();
  }

  async #attempt(): Promise<void> {
    this.#attempting = true;
    try {
      await this.#tryOnce();
    } finally {
      this.#attempting = false;
    }
  }

  async #tryOnce(): Promise<void> {
    const generation = this.#generation;
    let connection: T;
    try {
      connection = await this.#connector.connect((reason) => {
        if (generation === this.#generation && this.#connection === connection) this.drop(reason);
      });
    } catch (error) {
      if (generation === this.#generation && this.#wanted) this.#later(this.#connector.describeFailure(error));
      return;
    }
    if (generation !== this.#generation || !this.#wanted) {
      await this.#connector.disconnect(connection);
      return;
    }
    this.#connection = connection;
    this.#failures = 0;
    this.#report({ state: 'online', detail: this.#connector.describe?.(connection).ready ?? `ready on ${this.address}` });
    for (const listener of this.#upListeners) listener(connection);
  }

  #later(problem: LinkProblem): void {
    const delay = Math.min(this.#backoff.maxMs, this.#backoff.initialMs * 2 ** Math.min(this.#failures, 16));
    this.#failures += 1;
    this.#report({ state: problem.state, detail: `${problem.detail}${RECONNECTING_SUFFIX}` });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#wanted) void this.#attempt();
    }, delay);
  }
}
