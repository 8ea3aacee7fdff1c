import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SuspendedLine } from '../../../common/suspend.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { LATEST_VERSION, migrations } from '../../../main/ledger/migrations/index.ts';
import { migrate } from '../../../main/ledger/open-database.ts';
import type { SuspendInput } from '../../../main/ledger/suspensions.ts';
import { useLedger } from './ledger-fixture.ts';

const lane = useLedger();
const AT = '2026-12-01T15:00:00.000Z';
const END_OF_DAY = '2026-12-02T05:00:00.000Z';

const LINE: SuspendedLine = {
  code: '04006381333931',
  item: { itemId: 'sourdough-loaf', name: 'Sourdough Loaf', unitPrice: 549, taxCategory: 'grocery', soldBy: 'each', minimumAge: null },
  quantity: 2,
  labelPrice: null,
  tareGrams: 0,
  override: { unitPrice: 449, reason: 'price-match', authorizedBy: '2001' },
  manualDiscount: null,
};

function openBasket(ledger: Ledger, basketId: string, laneId = 'L01'): void {
  ledger.baskets.openBasket(basketId, laneId, AT);
  ledger.baskets.append(basketId, [{ type: 'basket.opened', payload: { basketId }, recordedAt: AT }]);
}

function suspension(basketId: string, requestId: string, laneId = 'L01'): SuspendInput {
  return {
    basketId,
    laneId,
    businessDate: '2026-12-01',
    suspendedAt: AT,
    expiresAt: END_OF_DAY,
    suspendedBy: '1001',
    currency: 'USD',
    total: 918,
    contents: { lines: [LINE], coupons: [], memberId: null, taxExemptCertificate: null },
    requestId,
  };
}

const claim = (ticket: string, claimId: string, claimingLaneId = 'L02') => ({ ticket, claimId, claimingLaneId });

describe('suspending a basket', () => {
  it('closes the basket as suspended and keeps its contents under the lane’s next ticket, in one transaction', () => {
    openBasket(lane.ledger, 'bsk_1');
    const { record, replayed } = lane.ledger.suspensions.suspend(suspension('bsk_1', 'req-suspend-1'));
    expect(replayed).toBe(false);
    expect(record.basket).toMatchObject({ ticket: 'SUS-L01-0001', basketId: 'bsk_1', lines: [LINE], expiresAt: END_OF_DAY });
    expect(lane.ledger.baskets.findOpenBasket('L01')).toBeNull();
    // The lane is free: the next basket opens.
    openBasket(lane.ledger, 'bsk_2');
    expect(lane.ledger.suspensions.suspend(suspension('bsk_2', 'req-suspend-2')).record.basket.ticket).toBe('SUS-L01-0002');
  });

  it('answers a retried request with the same ticket and writes nothing more', () => {
    openBasket(lane.ledger, 'bsk_1');
    const first = lane.ledger.suspensions.suspend(suspension('bsk_1', 'req-suspend-1'));
    const again = lane.ledger.suspensions.suspend(suspension('bsk_1', 'req-suspend-1'));
    expect(again).toEqual({ record: first.record, replayed: true });
    expect(lane.ledger.suspensions.waiting('L01', AT)).toHaveLength(1);
  });

  it('refuses bad input by name and a basket of another lane, writing nothing', () => {
    openBasket(lane.ledger, 'bsk_1');
    const bad = { ...suspension('bsk_1', 'req-suspend-1'), contents: { lines: [], coupons: [], memberId: null, taxExemptCertificate: null } };
    expect(() => lane.ledger.suspensions.suspend(bad)).toThrowError(expect.objectContaining({ field: 'contents.lines' }) as Error);
    expect(() => lane.ledger.suspensions.suspend(suspension('bsk_1', 'req-suspend-2', 'L09'))).toThrow(/belongs to lane L01/);
    expect(lane.ledger.baskets.findOpenBasket('L01')?.basketId).toBe('bsk_1');
    expect(lane.ledger.suspensions.waiting('L01', AT)).toEqual([]);
  });

  it('a failure after the basket was closed takes the close back: the basket is still open, as after a power cut at that moment', () => {
    openBasket(lane.ledger, 'bsk_1');
    // The write of the ticket fails (as a crash between the two statements would leave it unwritten).
    const raw = new Database(lane.file);
    raw.exec("CREATE TRIGGER test_ticket_write_fails BEFORE INSERT ON suspended_baskets BEGIN SELECT RAISE(ABORT, 'disk went away'); END;");
    raw.close();
    expect(() => lane.ledger.suspensions.suspend(suspension('bsk_1', 'req-suspend-1'))).toThrow(/disk went away/);
    lane.ledger.close();
    lane.ledger = Ledger.open(lane.file);
    expect(lane.ledger.baskets.findOpenBasket('L01')?.basketId).toBe('bsk_1');
    expect(lane.ledger.suspensions.byRequest('req-suspend-1')).toBeNull();
  });

  it('survives a restart: the reopened ledger has no open basket and the ticket still waits', () => {
    openBasket(lane.ledger, 'bsk_1');
    lane.ledger.suspensions.suspend(suspension('bsk_1', 'req-suspend-1'));
    lane.ledger.close();
    lane.ledger = Ledger.open(lane.file);
    expect(lane.ledger.baskets.findOpenBasket('L01')).toBeNull();
    expect(lane.ledger.suspensions.waiting('L01', AT).map((record) => record.basket.ticket)).toEqual(['SUS-L01-0001']);
    expect(lane.ledger.suspensions.claim(claim('SUS-L01-0001', 'resume:L02:SUS-L01-0001'), AT).status).toBe('claimed');
  });
});

