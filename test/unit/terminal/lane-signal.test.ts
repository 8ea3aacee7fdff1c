import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../common/api/contract.ts';
import type { SessionView } from '../../../common/session.ts';
import type { LightSignal } from '../../../drivers/light/lane-light.ts';
import { LaneSignalLight, laneSignal } from '../../../main/terminal/lane-signal.ts';
import { welcomeState } from '../../support/terminal-handlers.ts';

const state: TerminalState = welcomeState;
const shopper: SessionView = { signInRequired: false, operator: null, locked: false, approval: null };

describe('the lane light follows the lane', () => {
  it('is green on an unstaffed lane that needs nobody', () => {
    expect(laneSignal(state, shopper)).toBe('open');
  });

  it('flashes while a shopper has called for help, and is green again once it is cleared', () => {
    expect(laneSignal({ ...state, help: { requestedAt: '2026-12-01T00:00:00.000Z' } }, shopper)).toBe('help');
    expect(laneSignal({ ...state, help: null }, shopper)).toBe('open');
  });

  it('flashes for help on a bagging intervention and on a failed card reader', () => {
    expect(laneSignal({ ...state, bagging: { interventions: [{ kind: 'unexpectedItem', lineId: null, grams: 600 }] } }, shopper)).toBe('help');
    expect(laneSignal({ ...state, payment: { state: 'failed', message: 'no answer' } }, shopper)).toBe('help');
  });

  it('is red on a staffed lane with nobody signed in, or locked', () => {
    expect(laneSignal({ ...state, role: 'associate' }, { ...shopper, signInRequired: true })).toBe('closed');
    expect(laneSignal({ ...state, role: 'associate' }, { ...shopper, signInRequired: true, locked: true, operator: { operatorId: '1001', name: 'Alex', role: 'cashier' } })).toBe('closed');
  });

  it('switches the lamp only when the signal changes, and tries again after a failure', async () => {
    const shown: LightSignal[] = [];
    let failNext = false;
    const light = new LaneSignalLight(
      {
        show: (signal) => {
          shown.push(signal);
          if (!failNext) return Promise.resolve();
          failNext = false;
          return Promise.reject(new Error('relay board offline'));
        },
      },
      pino({ level: 'silent' }),
    );
    light.update('open');
    light.update('open');
    failNext = true;
    light.update('help');
    await Promise.resolve();
    await Promise.resolve();
    light.update('help');
    expect(shown).toEqual(['open', 'help', 'help']);
  });
});
