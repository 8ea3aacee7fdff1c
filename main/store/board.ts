import type { BoardIntervention, BoardLane, LaneSummary, StoreBoard } from '../../common/store.ts';

/** What the attendant station knows of one peer lane. */
export interface PeerLinkState {
  readonly laneId: string;
  readonly status: 'connecting' | 'online' | 'offline';
  readonly summary: LaneSummary | null;
  readonly lastSeenMs: number | null;
  /** When each open intervention began, on the station's clock. */
  readonly since: ReadonlyMap<string, string>;
}

export function initialLink(laneId: string): PeerLinkState {
  return { laneId, status: 'connecting', summary: null, lastSeenMs: null, since: new Map() };
}

/**
 * A lane answered. Each intervention's start is placed on the station's clock once, when it is
 * first seen (the answer's receipt minus how long the lane says it has waited), so the clocks of
 * the lanes never have to agree and the board does not shift with every poll.
 */
export function linkAnswered(link: PeerLinkState, summary: LaneSummary, receivedAtMs: number): PeerLinkState {
  const since = new Map<string, string>();
  for (const intervention of summary.interventions) {
    since.set(intervention.id, link.since.get(intervention.id) ?? new Date(receivedAtMs - intervention.waitingMs).toISOString());
  }
  return { laneId: link.laneId, status: 'online', summary, lastSeenMs: receivedAtMs, since };
}

/** A lane did not answer: it shows offline, with nothing of its last state that might be stale. */
export function linkFailed(link: PeerLinkState): PeerLinkState {
  return { ...link, status: 'offline', summary: null, since: new Map() };
}

export function boardLane(link: PeerLinkState): BoardLane {
  const summary = link.status === 'online' ? link.summary : null;
  const lastSeen = link.lastSeenMs === null ? null : new Date(link.lastSeenMs).toISOString();
  if (!summary) {
    return { laneId: link.laneId, status: link.status === 'online' ? 'offline' : link.status, role: null, currency: null, total: 0, itemCount: 0, lines: [], interventions: [], lastSeen };
  }
  const interventions = summary.interventions.map(({ waitingMs: _waitingMs, ...rest }) => ({ ...rest, since: link.since.get(rest.id) ?? lastSeen ?? new Date(0).toISOString() }) as BoardIntervention);
  // Oldest first: the attendant works the queue in the order the shoppers started waiting.
  interventions.sort((a, b) => Date.parse(a.since) - Date.parse(b.since) || a.id.localeCompare(b.id));
  return {
    laneId: link.laneId,
    status: summary.status,
    role: summary.role,
    currency: summary.currency,
    total: summary.total,
    itemCount: summary.itemCount,
    lines: summary.lines,
    interventions,
    lastSeen,
  };
}

/** The board in the configured order of the lanes: tiles never move under the attendant's finger. */
export function aggregateBoard(links: readonly PeerLinkState[]): StoreBoard {
  return { lanes: links.map(boardLane) };
}