describe('claiming a suspended basket', () => {
  it('gives it to exactly one claim; the same claim id gets it again, any other is refused naming the lane', () => {
    openBasket(lane.ledger, 'bsk_1');
    lane.ledger.suspensions.suspend(suspension('bsk_1', 'req-suspend-1'));
    const first = lane.ledger.suspensions.claim(claim('sus-l01-0001', 'resume:L02:SUS-L01-0001'), AT);
    expect(first).toMatchObject({ status: 'claimed', basket: { ticket: 'SUS-L01-0001', lines: [LINE] } });
    expect(lane.ledger.suspensions.claim(claim('SUS-L01-0001', 'resume:L02:SUS-L01-0001'), AT)).toEqual(first);
    expect(lane.ledger.suspensions.claim(claim('SUS-L01-0001', 'resume:L03:SUS-L01-0001', 'L03'), AT)).toEqual({
      status: 'already-claimed',
      ticket: 'SUS-L01-0001',
      claimedByLane: 'L02',
      claimedAt: AT,
    });
    expect(lane.ledger.suspensions.waiting('L01', AT)).toEqual([]);
  });

  it('of two connections to the ledger claiming at once, one wins', () => {
    openBasket(lane.ledger, 'bsk_1');
    lane.ledger.suspensions.suspend(suspension('bsk_1', 'req-suspend-1'));
    const other = Ledger.open(lane.file);
    try {
      const answers = [other.suspensions.claim(claim('SUS-L01-0001', 'resume:L03:SUS-L01-0001', 'L03'), AT), lane.ledger.suspensions.claim(claim('SUS-L01-0001', 'resume:L02:SUS-L01-0001'), AT)];
      expect(answers.map((answer) => answer.status).sort()).toEqual(['already-claimed', 'claimed']);
    } finally {
      other.close();
    }
  });

  it('refuses an unknown ticket and one whose business day has ended', () => {
    openBasket(lane.ledger, 'bsk_1');
    lane.ledger.suspensions.suspend(suspension('bsk_1', 'req-suspend-1'));
    expect(lane.ledger.suspensions.claim(claim('SUS-L01-0042', 'resume:L02:SUS-L01-0042'), AT)).toEqual({ status: 'unknown', ticket: 'SUS-L01-0042' });
    expect(lane.ledger.suspensions.claim(claim('SUS-L01-0001', 'resume:L02:SUS-L01-0001'), END_OF_DAY)).toEqual({ status: 'expired', ticket: 'SUS-L01-0001', expiresAt: END_OF_DAY });
    expect(lane.ledger.suspensions.waiting('L01', END_OF_DAY)).toEqual([]);
  });

  it('refuses a malformed claim by naming the field', () => {
    expect(() => lane.ledger.suspensions.claim(claim('L01-0001', 'resume:L02:x'), AT)).toThrowError(expect.objectContaining({ field: 'ticket' }) as Error);
  });

  it('a resuming lane records a ticket once: a second resume of it is refused', () => {
    openBasket(lane.ledger, 'bsk_9', 'L02');
    const resumed = { ticket: 'SUS-L01-0001', basketId: 'bsk_9', fromLane: 'L01', claimId: 'resume:L02:SUS-L01-0001', resumedAt: AT, requestId: 'req-resume-1' };
    lane.ledger.suspensions.recordResumed(resumed);
    expect(lane.ledger.suspensions.resumedInto('SUS-L01-0001')).toBe('bsk_9');
    expect(() => lane.ledger.suspensions.recordResumed({ ...resumed, requestId: 'req-resume-2' })).toThrow(/resumed before, into basket bsk_9/);
  });
});

