import { EventEmitter } from 'node:events';
import type { DeviceStatus } from '../common/api/contract.ts';

/** What kind of device a driver serves; the same vocabulary as the API contract. */
export type DeviceKind = DeviceStatus['kind'];

/** UnifiedPOS status vocabulary: ready, unreachable, switched off or disabled, faulty. */
export type DeviceState = DeviceStatus['state'];

/** Where a device is in the UnifiedPOS lifecycle open → claim → enable … disable → release → close. */
export type Lifecycle = 'closed' | 'open' | 'claimed' | 'enabled';

/** Every device event; a device class adds its own (a payment terminal's `prompt`). */
export interface DeviceEvents<TData> {
  status: [DeviceStatus];
  data: [TData];
  error: [Error];
}

/** An event map: each event name with the arguments its listeners receive. */
export type EventMap<T> = { [K in keyof T]: unknown[] };

/** What the terminal sees of any device, whatever its class and transport. */
export interface Device<TEvents extends EventMap<TEvents>> {
  readonly name: string;
  readonly kind: DeviceKind;
  readonly lifecycle: Lifecycle;
  /** A snapshot for the UI and the attendant, matching `DeviceStatusSchema`. */
  status(): DeviceStatus;
  open(): Promise<void>;
  claim(): Promise<void>;
  enable(): Promise<void>;
  disable(): Promise<void>;
  release(): Promise<void>;
  close(): Promise<void>;
  on<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this;
  once<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this;
  off<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this;
}

/** A lifecycle call made out of order, e.g. `enable()` before `claim()`. */
export class DeviceLifecycleError extends Error {
  override readonly name = 'DeviceLifecycleError';
}

const order: readonly Lifecycle[] = ['closed', 'open', 'claimed', 'enabled'];
const rank = (lifecycle: Lifecycle): number => order.indexOf(lifecycle);

/**
 * The lifecycle every driver shares. A driver overrides the hooks it needs and reports the state
 * of its link with `setLink`; the published status follows from both:
 * not claimed → `off`; claimed with the link down or faulty → `offline`/`error`;
 * claimed and disabled → `off`; enabled with the link up → `online`.
 * Lifecycle calls run one at a time in the order they were made.
 */
export abstract class DeviceBase<TData, TEvents extends EventMap<TEvents> & DeviceEvents<TData> = DeviceEvents<TData>>
  implements Device<TEvents>
{
  readonly name: string;
  readonly kind: DeviceKind;
  readonly #emitter = new EventEmitter();
  #lifecycle: Lifecycle = 'closed';
  #link: { state: Exclude<DeviceState, 'off'>; detail: string } = { state: 'offline', detail: 'not connected' };
  #published: DeviceStatus;
  #queue: Promise<void> = Promise.resolve();

  constructor(name: string, kind: DeviceKind) {
    this.name = name;
    this.kind = kind;
    this.#published = { name, kind, state: 'off', detail: 'closed' };
  }

  get lifecycle(): Lifecycle {
    return this.#lifecycle;
  }

  status(): DeviceStatus {
    return { ...this.#published };
  }

  open(): Promise<void> {
    return this.#step('open', async () => {
      if (this.#lifecycle !== 'closed') return;
      await this.onOpen();
      this.#moveTo('open');
    });
  }

  claim(): Promise<void> {
    return this.#step('claim', async () => {
      if (this.#lifecycle === 'closed') throw new DeviceLifecycleError(`${this.name}: open the device before claiming it`);
      if (rank(this.#lifecycle) >= rank('claimed')) return;
      await this.onClaim();
      this.#moveTo('claimed');
    });
  }

  enable(): Promise<void> {
    return this.#step('enable', async () => {
      if (rank(this.#lifecycle) < rank('claimed')) throw new DeviceLifecycleError(`${this.name}: claim the device before enabling it`);
      if (this.#lifecycle === 'enabled') return;
      await this.onEnable();
      this.#moveTo('enabled');
    });
  }

  disable(): Promise<void> {
    return this.#step('disable', () => this.#disable());
  }

  /** Gives the device up for others; an enabled device is disabled first, as in UnifiedPOS. */
  release(): Promise<void> {
    return this.#step('release', async () => {
      await this.#disable();
      await this.#release();
    });
  }

  /** Closes from any state, disabling and releasing on the way. */
  close(): Promise<void> {
    return this.#step('close', async () => {
      await this.#disable();
      await this.#release();
      if (this.#lifecycle === 'closed') return;
      await this.onClose();
      this.#moveTo('closed');
    });
  }

  on<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this {
    this.#emitter.on(event, listener);
    return this;
  }

  once<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this {
    this.#emitter.once(event, listener);
    return this;
  }

  off<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this {
    this.#emitter.off(event, listener);
    return this;
  }

  // Hooks for the driver; each runs inside the lifecycle step that names it.
  protected async onOpen(): Promise<void> {}
  protected async onClaim(): Promise<void> {}
  protected async onEnable(): Promise<void> {}
  protected async onDisable(): Promise<void> {}
  protected async onRelease(): Promise<void> {}
  protected async onClose(): Promise<void> {}

  protected get enabled(): boolean {
    return this.#lifecycle === 'enabled';
  }

  /** The driver reports its link: up (`online`), down (`offline`) or faulty (`error`), with a human detail. */
  protected setLink(state: Exclude<DeviceState, 'off'>, detail: string): void {
    this.#link = { state, detail };
    this.#publish();
  }

  /** Delivers data to the application; nothing is delivered while the device is not enabled. */
  protected deliver(data: TData): void {
    if (this.enabled) this.#emitter.emit('data', data);
  }

  /**
   * Reports a problem without stopping the device. Node throws on an `error` event nobody
   * listens to; a garbled barcode must never bring the lane down, so unheard errors are dropped.
   */
  protected reportError(error: Error): void {
    if (this.#emitter.listenerCount('error') > 0) this.#emitter.emit('error', error);
  }

  protected emit<K extends keyof TEvents & string>(event: K, ...args: TEvents[K]): void {
    this.#emitter.emit(event, ...args);
  }

  async #disable(): Promise<void> {
    if (this.#lifecycle !== 'enabled') return;
    await this.onDisable();
    this.#moveTo('claimed');
  }

  async #release(): Promise<void> {
    if (this.#lifecycle !== 'claimed') return;
    await this.onRelease();
    this.#moveTo('open');
  }

  #moveTo(lifecycle: Lifecycle): void {
    this.#lifecycle = lifecycle;
    this.#publish();
  }

  #publish(): void {
    const next = this.#derive();
    if (next.state === this.#published.state && next.detail === this.#published.detail) return;
    this.#published = { name: this.name, kind: this.kind, ...next };
    this.#emitter.emit('status', this.status());
  }

  #derive(): Pick<DeviceStatus, 'state' | 'detail'> {
    switch (this.#lifecycle) {
      case 'closed':
        return { state: 'off', detail: 'closed' };
      case 'open':
        return { state: 'off', detail: 'open, not claimed' };
      case 'claimed':
        return this.#link.state === 'online' ? { state: 'off', detail: 'disabled' } : this.#link;
      case 'enabled':
        return this.#link;
      default: {
        const unreachable: never = this.#lifecycle;
        throw new Error(`unknown lifecycle ${String(unreachable)}`);
      }
    }
  }

  #step(what: string, run: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(run);
    // The queue carries on after a failed step; the caller still sees the failure.
    this.#queue = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      if (error instanceof Error && !error.message.startsWith(`${this.name}:`)) error.message = `${this.name}: ${what} failed: ${error.message}`;
      throw error;
    });
  }
}
