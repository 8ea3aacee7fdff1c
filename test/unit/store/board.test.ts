import { describe, expect, it } from 'vitest';
import { laneUrgency, type LaneSummary } from '../../../common/store.ts';
import { aggregateBoard, initialLink, linkAnswered, linkFailed } from '../../../main/store/board.ts';
import { backoffMs } from '../../../main/store/store-board.ts';

const T0 = Date.parse('2026-11-22T10:00:00.000Z');

function summary(overrides: Partial<LaneSummary> = {}): LaneSummary {
  return { laneId: 'SCO-1', role: 'self-checkout', status: 'shopping', currency: 'USD', total: 1225, itemCount: 2, lines: [], interventions: [], ...overrides };
}

describe("the attendant's board", () => {
  it('shows a lane as connecting until it answers, then its state, then offline with nothing stale when it stops answering', () => {
    const connecting = initialLink('SCO-1');
    expect(aggregateBoard([connecting]).lanes[0]).toMatchObject({ status: 'connecting', lastSeen: null, total: 0 });
    const online = linkAnswered(connecting, summary(), T0);
    expect(aggregateBoard([online]).lanes[0]).toMatchObject({ status: 'shopping', total: 1225, itemCount: 2, currency: 'USD', lastSeen: new Date(T0).toISOString() });
    const offline = linkFailed(linkAnswered(online, summary({ interventions: [{ kind: 'help', id: 'help:x', waitingMs: 0 }] }), T0));
    expect(aggregateBoard([offline]).lanes[0]).toMatchObject({ status: 'offline', total: 0, itemCount: 0, interventions: [], lastSeen: new Date(T0).toISOString() });
  });

  it("places each intervention's start on the station's clock once, so the board does not shift between polls", () => {
    const first = linkAnswered(initialLink('SCO-1'), summary({ status: 'help', interventions: [{ kind: 'ageCheck', id: 'age:b1:21', waitingMs: 4000, minimumAge: 21 }] }), T0);
    // Polled again 1.1 s later; the lane (on its own clock) says 5.0 s.
    const again = linkAnswered(first, summary({ status: 'help', interventions: [{ kind: 'ageCheck', id: 'age:b1:21', waitingMs: 5000, minimumAge: 21 }] }), T0 + 1100);
    const lane = aggregateBoard([again]).lanes[0];
    expect(lane?.interventions).toEqual([{ kind: 'ageCheck', id: 'age:b1:21', minimumAge: 21, since: new Date(T0 - 4000).toISOString() }]);
  });

  it('lists the interventions oldest first and keeps the lanes in their configured order', () => {
    const busy = linkAnswered(
      initialLink('SCO-2'),
      summary({
        laneId: 'SCO-2',
        status: 'help',
        interventions: [
          { kind: 'bagging', id: 'bagging:unexpectedItem:-', waitingMs: 1000, alert: 'unexpectedItem', grams: 350 },
          { kind: 'help', id: 'help:t', waitingMs: 9000 },
        ],
      }),
      T0,
    );
    const quiet = linkAnswered(initialLink('SCO-1'), summary({ status: 'idle', total: 0, itemCount: 0 }), T0);
    const board = aggregateBoard([quiet, busy]);
    expect(board.lanes.map((lane) => lane.laneId)).toEqual(['SCO-1', 'SCO-2']);
    expect(board.lanes[1]?.interventions.map((item) => item.kind)).toEqual(['help', 'bagging']);
  });

  it('rates a call for help urgent at once, and any other intervention urgent after a minute', () => {
    const age = { kind: 'ageCheck' as const, id: 'a', minimumAge: 21, since: new Date(T0).toISOString() };
    expect(laneUrgency({ interventions: [] }, T0)).toBe('none');
    expect(laneUrgency({ interventions: [age] }, T0 + 59_999)).toBe('attention');
    expect(laneUrgency({ interventions: [age] }, T0 + 60_000)).toBe('urgent');
    expect(laneUrgency({ interventions: [{ kind: 'help', id: 'h', since: new Date(T0).toISOString() }] }, T0)).toBe('urgent');
  });

  it('backs off from a lane that does not answer, doubling up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 40].map((failures) => backoffMs(failures, 1000, 30_000))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });
});
