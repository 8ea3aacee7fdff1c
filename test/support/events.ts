import type { Device, EventMap } from '../../drivers/device.ts';

/**
 * Resolves with the arguments of the first `event` that passes `accept`; rejects after
 * `timeoutMs`, naming what it waited for (a bounded wait, never a sleep standing in for an assertion).
 */
export function nextEvent<M extends EventMap<M>, K extends keyof M & string>(
  device: Device<M>,
  event: K,
  accept: (...args: M[K]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<M[K]> {
  return new Promise<M[K]>((resolve, reject) => {
    const listener = (...args: M[K]): void => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      device.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      device.off(event, listener);
      reject(new Error(`no matching "${event}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    device.on(event, listener);
  });
}

export interface Collected<T> {
  readonly items: T[];
  /** Waits (bounded) until `count` items have arrived and returns the first `count`. */
  take(count: number, timeoutMs?: number): Promise<T[]>;
}

/** Collects the first argument of every `event` from now on. */
export function collect<M extends EventMap<M>, K extends keyof M & string>(device: Device<M>, event: K): Collected<M[K][0]> {
  const items: M[K][0][] = [];
  const waiters = new Set<() => void>();
  device.on(event, (...args: M[K]) => {
    items.push(args[0]);
    for (const waiter of waiters) waiter();
  });
  return {
    items,
    take(count, timeoutMs = 5000) {
      if (items.length >= count) return Promise.resolve(items.slice(0, count));
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (items.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(items.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} "${event}" events within ${timeoutMs} ms, got ${items.length}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
  };
}
