import type { TerminalState } from '../../common/api/contract.ts';
import type { SessionView } from '../../common/session.ts';
import type { LaneIntervention, LaneStatus, LaneSummary } from '../../common/store.ts';
import { laneSignal } from '../terminal/lane-signal.ts';

/**
 * Remembers when each open intervention was first seen, so the attendant sees how long a lane
 * has waited. The bagging area and the age check keep no time of their own; a lane restarted
 * meanwhile counts from its restart.
 */
export class InterventionClock {
  readonly #firstSeen = new Map<string, number>();

  /** The waiting time of each id now open; ids no longer open are forgotten. */
  waiting(ids: readonly string[], nowMs: number): Map<string, number> {
    for (const id of this.#firstSeen.keys()) if (!ids.includes(id)) this.#firstSeen.delete(id);
    const out = new Map<string, number>();
    for (const id of ids) {
      const first = this.#firstSeen.get(id) ?? nowMs;
      this.#firstSeen.set(id, first);
      out.set(id, Math.max(0, nowMs - first));
    }
    return out;
  }
}

type Open = LaneIntervention extends infer I ? (I extends LaneIntervention ? Omit<I, 'waitingMs'> & { readonly waitingMs?: number } : never) : never;

/** What the lane tells the attendant's board: its state, basket and what waits for an attendant. */
export function describeLane(
  input: { readonly state: TerminalState; readonly session: SessionView; readonly ageCheckNeeded: number | null; readonly nowMs: number },
  clock: InterventionClock,
): LaneSummary {
  const { state, session, nowMs } = input;
  const basket = state.phase === 'shopping' || state.phase === 'paying' ? state.basket : null;
  const open: Open[] = [];
  if (state.help) {
    open.push({ kind: 'help', id: `help:${state.help.requestedAt}`, waitingMs: Math.max(0, nowMs - Date.parse(state.help.requestedAt)) });
  }
  if (basket && input.ageCheckNeeded !== null) {
    open.push({ kind: 'ageCheck', id: `age:${basket.basketId}:${input.ageCheckNeeded}`, minimumAge: input.ageCheckNeeded });
  }
  for (const alert of state.bagging?.interventions ?? []) {
    open.push({ kind: 'bagging', id: `bagging:${alert.kind}:${alert.lineId ?? '-'}`, alert: alert.kind, grams: alert.grams });
  }
  const waited = clock.waiting(
    open.filter((item) => item.waitingMs === undefined).map((item) => item.id),
    nowMs,
  );
  const interventions = open.map((item) => ({ ...item, waitingMs: item.waitingMs ?? waited.get(item.id) ?? 0 }) as LaneIntervention);
  return {
    laneId: state.laneId,
    role: state.role,
    status: statusOf(state, session, interventions.length > 0),
    currency: state.currency,
    total: basket?.total ?? 0,
    itemCount: basket?.itemCount ?? 0,
    lines: (basket?.lines ?? []).map((line) => ({
      lineId: line.lineId,
      name: line.name.slice(0, 120),
      quantity: line.quantity,
      soldBy: line.soldBy,
      amountPaid: line.amountPaid,
      minimumAge: line.minimumAge,
    })),
    interventions,
  };
}

function statusOf(state: TerminalState, session: SessionView, needsAttendant: boolean): LaneStatus {
  if (needsAttendant) return 'help';
  if (laneSignal(state, session) === 'closed') return 'closed';
  switch (state.phase) {
    case 'shopping':
      return 'shopping';
    case 'paying':
      return 'paying';
    case 'welcome':
    case 'receipt':
      return 'idle';
    default: {
      const unknown: never = state.phase;
      throw new Error(`unknown phase ${String(unknown)}`);
    }
  }
}
