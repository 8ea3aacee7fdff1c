import { EventEmitter } from 'node:events';
import type { LinkState } from '../link/reconnector.ts';

/** What a relay/IO board reports when polled: its relay outputs and its digital inputs. */
export interface RelaySnapshot {
  readonly outputs: readonly boolean[];
  readonly inputs: readonly boolean[];
}

/** A relay could not be switched or read; the message says which and why. */
export class RelayError extends Error {
  override readonly name = 'RelayError';
}

interface BoardEvents {
  link: [LinkState];
  snapshot: [RelaySnapshot];
}

/**
 * A relay/IO board shared by the devices wired to it (a gate on one relay, the lane light on
 * others). While anyone holds it, it stays connected and is polled: the poll reads the outputs
 * and inputs back (a beam sensor, a gate's "open" contact) and doubles as the heartbeat that
 * notices an unplugged board. Outputs are numbered from 0, whatever the board calls them.
 */
export abstract class RelayBoard {
  readonly address: string;
  readonly #pollMs: number;
  readonly #events = new EventEmitter<BoardEvents>();
  #users = 0;
  #link: LinkState;
  #snapshot: RelaySnapshot | null = null;
  #pollTimer: NodeJS.Timeout | null = null;
  #exclusive: Promise<unknown> = Promise.resolve();

  protected constructor(address: string, pollMs: number) {
    this.address = address;
    this.#pollMs = pollMs;
    this.#link = { state: 'offline', detail: `not connected to ${address}` };
  }

  abstract get outputCount(): number;
  abstract get inputCount(): number;

  link(): LinkState {
    return this.#link;
  }

  snapshot(): RelaySnapshot | null {
    return this.#snapshot;
  }

  onLink(listener: (link: LinkState) => void): () => void {
    this.#events.on('link', listener);
    return () => this.#events.off('link', listener);
  }

  onSnapshot(listener: (snapshot: RelaySnapshot) => void): () => void {
    this.#events.on('snapshot', listener);
    return () => this.#events.off('snapshot', listener);
  }

  /** Starts using the board; the first user connects it and starts the poll. */
  async acquire(): Promise<void> {
    this.#users += 1;
    if (this.#users > 1) return;
    await this.reconnector.start();
    this.#schedulePoll(0);
  }

  /** Stops using the board; the last user disconnects it. */
  async release(): Promise<void> {
    if (this.#users === 0) return;
    this.#users -= 1;
    if (this.#users > 0) return;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
    await this.#exclusive;
    await this.reconnector.stop();
    this.#snapshot = null;
  }

  /** Switches one output and resolves once the board confirmed it. */
  setOutput(output: number, on: boolean): Promise<void> {
    if (!Number.isInteger(output) || output < 0 || output >= this.outputCount) {
      return Promise.reject(new RelayError(`${this.address} has outputs 0…${this.outputCount - 1}, not ${output}`));
    }
    return this.#serial(async () => {
      if (this.#link.state !== 'online') throw new RelayError(`${this.address} is ${this.#link.state}: ${this.#link.detail}`);
      await this.writeOutput(output, on);
      const outputs = [...(this.#snapshot?.outputs ?? Array<boolean>(this.outputCount).fill(false))];
      outputs[output] = on;
      this.#take({ outputs, inputs: this.#snapshot?.inputs ?? [] });
    });
  }

  /** Reads the board now (the poll does this on its own). */
  poll(): Promise<RelaySnapshot> {
    return this.#serial(async () => {
      const snapshot = await this.readState();
      this.#take(snapshot);
      return snapshot;
    });
  }

  protected setLink(link: LinkState): void {
    if (link.state === this.#link.state && link.detail === this.#link.detail) return;
    this.#link = link;
    this.#events.emit('link', link);
  }

  /** The board's connection, kept open (and reopened) while the board is held. */
  protected abstract get reconnector(): { start(): Promise<void>; stop(): Promise<void>; readonly connection: unknown };
  protected abstract readState(): Promise<RelaySnapshot>;
  protected abstract writeOutput(output: number, on: boolean): Promise<void>;
  /** A poll failed; the board decides whether the link is down. */
  protected abstract pollFailed(error: Error): void;
  /** True while there is a connection to poll over. */
  protected get connected(): boolean {
    return this.reconnector.connection !== null;
  }

  #take(snapshot: RelaySnapshot): void {
    const before = this.#snapshot;
    this.#snapshot = snapshot;
    if (!before || !sameBits(before.outputs, snapshot.outputs) || !sameBits(before.inputs, snapshot.inputs)) this.#events.emit('snapshot', snapshot);
  }

  #schedulePoll(delayMs: number): void {
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null;
      const round = this.connected ? this.poll().then(() => undefined) : Promise.resolve();
      void round
        .catch((error: unknown) => this.pollFailed(error instanceof Error ? error : new Error(String(error))))
        .finally(() => {
          if (this.#users > 0 && this.#pollTimer === null) this.#schedulePoll(this.#pollMs);
        });
    }, delayMs);
  }

  #serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#exclusive.then(run);
    this.#exclusive = next.catch(() => undefined);
    return next;
  }
}

function sameBits(a: readonly boolean[], b: readonly boolean[]): boolean {
  return a.length === b.length && a.every((bit, index) => bit === b[index]);
}
