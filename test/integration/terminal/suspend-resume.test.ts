import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../common/api/contract.ts';
import type { SuspendTicketView } from '../../../common/suspend.ts';
import { demoStore } from './demo-lane.ts';
import { peerSuspendedSource, type SuspendedBasketSource } from '../../../main/terminal/suspended-source.ts';
import { CASHIER, COLA, SOURDOUGH, SUPERVISOR, TestClock, TestLane } from './lane-rig.ts';

/**
 * Two (or three) lanes of one store, each with its own ledger, wired through an in-process
 * implementation of the store network: a claim crosses it as JSON, as it would over HTTP.
 */
const lanes = new Map<string, TestLane>();
const unreachable = new Set<string>();
const clock = new TestClock('2026-12-01T15:00:00.000Z'); // 10:00 in New York, the demo store's zone

function network(laneId: string): SuspendedBasketSource | null {
  const peer = lanes.get(laneId);
  if (!peer) return null;
  return peerSuspendedSource(laneId, async (request) => {
    if (unreachable.has(laneId)) throw new Error('connect ECONNREFUSED');
    return JSON.parse(JSON.stringify(peer.terminal.claimSuspendedForPeer(JSON.parse(JSON.stringify(request)), request.claimingLaneId))) as unknown;
  });
}

async function startLane(laneId: string): Promise<TestLane> {
  const lane = await TestLane.start({ laneId, clock, surroundings: { peerSuspendedSources: network } });
  lanes.set(laneId, lane);
  await lane.value('operator.signIn', { credential: CASHIER });
  return lane;
}

let one: TestLane;
let two: TestLane;

beforeEach(async () => {
  clock.set('2026-12-01T15:00:00.000Z');
  unreachable.clear();
  one = await startLane('L01');
  two = await startLane('L02');
});
afterEach(async () => {
  for (const lane of lanes.values()) await lane.remove();
  lanes.clear();
});

async function suspendSale(lane: TestLane): Promise<SuspendTicketView> {
  await lane.value('basket.scan', { code: SOURDOUGH, source: 'keyed' });
  await lane.value('basket.scan', { code: COLA, source: 'keyed', quantity: 2 });
  return lane.value<SuspendTicketView>('basket.suspend');
}

describe('suspending a sale', () => {
  it('gives a ticket valid to the end of the business day, frees the lane, and audits it', async () => {
    const ticket = await suspendSale(one);
    expect(ticket).toMatchObject({ ticket: 'SUS-L01-0001', laneId: 'L01', lineCount: 2, currency: 'USD', printed: false, expiresAt: '2026-12-02T05:00:00.000Z' });
    expect(one.state()).toMatchObject({ phase: 'welcome', basket: null });
    expect(await one.value('basket.suspended')).toEqual([ticket]);
    expect(one.terminal.ledger.audit.recent({ action: 'basket.suspend' }).at(-1)).toMatchObject({ operatorId: '1001', subject: 'SUS-L01-0001', details: { lines: 2, total: ticket.total } });
    // The next customer's sale starts at once.
    await one.value('basket.scan', { code: COLA, source: 'keyed' });
    expect(one.state().basket?.lines).toHaveLength(1);
  });

  it('refuses an empty lane and a sale that payment has started on', async () => {
    expect((await one.refused('basket.suspend')).code).toBe('NO_OPEN_BASKET');
    await one.value('basket.scan', { code: COLA, source: 'keyed' });
    await one.value('shift.open', { float: [{ denomination: 2000, count: 5 }] });
    await one.value('tender.cash', { tendered: 100 });
    expect((await one.refused('basket.suspend')).code).toBe('PAYMENT_STARTED');
  });

  it('answers a retried suspend with the same ticket', async () => {
    await one.value('basket.scan', { code: COLA, source: 'keyed' });
    const first = await one.call('basket.suspend', {}, 'req-suspend-again-1');
    const again = await one.call('basket.suspend', {}, 'req-suspend-again-1');
    expect(again).toEqual(first);
  });
});

