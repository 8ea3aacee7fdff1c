import { beforeEach, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../main/ledger/journal-event.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { useLedger } from './ledger-fixture.ts';

const lane = useLedger();

const at = (second: number): string => `2026-03-14T09:00:${String(second).padStart(2, '0')}.000+01:00`;
const scan = (code: string, second: number): JournalEvent => ({ type: 'item.added', payload: { code, quantity: 1, item: { name: 'Sourdough Loaf', unitPrice: 549 } }, recordedAt: at(second) });

describe('an open basket', () => {
  it('round-trips: opened, appended to, found again with its events in order', () => {
    expect(lane.ledger.baskets.openBasket('b-1', 'L01', at(0))).toBe(true);
    expect(lane.ledger.baskets.findOpenBasket('L01')).toEqual({ basketId: 'b-1', laneId: 'L01', openedAt: at(0), events: [] });

    expect(lane.ledger.baskets.append('b-1', [scan('4006381333931', 1)])).toBe(true);
    expect(lane.ledger.baskets.append('b-1', [scan('036000291452', 2), { type: 'item.voided', payload: { line: 1 }, recordedAt: at(3) }])).toBe(true);

    expect(lane.ledger.baskets.findOpenBasket('L01')?.events).toEqual([
      { seq: 1, ...scan('4006381333931', 1) },
      { seq: 2, ...scan('036000291452', 2) },
      { seq: 3, type: 'item.voided', payload: { line: 1 }, recordedAt: at(3) },
    ]);
  });

  it('is still there, event for event, after the terminal restarts', () => {
    lane.ledger.baskets.openBasket('b-1', 'L01', at(0));
    lane.ledger.baskets.append('b-1', [scan('4006381333931', 1), scan('4006381333931', 2)]);
    const before = lane.ledger.baskets.findOpenBasket('L01');
    lane.ledger.close();

    lane.ledger = Ledger.open(lane.file);
    expect(lane.ledger.baskets.findOpenBasket('L01')).toEqual(before);
  });

  it('is not found on an idle lane', () => {
    lane.ledger.baskets.openBasket('b-1', 'L01', at(0));
    expect(lane.ledger.baskets.findOpenBasket('L02')).toBeNull();
  });
});

describe('one open basket per lane', () => {
  it('refuses a second basket on a lane that has one open', () => {
    lane.ledger.baskets.openBasket('b-1', 'L01', at(0));
    expect(() => lane.ledger.baskets.openBasket('b-2', 'L01', at(1))).toThrow(expect.objectContaining({ code: 'BASKET_ALREADY_OPEN', message: expect.stringContaining('b-1') as string }) as Error);
    expect(lane.ledger.baskets.findOpenBasket('L01')?.basketId).toBe('b-1');
  });

  it('lets other lanes open their own', () => {
    lane.ledger.baskets.openBasket('b-1', 'L01', at(0));
    expect(lane.ledger.baskets.openBasket('b-2', 'L02', at(1))).toBe(true);
    expect(lane.ledger.baskets.findOpenBasket('L02')?.basketId).toBe('b-2');
  });

  it('treats opening the same basket again as a replay', () => {
    expect(lane.ledger.baskets.openBasket('b-1', 'L01', at(0))).toBe(true);
    expect(lane.ledger.baskets.openBasket('b-1', 'L01', at(0))).toBe(false);
    expect(() => lane.ledger.baskets.openBasket('b-1', 'L02', at(0))).toThrow(expect.objectContaining({ code: 'BASKET_ALREADY_OPEN' }) as Error);
  });

  it('frees the lane once its basket is cancelled, and the cancelled basket takes no more events', () => {
    lane.ledger.baskets.openBasket('b-1', 'L01', at(0));
    expect(lane.ledger.baskets.cancel('b-1', at(5), [{ type: 'basket.cancelled', payload: {}, recordedAt: at(5) }])).toBe(true);
    expect(lane.ledger.baskets.cancel('b-1', at(6), [])).toBe(false);
    expect(lane.ledger.baskets.findOpenBasket('L01')).toBeNull();
    expect(() => lane.ledger.baskets.append('b-1', [scan('4011', 7)])).toThrow(expect.objectContaining({ code: 'BASKET_CLOSED' }) as Error);
    expect(() => lane.ledger.baskets.openBasket('b-1', 'L01', at(8))).toThrow(expect.objectContaining({ code: 'BASKET_CLOSED' }) as Error);
    expect(lane.ledger.baskets.openBasket('b-2', 'L01', at(8))).toBe(true);
  });
});

describe('idempotent appends', () => {
  beforeEach(() => {
    lane.ledger.baskets.openBasket('b-1', 'L01', at(0));
  });

  it('stores a write once when the same requestId comes twice', () => {
    const events = [scan('4006381333931', 1), scan('036000291452', 2)];
    expect(lane.ledger.baskets.append('b-1', events, 'req-0001-scan')).toBe(true);
    expect(lane.ledger.baskets.append('b-1', events, 'req-0001-scan')).toBe(false);
    expect(lane.ledger.baskets.events('b-1').map((event) => event.seq)).toEqual([1, 2]);
    expect(lane.ledger.baskets.isRequestApplied('req-0001-scan')).toBe(true);
  });

  it('applies writes with different requestIds, and writes without one every time', () => {
    lane.ledger.baskets.append('b-1', [scan('4011', 1)], 'req-0001-scan');
    lane.ledger.baskets.append('b-1', [scan('4011', 2)], 'req-0002-scan');
    lane.ledger.baskets.append('b-1', [scan('4011', 3)]);
    lane.ledger.baskets.append('b-1', [scan('4011', 3)]);
    expect(lane.ledger.baskets.events('b-1')).toHaveLength(4);
  });
});

describe('bad input', () => {
  it('is refused with the field it concerns, and nothing is written', () => {
    lane.ledger.baskets.openBasket('b-1', 'L01', at(0));
    const good = scan('4011', 1);
    expect(() => lane.ledger.baskets.append('b-1', [good, { ...good, recordedAt: 'yesterday' }])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'events[1].recordedAt' }) as Error,
    );
    expect(() => lane.ledger.baskets.append('b-1', [])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'events' }) as Error);
    expect(() => lane.ledger.baskets.append('b-1', [good], 'short')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'requestId' }) as Error);
    expect(() => lane.ledger.baskets.append('b-9', [good])).toThrow(expect.objectContaining({ code: 'UNKNOWN_BASKET' }) as Error);
    expect(() => lane.ledger.baskets.openBasket('b 2', 'L02', at(0))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'basketId' }) as Error);
    expect(lane.ledger.baskets.events('b-1')).toEqual([]);
  });
});
