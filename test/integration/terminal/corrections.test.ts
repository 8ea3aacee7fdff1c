import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../../common/session.ts';
import { CASHIER, COLA, SOURDOUGH, SUPERVISOR, SUPERVISOR_BADGE, TestClock, TestLane } from './lane-rig.ts';

let lane: TestLane;
const clock = new TestClock('2026-12-01T15:00:00.000Z');

beforeEach(async () => {
  lane = await TestLane.start({ laneId: 'L07', clock });
});
afterEach(async () => {
  await lane.remove();
});

async function ringUp(): Promise<void> {
  await lane.value('basket.scan', { code: SOURDOUGH, source: 'keyed' });
  await lane.value('basket.scan', { code: COLA, source: 'keyed', quantity: 2 });
}

function audit(action: string) {
  return lane.terminal.ledger.audit.recent({ action });
}

describe('a cashier correcting lines', () => {
  beforeEach(async () => {
    await lane.value('operator.signIn', { credential: CASHIER });
    await ringUp();
  });

  it('cannot override a price without a supervisor’s step-up approval, and the approved override is audited with both', async () => {
    const lineId = lane.lineId(0);
    const refused = await lane.refused('line.overridePrice', { lineId, unitPrice: 449, reason: 'price-match' });
    expect(refused.code).toBe('APPROVAL_REQUIRED');
    expect(lane.state().basket?.lines[0]).toMatchObject({ unitPrice: 549, priceSource: 'catalog' });
    const approval = lane.terminal.session.view().approval;
    expect(approval).toMatchObject({ permission: 'price.override', approverRole: 'supervisor', requestedBy: { operatorId: '1001' } });
    expect(approval?.summary).toBe('Price override: Sourdough Loaf from $5.49 to $4.49 (Price match)');

    // The supervisor's badge, scanned at the lane, approves it; main runs the waiting override once.
    await lane.value('basket.scan', { code: SUPERVISOR_BADGE, source: 'scanner' });
    expect(lane.terminal.session.view().approval).toBeNull();
    expect(lane.state().basket?.lines[0]).toMatchObject({ unitPrice: 449, priceSource: 'override', regularUnitPrice: 549 });

    const [entry] = audit('price.override');
    expect(entry).toMatchObject({
      operatorId: '1001',
      approverId: '2001',
      subject: lineId,
      details: { itemId: 'sourdough-loaf', name: 'Sourdough Loaf', oldUnitPrice: 549, newUnitPrice: 449, regularUnitPrice: 549, oldAmount: 549 + 12, reason: 'price-match' },
    });
    expect(entry?.details.newAmount).toBe(449 + 10);
    expect(audit('approval.granted').at(-1)).toMatchObject({ operatorId: '1001', approverId: '2001', subject: 'line.overridePrice' });
  });

  it('an approval is used once, for exactly the action it was asked for', async () => {
    const lineId = lane.lineId(0);
    expect((await lane.refused('line.overridePrice', { lineId, unitPrice: 449, reason: 'price-match' })).code).toBe('APPROVAL_REQUIRED');
    const first = (lane.terminal.session.view().approval as SessionView['approval'])?.approvalId;
    // Asking for a different price replaces the request: the first approval can no longer be granted.
    expect((await lane.refused('line.overridePrice', { lineId, unitPrice: 99, reason: 'price-match' })).code).toBe('APPROVAL_REQUIRED');
    const second = lane.terminal.session.view().approval?.approvalId;
    expect(second).not.toBe(first);
    expect((await lane.refused('approval.grant', { approvalId: first, credential: SUPERVISOR })).code).toBe('NO_APPROVAL_PENDING');
    await lane.value('approval.grant', { approvalId: second, credential: SUPERVISOR });
    expect(lane.state().basket?.lines[0]?.unitPrice).toBe(99);
    // Used: the same override again needs a new approval.
    expect((await lane.refused('line.overridePrice', { lineId, unitPrice: 99, reason: 'price-match' })).code).toBe('APPROVAL_REQUIRED');
    expect(audit('price.override')).toHaveLength(1);
  });

  it('gives a small line discount alone, within the store’s cashier limit, and needs approval beyond it', async () => {
    const cola = lane.lineId(1);
    await lane.value('line.discount', { lineId: cola, discount: { kind: 'percent', basisPoints: 1000 }, reason: 'damaged' });
    const line = lane.state().basket?.lines[1];
    expect(line?.discounts).toEqual([expect.objectContaining({ source: 'manual', amount: 160 })]);
    expect(audit('line.discount').at(-1)).toMatchObject({ operatorId: '1001', approverId: null, details: { oldNetPrice: 1598, newNetPrice: 1438, reason: 'damaged' } });

    const tooMuch = await lane.refused('line.discount', { lineId: cola, discount: { kind: 'amount', amount: 600 }, reason: 'damaged' });
    expect(tooMuch.code).toBe('APPROVAL_REQUIRED');
    expect(lane.terminal.session.view().approval).toMatchObject({ permission: 'line.discount', summary: 'Line discount: $6.00 off Cola 12-pack 12 fl oz cans ($15.98) (Damaged)' });
  });

  it('audits a line whose barcode looks like a card number by its item id (the audit log refuses card-like digits)', async () => {
    await lane.value('basket.scan', { code: '782238006053', source: 'keyed' });
    await lane.value('line.discount', { lineId: lane.lineId(2), discount: { kind: 'percent', basisPoints: 1000 }, reason: 'damaged' });
    expect(audit('line.discount').at(-1)).toMatchObject({ details: { itemId: 'prairie-ranch-beef-ribeye-steak-12-oz' } });
  });

  it('voids a line with a reason, audited with the line and what it came to', async () => {
    const lineId = lane.lineId(0);
    await lane.value('line.void', { lineId, reason: 'scanned-in-error' });
    expect(lane.state().basket?.lines.map((line) => line.code)).toEqual([`00${COLA}`]);
    expect(audit('line.void').at(-1)).toMatchObject({ operatorId: '1001', subject: lineId, details: { itemId: 'sourdough-loaf', oldUnitPrice: 549, newAmount: 0, reason: 'scanned-in-error' } });
  });

  it('refuses a reason that is not on the store’s list for that correction, by name', async () => {
    const lineId = lane.lineId(0);
    const unlisted = await lane.refused('line.void', { lineId, reason: 'felt-like-it' });
    expect(unlisted).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' });
    expect(unlisted.message).toContain('scanned-in-error');
    expect(await lane.refused('line.void', { lineId, reason: 'employee' })).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' });
    expect(await lane.refused('line.void', { lineId, reason: 'Not A Code' })).toMatchObject({ code: 'INVALID_INPUT', field: 'input.reason' });
    expect(lane.state().basket?.lines).toHaveLength(2);
    expect(audit('line.void')).toHaveLength(0);
  });

  it('refuses to void a line once payment has started, saying why', async () => {
    await lane.value('shift.open', { float: [{ denomination: 2000, count: 5 }] });
    await lane.value('tender.cash', { tendered: 500 });
    const refused = await lane.refused('line.void', { lineId: lane.lineId(0), reason: 'scanned-in-error' });
    expect(refused.code).toBe('PAYMENT_STARTED');
    expect(refused.message).toMatch(/payment has started .*500 of the total is already paid/);
    expect(lane.state().basket?.lines).toHaveLength(2);
  });

  it('needs a supervisor for a tax exemption; the approved exemption takes the tax off and is audited', async () => {
    expect((await lane.refused('basket.taxExempt', { certificate: 'ST-120-4471', reason: 'resale' })).code).toBe('APPROVAL_REQUIRED');
    const taxBefore = lane.state().basket?.taxTotal ?? 0;
    expect(taxBefore).toBeGreaterThan(0);
    await lane.value('basket.scan', { code: SUPERVISOR_BADGE, source: 'scanner' });
    expect(lane.state().basket?.taxTotal).toBe(0);
    expect(audit('tax.exempt').at(-1)).toMatchObject({ operatorId: '1001', approverId: '2001', details: { certificate: 'ST-120-4471', taxBefore, reason: 'resale' } });
  });

  it('a retried correction (same request id) is applied and audited once', async () => {
    const lineId = lane.lineId(1);
    const input = { lineId, discount: { kind: 'amount', amount: 100 }, reason: 'customer-service' };
    await lane.call('line.discount', input, 'req-retried-000001');
    await lane.call('line.discount', input, 'req-retried-000001');
    expect(audit('line.discount')).toHaveLength(1);
  });
});

