import type { TerminalHealth } from '../../common/health.ts';

/** What a healthy self-checkout lane reports at /health, for hosts tested with a fake terminal. */
export function healthyLane(): TerminalHealth {
  return {
    status: 'ok',
    canSell: true,
    problems: [],
    role: 'self-checkout',
    laneId: 'L01',
    version: '0.1.0',
    checkedAt: '2026-01-01T00:00:00.000Z',
    ledger: { state: 'open', lastSaleSeq: null, outboxBacklog: 0, error: null },
    devices: [],
  };
}
