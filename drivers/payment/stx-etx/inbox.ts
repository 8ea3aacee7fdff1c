/**
 * What a driver operation waits for, in arrival order: an operation takes the first item it
 * accepts, leaving the others for whoever waits for them. Bounded: the oldest items go first.
 */
export class Inbox<T> {
  readonly #capacity: number;
  #items: T[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  push(item: T): void {
    this.#items.push(item);
    if (this.#items.length > this.#capacity) this.#items.shift();
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Drops everything waiting (stale answers of an earlier operation). */
  clear(): void {
    this.#items = [];
  }

  /** The first item `pick` accepts (removed), as `pick` maps it; null after `timeoutMs`. */
  take<R>(pick: (item: T) => R | undefined, timeoutMs: number): Promise<R | null> {
    return new Promise<R | null>((resolve) => {
      const finish = (value: R | null): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(value);
      };
      const check = (): boolean => {
        for (let index = 0; index < this.#items.length; index++) {
          const picked = pick(this.#items[index] as T);
          if (picked !== undefined) {
            this.#items.splice(index, 1);
            finish(picked);
            return true;
          }
        }
        return false;
      };
      const timer = setTimeout(() => finish(null), Math.max(0, timeoutMs));
      if (!check()) this.#waiters.add(check);
    });
  }
}
