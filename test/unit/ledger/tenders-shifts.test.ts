import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../main/ledger/errors.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { useTempDir } from './temp-dir.ts';

const dir = useTempDir();
let ledger: Ledger;
beforeEach(() => {
  ledger = Ledger.open(path.join(dir(), 'ledger.sqlite'));
});
afterEach(() => ledger.close());

const AT = '2026-11-22T15:00:00.000Z';

function openShift(requestId = 'open-req-0001'): void {
  ledger.shifts.open({ shiftId: 'shift_1', laneId: 'L01', operatorId: '1001', businessDate: '2026-11-22', currency: 'USD', openingFloat: 10_000, requestId, at: AT });
}

function raw(): Database.Database {
  return new Database(ledger.file);
}

describe('migration 0006: shifts', () => {
  it('opens one shift per lane, by request id once', () => {
    openShift();
    openShift();
    expect(() => ledger.shifts.open({ shiftId: 'shift_2', laneId: 'L01', operatorId: '1002', businessDate: '2026-11-22', currency: 'USD', openingFloat: 0, requestId: 'open-req-0002', at: AT })).toThrowError(
      expect.objectContaining({ code: 'SHIFT_ALREADY_OPEN' }) as Error,
    );
  });

  it('closes a shift once: the database refuses to change a closed shift or delete one', () => {
    openShift();
    ledger.shifts.close({ laneId: 'L01', counted: [{ denomination: 2000, count: 5 }], closedBy: '2001', requestId: 'close-req-001', at: AT });
    const db = raw();
    try {
      expect(() => db.prepare("UPDATE shifts SET over_short = 0, counted_total = expected_cash WHERE shift_id = 'shift_1'").run()).toThrowError(/closed once/);
      expect(() => db.prepare("DELETE FROM shifts WHERE shift_id = 'shift_1'").run()).toThrowError(/append-only/);
    } finally {
      db.close();
    }
  });

  it('keeps paid in and paid out append-only, and refuses cash movements without an open shift', () => {
    const move = { movementId: 'cash_1', laneId: 'L01', kind: 'paid-in' as const, amount: 500, reason: 'change-fund', note: null, operatorId: '2001', approverId: null, requestId: 'paid-req-0001', at: AT };
    expect(() => ledger.shifts.moveCash(move)).toThrowError(expect.objectContaining({ code: 'NO_OPEN_SHIFT' }) as Error);
    openShift();
    expect(ledger.shifts.moveCash(move).replayed).toBe(false);
    expect(ledger.shifts.moveCash(move).replayed).toBe(true);
    const db = raw();
    try {
      expect(() => db.prepare('UPDATE cash_movements SET amount = 1').run()).toThrowError(/append-only/);
    } finally {
      db.close();
    }
    expect(ledger.outbox.pending(100).filter((entry) => entry.topic === 'cash.paidIn')).toHaveLength(1);
  });
});

describe('migration 0006: gift cards', () => {
  const issue = { code: 'GIFT-0042-0001', amount: 2_500, currency: 'USD', laneId: 'L01', operatorId: '2001', reason: 'goodwill', requestId: 'issue-req-001', at: AT };

  it('issue once per request id, top up an existing card, and redeem down to zero but never below', () => {
    ledger.giftCards.issue(issue);
    expect(ledger.giftCards.issue(issue)).toMatchObject({ balance: 2_500, replayed: true });
    const card = ledger.giftCards.issue({ ...issue, amount: 500, requestId: 'issue-req-002' });
    expect(card.balance).toBe(3_000);
    const redeem = { cardId: card.cardId, amount: 3_000, basketId: 'basket_1', laneId: 'L01', requestId: 'redeem-req-01', at: AT };
    expect(ledger.giftCards.redeem(redeem).balance).toBe(0);
    expect(ledger.giftCards.redeem(redeem).balance).toBe(0);
    expect(() => ledger.giftCards.redeem({ ...redeem, amount: 1, requestId: 'redeem-req-02' })).toThrowError(LedgerError);
    expect(ledger.outbox.pending(100).map((entry) => entry.topic)).toEqual(['giftCard.issued', 'giftCard.issued', 'giftCard.redeemed']);
  });

  it('refuse a code that is a payment card number, so no card number is ever stored', () => {
    expect(() => ledger.giftCards.issue({ ...issue, code: '4111111111111111' })).toThrowError(/payment card number/);
  });

  it('refuse a request id used for another kind of write', () => {
    const card = ledger.giftCards.issue(issue);
    expect(() => ledger.giftCards.redeem({ cardId: card.cardId, amount: 1, basketId: 'basket_1', laneId: 'L01', requestId: issue.requestId, at: AT })).toThrowError(
      expect.objectContaining({ code: 'IDEMPOTENCY_CONFLICT' }) as Error,
    );
  });
});

describe('migration 0006: closed business days', () => {
  it('stay closed: the Z report is kept as printed and cannot be changed', () => {
    openShift();
    ledger.shifts.close({ laneId: 'L01', counted: [], closedBy: '2001', requestId: 'close-req-001', at: AT });
    const first = ledger.days.closeDay({ laneId: 'L01', storeName: 'Harbor', currency: 'USD', businessDate: '2026-11-22', closedBy: '3001', at: AT });
    expect(first.report.overShort).toBe(-10_000);
    expect(ledger.days.closeDay({ laneId: 'L01', storeName: 'Harbor', currency: 'USD', businessDate: '2026-11-22', closedBy: '3001', at: '2026-11-22T16:00:00.000Z' })).toEqual({ report: first.report, replayed: true });
    const db = raw();
    try {
      expect(() => db.prepare("UPDATE business_days SET report = '{}'").run()).toThrowError(/stays closed/);
    } finally {
      db.close();
    }
  });
});