describe('resuming a suspended sale', () => {
  it('on the same lane, by scanning the ticket: the lines come back with their corrections', async () => {
    await one.value('basket.scan', { code: SOURDOUGH, source: 'keyed' });
    await one.value('line.discount', { lineId: one.lineId(0), discount: { kind: 'amount', amount: 50 }, reason: 'damaged' });
    const { ticket } = await one.value<SuspendTicketView>('basket.suspend');
    const state = await one.value<TerminalState>('basket.scan', { code: ticket.toLowerCase(), source: 'scanner' });
    expect(state.phase).toBe('shopping');
    expect(state.basket?.lines).toEqual([expect.objectContaining({ code: `0${SOURDOUGH}`, discounts: [expect.objectContaining({ source: 'manual', amount: 50 })] })]);
    expect(await one.value('basket.suspended')).toEqual([]);
    expect(one.terminal.ledger.audit.recent({ action: 'basket.resume' }).at(-1)).toMatchObject({ operatorId: '1001', subject: ticket, details: { fromLane: 'L01', lines: 1 } });
  });

  it('on another lane of the store, exactly once: the holding lane and any third lane are refused afterwards', async () => {
    const { ticket, total } = await suspendSale(one);
    const resumed = await two.value<TerminalState>('basket.resume', { ticket });
    expect(resumed.basket?.lines.map((line) => [line.code, line.quantity])).toEqual([
      [`0${SOURDOUGH}`, 1],
      [`00${COLA}`, 2],
    ]);
    expect(resumed.basket?.total).toBe(total);
    const again = await one.refused('basket.resume', { ticket });
    expect(again.code).toBe('TICKET_ALREADY_RESUMED');
    expect(again.message).toContain('lane L02');
    const three = await startLane('L03');
    expect((await three.refused('basket.resume', { ticket })).code).toBe('TICKET_ALREADY_RESUMED');
  });

  it('of two lanes resuming the same ticket at the same moment, exactly one gets the sale', async () => {
    const { ticket } = await suspendSale(one);
    const three = await startLane('L03');
    const answers = await Promise.all([two.call('basket.resume', { ticket }), three.call('basket.resume', { ticket })]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.filter((answer) => !answer.ok).map((answer) => !answer.ok && answer.error.code)).toEqual(['TICKET_ALREADY_RESUMED']);
    expect([two, three].filter((lane) => (lane.state().basket?.lines.length ?? 0) > 0)).toHaveLength(1);
  });

  it('re-prices the resumed sale with today’s catalog on the resuming lane', async () => {
    const { ticket } = await suspendSale(one);
    // The bakery's price changed on lane L02's catalog after the sale was parked.
    const repriced = { ...demoStore, items: demoStore.items.map((item) => (item.itemId === 'sourdough-loaf' ? { ...item, unitPrice: 499 } : item)) };
    two.terminal.ledger.catalog.importCatalog(repriced);
    const state = await two.value<TerminalState>('basket.resume', { ticket });
    expect(state.basket?.lines[0]).toMatchObject({ name: 'Sourdough Loaf', unitPrice: 499 });
  });

  it('refuses a ticket after the end of its business day, saying when it expired', async () => {
    const { ticket } = await suspendSale(one);
    clock.set('2026-12-02T05:30:00.000Z'); // 00:30 the next day in New York
    const refused = await two.refused('basket.resume', { ticket });
    expect(refused).toMatchObject({ code: 'TICKET_EXPIRED', field: 'ticket' });
    expect(refused.message).toMatch(/expired at the end of its business day/);
    expect(two.state().basket).toBeNull();
  });

  it('refuses an unknown ticket, and one while another sale is on the lane (without claiming it)', async () => {
    expect((await two.refused('basket.resume', { ticket: 'SUS-L01-0099' })).code).toBe('UNKNOWN_TICKET');
    expect((await two.refused('basket.resume', { ticket: 'not-a-ticket' })).field).toBe('input.ticket');
    const { ticket } = await suspendSale(one);
    await two.value('basket.scan', { code: COLA, source: 'keyed' });
    expect((await two.refused('basket.resume', { ticket })).code).toBe('SALE_IN_PROGRESS');
    // Nothing was claimed: the holding lane still has it.
    expect((await one.value<SuspendTicketView[]>('basket.suspended')).map((waiting) => waiting.ticket)).toEqual([ticket]);
  });

  it('the holding lane refuses a malformed claim from the network by naming the field, and a claim in another lane’s name', async () => {
    expect(() => one.terminal.claimSuspendedForPeer({ ticket: 'SUS-L01-0001', claimId: 'x', claimingLaneId: 'L02' }, 'L02')).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT', field: 'claimId' }) as Error);
    expect(() => one.terminal.claimSuspendedForPeer('not json', 'L02')).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }) as Error);
    const { ticket } = await suspendSale(one);
    const impostor = { ticket, claimId: `resume:L02:${ticket}`, claimingLaneId: 'L02' };
    expect(() => one.terminal.claimSuspendedForPeer(impostor, 'L03')).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }) as Error);
    expect((await one.value<SuspendTicketView[]>('basket.suspended')).map((waiting) => waiting.ticket)).toEqual([ticket]);
  });

  it('says so when the holding lane cannot be reached, and the ticket stays with it', async () => {
    const { ticket } = await suspendSale(one);
    unreachable.add('L01');
    const refused = await two.refused('basket.resume', { ticket });
    expect(refused.code).toBe('LANE_UNREACHABLE');
    expect(refused.message).toContain('lane L01');
    unreachable.clear();
    expect((await two.value<TerminalState>('basket.resume', { ticket })).basket?.lines).toHaveLength(2);
  });

  it('a lane that claimed the ticket and went down before opening the sale resumes it after the restart', async () => {
    const { ticket } = await suspendSale(one);
    // The claim reached L01, then L02 lost power before writing the resumed basket.
    const claimed = await network('L01')?.claim({ ticket, claimId: `resume:L02:${ticket}`, claimingLaneId: 'L02' });
    expect(claimed?.status).toBe('claimed');
    await two.stop();
    lanes.delete('L02');
    const restarted = await TestLane.start({ laneId: 'L02', clock, dir: two.dir, surroundings: { peerSuspendedSources: network } });
    lanes.set('L02', restarted);
    await restarted.value('operator.signIn', { credential: SUPERVISOR });
    expect((await restarted.value<TerminalState>('basket.resume', { ticket })).basket?.lines).toHaveLength(2);
    // …and exactly once: after the restart and the resume, a second resume is refused.
    await restarted.value('basket.cancel');
    expect((await restarted.refused('basket.resume', { ticket })).code).toBe('TICKET_ALREADY_RESUMED');
  });
});

describe('on a lane with a receipt printer', () => {
  it('prints the ticket with its code as a Code 128 barcode', async () => {
    const { EscPosPrinterSimulator } = await import('../../../drivers/sim/escpos-printer-sim.ts');
    const sim = new EscPosPrinterSimulator();
    const port = await sim.listen();
    const printing = await TestLane.start({
      laneId: 'L09',
      clock,
      devices: [{ kind: 'printer', protocol: 'escpos', host: '127.0.0.1', port }],
    });
    lanes.set('L09', printing);
    try {
      await printing.value('operator.signIn', { credential: CASHIER });
      const printed = sim.nextReceipt(15_000);
      const ticket = await suspendSale(printing);
      expect(ticket).toMatchObject({ ticket: 'SUS-L09-0001', printed: true });
      const paper = await printed;
      expect(paper.text).toContain('SUSPENDED SALE');
      expect(paper.text).toContain('[CODE128 SUS-L09-0001]');
      expect(paper.text).toContain('Bring this ticket to any lane to pay.');
    } finally {
      lanes.delete('L09');
      await printing.remove();
      await sim.close();
    }
  });
});
