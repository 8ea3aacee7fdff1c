import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reconnector, type Connector, type LinkState } from '../../../drivers/link/reconnector.ts';

// Back-off on a fake clock: a device that is missing for a while, then found.

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function device(): { connector: Connector<{ id: number }>; attempts: number[]; present: { value: boolean }; lose: { call: (reason: string) => void } } {
  const attempts: number[] = [];
  const present = { value: false };
  const lose = { call: (_reason: string): void => undefined };
  let opened = 0;
  return {
    attempts,
    present,
    lose,
    connector: {
      address: '/dev/ttyTEST',
      async connect(lost) {
        attempts.push(Date.now());
        if (!present.value) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
        lose.call = lost;
        opened += 1;
        return { id: opened };
      },
      async disconnect() {},
      describeFailure: () => ({ state: 'offline', detail: '/dev/ttyTEST not found' }),
    },
  };
}

describe('reconnect with back-off', () => {
  it('doubles the wait after each failed open up to the maximum, and reports each step', async () => {
    const { connector, attempts, present } = device();
    const links: LinkState[] = [];
    const link = new Reconnector(connector, { initialMs: 100, maxMs: 800 }, (state) => links.push(state));
    const start = Date.now();
    await link.start();
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 800 + 800);
    expect(attempts.map((at) => at - start)).toEqual([0, 100, 300, 700, 1500, 2300]);
    present.value = true;
    await vi.advanceTimersByTimeAsync(800);
    expect(link.connection).toEqual({ id: 1 });
    expect(links.at(0)).toEqual({ state: 'offline', detail: '/dev/ttyTEST not found; reconnecting' });
    expect(links.at(-1)).toEqual({ state: 'online', detail: 'ready on /dev/ttyTEST' });
    await link.stop();
  });

  it('starts again from the shortest wait after a loss, and stops trying once stopped', async () => {
    const { connector, attempts, present, lose } = device();
    present.value = true;
    const link = new Reconnector(connector, { initialMs: 100, maxMs: 800 }, () => undefined);
    await link.start();
    present.value = false;
    lose.call('port closed');
    expect(link.connection).toBeNull();
    const lostAt = Date.now();
    await vi.advanceTimersByTimeAsync(100);
    expect(attempts.at(-1)).toBe(lostAt + 100);
    await link.stop();
    const before = attempts.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts).toHaveLength(before);
  });

  it('says where a connection it found is, when it comes up and when it is lost', async () => {
    const { connector, present, lose } = device();
    present.value = true;
    const links: LinkState[] = [];
    const found = { ...connector, describe: (connection: { id: number }) => ({ ready: `ready on /dev/hidraw${connection.id}`, lostFrom: `/dev/hidraw${connection.id}` }) };
    const link = new Reconnector(found, { initialMs: 100, maxMs: 800 }, (state) => links.push(state));
    await link.start();
    expect(links.at(-1)).toEqual({ state: 'online', detail: 'ready on /dev/hidraw1' });
    lose.call('read error');
    expect(links.at(-1)).toEqual({ state: 'offline', detail: '/dev/ttyTEST disconnected from /dev/hidraw1 (read error); reconnecting' });
    await link.stop();
  });
});