describe('a supervisor correcting lines', () => {
  it('overrides a price without an approval step, as the operator and the one who allowed it', async () => {
    await lane.value('operator.signIn', { credential: SUPERVISOR });
    await ringUp();
    await lane.value('line.overridePrice', { lineId: lane.lineId(1), unitPrice: 699, reason: 'shelf-price' });
    expect(lane.state().basket?.lines[1]).toMatchObject({ unitPrice: 699, extendedPrice: 1398 });
    expect(audit('price.override').at(-1)).toMatchObject({ operatorId: '2001', approverId: null, details: { oldUnitPrice: 799, newUnitPrice: 699 } });
  });
});

describe('at self-checkout', () => {
  it('a shopper never discounts a line alone, even within the cashier’s limit: the attendant approves', async () => {
    const kiosk = await TestLane.start({ laneId: 'S01', role: 'self-checkout', clock });
    try {
      await kiosk.value('basket.scan', { code: COLA, source: 'scanner' });
      const refused = await kiosk.refused('line.discount', { lineId: kiosk.lineId(0), discount: { kind: 'percent', basisPoints: 100 }, reason: 'damaged' });
      expect(refused.code).toBe('APPROVAL_REQUIRED');
      expect((await kiosk.refused('basket.suspend')).code).toBe('APPROVAL_REQUIRED');
    } finally {
      await kiosk.remove();
    }
  });
});
