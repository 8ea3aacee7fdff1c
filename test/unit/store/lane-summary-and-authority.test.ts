import { describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../common/api/contract.ts';
import type { BasketView } from '../../../common/basket.ts';
import type { SessionView } from '../../../common/session.ts';
import type { Operator } from '../../../main/ledger/operators.ts';
import { describeLane, InterventionClock } from '../../../main/store/lane-summary.ts';
import { authorizeRemote, RemoteActionDesk, type AttendedLane } from '../../../main/store/remote-actions.ts';
import { welcomeState } from '../../support/terminal-handlers.ts';
import { refusal } from '../../support/refusal.ts';

const T0 = Date.parse('2026-11-22T10:00:00.000Z');
const shopper: SessionView = { signInRequired: false, operator: null, locked: false, approval: null };

const basket = {
  basketId: 'bsk_1',
  currency: 'USD',
  taxMode: 'exclusive',
  lines: [
    { lineId: 'ln_1', itemId: 'ipa', name: 'IPA 6-pack', code: '085123006016', soldBy: 'each', quantity: 1, unitPrice: 1099, extendedPrice: 1099, priceSource: 'catalog', regularUnitPrice: null, tareGrams: 0, discounts: [], discountTotal: 0, netPrice: 1099, tax: 113, amountPaid: 1212, taxCategory: 'alcohol', minimumAge: 21 },
  ],
  itemCount: 1,
  subtotal: 1099,
  discountTotal: 0,
  savings: [],
  coupons: [],
  customer: { memberId: null, taxExempt: false },
  taxRounding: 'line',
  taxes: [],
  taxTotal: 113,
  total: 1212,
  paid: 0,
  due: 1212,
  cash: { increment: 1, due: 1212, rounding: 0 },
  tenders: [],
  ageCheckRequired: true,
} satisfies BasketView;

const shopping: TerminalState = { ...welcomeState, laneId: 'SCO-1', phase: 'shopping', basket };

const operator = (role: Operator['role'], active = true): Operator => ({ operatorId: '1001', name: 'Alex Rivera', role, active, failedPinAttempts: 0, lockedUntil: null });

describe("a lane's summary for the board", () => {
  it('is idle at the welcome screen with nothing waiting', () => {
    expect(describeLane({ state: { ...welcomeState, laneId: 'SCO-1' }, session: shopper, ageCheckNeeded: null, nowMs: T0 }, new InterventionClock())).toMatchObject({
      status: 'idle',
      total: 0,
      itemCount: 0,
      interventions: [],
    });
  });

  it('asks for help with an age check, a bagging alert and a call for help, each with its waiting time', () => {
    const clock = new InterventionClock();
    const state: TerminalState = {
      ...shopping,
      help: { requestedAt: new Date(T0 - 30_000).toISOString() },
      bagging: { interventions: [{ kind: 'unexpectedItem', lineId: null, grams: 420 }] },
    };
    describeLane({ state, session: shopper, ageCheckNeeded: 21, nowMs: T0 }, clock);
    const later = describeLane({ state, session: shopper, ageCheckNeeded: 21, nowMs: T0 + 5000 }, clock);
    expect(later).toMatchObject({ status: 'help', total: 1212, itemCount: 1 });
    expect(later.interventions).toEqual([
      { kind: 'help', id: `help:${new Date(T0 - 30_000).toISOString()}`, waitingMs: 35_000 },
      { kind: 'ageCheck', id: 'age:bsk_1:21', waitingMs: 5000, minimumAge: 21 },
      { kind: 'bagging', id: 'bagging:unexpectedItem:-', waitingMs: 5000, alert: 'unexpectedItem', grams: 420 },
    ]);
  });

  it('starts the wait again for an intervention that closed and opened anew', () => {
    const clock = new InterventionClock();
    describeLane({ state: shopping, session: shopper, ageCheckNeeded: 21, nowMs: T0 }, clock);
    describeLane({ state: shopping, session: shopper, ageCheckNeeded: null, nowMs: T0 + 1000 }, clock);
    expect(describeLane({ state: shopping, session: shopper, ageCheckNeeded: 21, nowMs: T0 + 9000 }, clock).interventions[0]?.waitingMs).toBe(0);
  });

  it('is closed when it is a staffed lane with nobody signed in', () => {
    const session: SessionView = { ...shopper, signInRequired: true };
    expect(describeLane({ state: { ...welcomeState, role: 'associate' }, session, ageCheckNeeded: null, nowMs: T0 }, new InterventionClock()).status).toBe('closed');
  });
});

describe("the lane's authority over an attendant's request", () => {
  it('lets an active operator whose role holds the permission act on a self-checkout', () => {
    expect(authorizeRemote('self-checkout', operator('cashier'), 'approveAge').operatorId).toBe('1001');
    expect(authorizeRemote('self-checkout', operator('supervisor'), 'clearBagging').operatorId).toBe('1001');
  });

  it('refuses an operator it does not know, or one who is no longer active', () => {
    expect(refusal(() => authorizeRemote('self-checkout', null, 'voidLine')).code).toBe('FORBIDDEN');
    expect(refusal(() => authorizeRemote('self-checkout', operator('manager', false), 'voidLine')).code).toBe('FORBIDDEN');
  });

  it('refuses actions on a staffed lane, whose cashier works it', () => {
    expect(refusal(() => authorizeRemote('associate', operator('manager'), 'approveAge')).code).toBe('FORBIDDEN');
  });

  it('audits a refusal under the operator id it was asked for, and runs nothing', () => {
    const audited: unknown[] = [];
    let voided = 0;
    const lane: AttendedLane = {
      laneId: 'SCO-1',
      role: () => 'self-checkout',
      state: () => shopping,
      ageCheckNeeded: () => 21,
      verifyAge: () => undefined,
      voidLine: () => {
        voided += 1;
      },
      clearBagging: () => undefined,
      acknowledgeHelp: () => false,
      findOperator: () => null,
      audit: (entry) => audited.push(entry),
    };
    const desk = new RemoteActionDesk(lane);
    expect(refusal(() => desk.run({ requestId: 'req-void-0001', operatorId: '4242', action: { type: 'voidLine', lineId: 'ln_1' } }, 'ATT-1')).code).toBe('FORBIDDEN');
    expect(voided).toBe(0);
    expect(audited).toEqual([expect.objectContaining({ action: 'attendant.refused', operatorId: '4242', subject: 'voidLine' })]);
  });
});
