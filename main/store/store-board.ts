import { EventEmitter } from 'node:events';
import { TerminalError } from '../../common/api/result.ts';
import { LaneSummarySchema, type LaneSummary, type RemoteActionRequest, type StoreBoard } from '../../common/store.ts';
import type { StorePeer } from '../terminal/config.ts';
import type { Logger } from '../terminal/log.ts';
import { aggregateBoard, initialLink, linkAnswered, linkFailed, type PeerLinkState } from './board.ts';
import { PeerUnreachable, type PeerClient } from './peer-client.ts';

export interface StoreBoardOptions {
  readonly peers: readonly StorePeer[];
  readonly client: PeerClient;
  /** Epoch milliseconds. */
  readonly now: () => number;
  readonly log: Logger;
  /** How often a lane that answers is asked again. */
  readonly pollMs?: number;
  /** The longest wait between attempts at a lane that does not answer. */
  readonly maxBackoffMs?: number;
}

/** The wait before the next attempt after `failures` failed ones in a row: doubling, capped. */
export function backoffMs(failures: number, pollMs: number, maxBackoffMs: number): number {
  if (failures <= 0) return pollMs;
  return Math.min(maxBackoffMs, pollMs * 2 ** Math.min(failures, 16));
}

interface Watch {
  readonly peer: StorePeer;
  link: PeerLinkState;
  failures: number;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
}

/**
 * The attendant station's view of the store: asks every configured lane for its summary (a
 * signed request), keeps polling the lanes that answer and backs off from those that do not,
 * each on its own timer so one lane down slows nobody. `changed` fires when the board differs.
 */
export class StoreBoardWatcher extends EventEmitter<{ changed: [StoreBoard] }> {
  readonly #options: StoreBoardOptions;
  readonly #watches: Watch[];
  #stopped = false;
  #shown = '';

  constructor(options: StoreBoardOptions) {
    super();
    this.#options = options;
    this.#watches = options.peers.map((peer) => ({ peer, link: initialLink(peer.lane), failures: 0, timer: null, inFlight: null }));
  }

  start(): void {
    for (const watch of this.#watches) this.#poll(watch);
  }

  view(): StoreBoard {
    return aggregateBoard(this.#watches.map((watch) => watch.link));
  }

  /** Sends an attendant's action to a lane; the lane's refusal comes back as a TerminalError with its code. */
  async act(laneId: string, request: RemoteActionRequest): Promise<LaneSummary> {
    const watch = this.#watches.find((candidate) => candidate.peer.lane === laneId);
    if (!watch) throw new TerminalError('INVALID_INPUT', `lane ${laneId} is not on this store's board`, 'laneId');
    let answer;
    try {
      answer = await this.#options.client.request(watch.peer, 'POST', '/peer/v1/lane/actions', request, LaneSummarySchema);
    } catch (error) {
      if (!(error instanceof PeerUnreachable)) throw error;
      this.#failed(watch, error);
      throw new TerminalError('LANE_UNREACHABLE', `lane ${laneId} cannot be reached: go to the lane`);
    }
    if (!answer.ok) throw new TerminalError(answer.error.code, answer.error.message, answer.error.field);
    this.#answered(watch, answer.value);
    return answer.value;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const watch of this.#watches) if (watch.timer) clearTimeout(watch.timer);
    await Promise.all(this.#watches.map((watch) => watch.inFlight));
  }

  #poll(watch: Watch): void {
    if (this.#stopped) return;
    watch.timer = null;
    const { pollMs = 1000, maxBackoffMs = 30_000 } = this.#options;
    watch.inFlight = this.#options.client
      .request(watch.peer, 'GET', '/peer/v1/lane', undefined, LaneSummarySchema)
      .then(
        (answer) => {
          if (answer.ok) this.#answered(watch, answer.value);
          else this.#failed(watch, new Error(`${answer.error.code}: ${answer.error.message}`));
        },
        (error: unknown) => this.#failed(watch, error),
      )
      .finally(() => {
        watch.inFlight = null;
        if (!this.#stopped) watch.timer = setTimeout(() => this.#poll(watch), backoffMs(watch.failures, pollMs, maxBackoffMs));
      });
  }

  #answered(watch: Watch, summary: LaneSummary): void {
    if (watch.failures > 0) this.#options.log.info({ lane: watch.peer.lane }, 'store peer back online');
    watch.failures = 0;
    watch.link = linkAnswered(watch.link, summary, this.#options.now());
    this.#publish();
  }

  #failed(watch: Watch, error: unknown): void {
    if (watch.failures === 0) this.#options.log.warn({ lane: watch.peer.lane, err: error instanceof Error ? error.message : String(error) }, 'store peer offline');
    watch.failures += 1;
    watch.link = linkFailed(watch.link);
    this.#publish();
  }

  #publish(): void {
    const board = this.view();
    const text = JSON.stringify(board);
    if (text === this.#shown) return;
    this.#shown = text;
    this.emit('changed', board);
  }
}