describe('the database keeps suspensions honest by itself', () => {
  it('a claim is written once, nothing else of a suspension changes, and nothing is deleted', () => {
    openBasket(lane.ledger, 'bsk_1');
    lane.ledger.suspensions.suspend(suspension('bsk_1', 'req-suspend-1'));
    lane.ledger.suspensions.claim(claim('SUS-L01-0001', 'resume:L02:SUS-L01-0001'), AT);
    lane.ledger.close();
    const raw = new Database(lane.file);
    try {
      expect(() => raw.prepare("UPDATE suspended_baskets SET claim_id = 'x', claimed_by_lane = 'L03' WHERE ticket = 'SUS-L01-0001'").run()).toThrow(/claimed once/);
      expect(() => raw.prepare("UPDATE suspended_baskets SET total = 1 WHERE ticket = 'SUS-L01-0001'").run()).toThrow(/claimed once/);
      expect(() => raw.prepare('DELETE FROM suspended_baskets').run()).toThrow(/never deleted/);
      expect(() => raw.prepare("UPDATE baskets SET outcome = 'cancelled' WHERE basket_id = 'bsk_1'").run()).toThrow(/closed basket cannot be changed/);
      raw.prepare("INSERT INTO baskets (basket_id, lane_id, opened_at) VALUES ('bsk_open', 'L05', ?)").run(AT);
      expect(() =>
        raw
          .prepare(
            "INSERT INTO suspended_baskets (ticket, lane_id, number, basket_id, business_date, suspended_at, expires_at, currency, line_count, total, contents, request_id) VALUES ('SUS-L05-0001', 'L05', 1, 'bsk_open', '2026-12-01', ?, ?, 'USD', 1, 1, '{}', 'req-raw-0001')",
          )
          .run(AT, END_OF_DAY),
      ).toThrow(/closed as suspended/);
    } finally {
      raw.close();
      lane.ledger = Ledger.open(lane.file);
    }
  });

  it('migration 8 keeps every basket of an older ledger, open or closed', () => {
    lane.ledger.close();
    const file = `${lane.file}.v6`;
    const older = new Database(file);
    try {
      migrate(
        older,
        migrations.filter((migration) => migration.version <= 6),
      );
      older.prepare("INSERT INTO baskets (basket_id, lane_id, opened_at, closed_at, outcome) VALUES ('bsk_done', 'L01', ?, ?, 'completed')").run(AT, AT);
      older.prepare("INSERT INTO baskets (basket_id, lane_id, opened_at) VALUES ('bsk_open', 'L01', ?)").run(AT);
      older.prepare("INSERT INTO basket_events (basket_id, seq, type, payload, recorded_at) VALUES ('bsk_open', 1, 'basket.opened', '{}', ?)").run(AT);
      expect(migrate(older)).toBe(LATEST_VERSION);
      expect(older.prepare('SELECT basket_id, outcome FROM baskets ORDER BY basket_id').all()).toEqual([
        { basket_id: 'bsk_done', outcome: 'completed' },
        { basket_id: 'bsk_open', outcome: null },
      ]);
      // The trigger that names the rebuilt table still guards the journal of a closed basket.
      expect(() => older.prepare("INSERT INTO basket_events (basket_id, seq, type, payload, recorded_at) VALUES ('bsk_done', 1, 'x', '{}', ?)").run(AT)).toThrow(/closed basket/);
    } finally {
      older.close();
      lane.ledger = Ledger.open(lane.file);
    }
  });
});
