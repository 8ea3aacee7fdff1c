import { z } from 'zod';
import type { TerminalState } from '../../common/api/contract.ts';
import type { SessionView } from '../../common/session.ts';
import { LaneSummarySchema, RemoteActionRequestSchema, type LaneSummary } from '../../common/store.ts';
import type { StoreNetworkConfig } from '../terminal/config.ts';
import type { Logger } from '../terminal/log.ts';
import { describeLane, InterventionClock } from './lane-summary.ts';
import { PeerClient } from './peer-client.ts';
import { startPeerServer, type PeerServer } from './peer-server.ts';
import { RemoteActionDesk, type AttendedLane } from './remote-actions.ts';
import { StoreBoardWatcher } from './store-board.ts';

export interface StoreNetworkOptions {
  readonly config: StoreNetworkConfig;
  readonly laneId: string;
  readonly lane: AttendedLane;
  readonly session: () => SessionView;
  /** Epoch milliseconds. */
  readonly now: () => number;
  readonly log: Logger;
  readonly pollMs?: number;
}

export interface StoreNetwork {
  /** Where this terminal's peer API listens. */
  readonly url: string;
  /** For features that add peer routes (see PeerServer.addRoute). */
  readonly peer: PeerServer;
  readonly client: PeerClient;
  /** The other lanes, when this terminal has peers configured (the attendant station). */
  readonly board: StoreBoardWatcher | null;
  stop(): Promise<void>;
}

/**
 * The terminal on the store network: its peer API answers the lane's summary and runs the
 * attendant's actions; when peers are configured it also watches them for the attendant's board.
 */
export async function startStoreNetwork(options: StoreNetworkOptions): Promise<StoreNetwork> {
  const { config, lane, log, now } = options;
  const peer = await startPeerServer({ host: config.listen.host, port: config.listen.port, key: config.key, now, log });
  const clock = new InterventionClock();
  const summary = (): LaneSummary => describeLane({ state: lane.state() as TerminalState, session: options.session(), ageCheckNeeded: lane.ageCheckNeeded(), nowMs: now() }, clock);
  const desk = new RemoteActionDesk(lane);

  peer.addRoute({ method: 'GET', path: '/peer/v1/lane', body: z.object({}), handle: () => LaneSummarySchema.parse(summary()) });
  peer.addRoute({
    method: 'POST',
    path: '/peer/v1/lane/actions',
    body: RemoteActionRequestSchema,
    handle: (request, from) => {
      desk.run(request, from.lane);
      return summary();
    },
  });

  const client = new PeerClient({ key: config.key, lane: options.laneId, now });
  // Lanes know their peers to resume each other's suspended sales; only the station watches them.
  const board = config.peers.length > 0 && lane.role() === 'attendant' ? new StoreBoardWatcher({ peers: config.peers, client, now, log, ...(options.pollMs ? { pollMs: options.pollMs } : {}) }) : null;
  board?.start();
  log.info({ url: peer.url, peers: config.peers.length }, 'store peer API listening');
  return {
    url: peer.url,
    peer,
    client,
    board,
    async stop() {
      await board?.stop();
      await peer.close();
    },
  };
}
