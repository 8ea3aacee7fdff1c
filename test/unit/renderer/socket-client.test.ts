import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TerminalEvent, TerminalState } from '../../../common/api/contract.ts';
import { createSocketClient, reconnectDelay, type LaneSocketHandlers } from '../../../renderer/src/api/socket-client.ts';
import type { TerminalClient } from '../../../renderer/src/api/terminal-client.ts';
import { welcomeState } from '../../support/terminal-handlers.ts';

/** A socket the test drives by hand: it records frames and plays the server's part. */
class FakeLane {
  readonly sockets: { handlers: LaneSocketHandlers; sent: string[]; closed: boolean }[] = [];

  readonly open = (handlers: LaneSocketHandlers) => {
    const socket = { handlers, sent: [] as string[], closed: false };
    this.sockets.push(socket);
    return {
      send: (text: string) => socket.sent.push(text),
      close: () => {
        socket.closed = true;
      },
    };
  };

  get current() {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  frames(): { id: number; command: string; input: unknown }[] {
    return this.current.sent.map((text) => JSON.parse(text) as { id: number; command: string; input: unknown });
  }

  push(message: unknown): void {
    this.current.handlers.received(typeof message === 'string' ? message : JSON.stringify(message));
  }
}

const state: TerminalState = {
  ...welcomeState,
  laneId: 'L1',
  storeName: 'Corner Grocer',
  devices: [{ name: 'Scanner', kind: 'scanner', state: 'online', detail: '' }],
};

describe('the WebSocket terminal client', () => {
  let lane: FakeLane;
  let problems: string[];
  let client: TerminalClient;
  let events: TerminalEvent[];

  beforeEach(() => {
    vi.useFakeTimers();
    lane = new FakeLane();
    problems = [];
    events = [];
    client = createSocketClient({ open: lane.open, onProblem: (problem) => problems.push(problem) });
    client.onEvent((event) => events.push(event));
  });

  afterEach(() => {
    client.close();
    vi.useRealTimers();
  });

  it('hands a valid state event to its listeners', () => {
    lane.current.handlers.opened();
    lane.push({ event: 'state', payload: state });
    expect(events).toEqual([{ event: 'state', payload: state }]);
    expect(problems).toEqual([]);
  });

  it('reports and drops malformed server messages without crashing, then keeps working', () => {
    lane.current.handlers.opened();
    expect(() => {
      lane.push('not json {');
      lane.push({ hello: 'world' });
      lane.push({ event: 'state', payload: { ...state, phase: 'dancing' } });
      lane.push({ event: 'teleport', payload: {} });
      lane.current.handlers.received(new Uint8Array([1, 2, 3]));
    }).not.toThrow();
    expect(events).toEqual([]);
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toContain('phase');

    lane.push({ event: 'notice', payload: { level: 'error', code: 'UNKNOWN_ITEM', message: 'no such item' } });
    expect(events).toHaveLength(1);
  });

  it('answers a command with the result that carries its id', async () => {
    lane.current.handlers.opened();
    const answer = client.commands['basket.scan']({ requestId: 'abcdef123456', code: '4011', source: 'keyed' });
    const [frame] = lane.frames();
    expect(frame).toMatchObject({ command: 'basket.scan', input: { requestId: 'abcdef123456', code: '4011', source: 'keyed' } });
    lane.push({ id: frame?.id, result: { ok: false, error: { code: 'UNKNOWN_ITEM', message: 'no item has the code 4011', field: 'code' } } });
    await expect(answer).resolves.toEqual({ ok: false, error: { code: 'UNKNOWN_ITEM', message: 'no item has the code 4011', field: 'code' } });
  });

  it('turns an answer whose value breaks the contract into an INTERNAL failure', async () => {
    lane.current.handlers.opened();
    const answer = client.commands['terminal.state']({});
    lane.push({ id: lane.frames()[0]?.id, result: { ok: true, value: { role: 'cashier' } } });
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(problems).toHaveLength(1);
  });

  it('reconnects with growing back-off and resends a waiting command with the same requestId', async () => {
    lane.current.handlers.opened();
    const statuses: string[] = [];
    client.onConnectionChange((status) => statuses.push(status));
    const answer = client.commands['payment.start']({ requestId: 'pay-once-123', method: 'card' });
    const first = lane.frames()[0];

    lane.current.handlers.closed();
    expect(client.connectionStatus()).toBe('reconnecting');
    vi.advanceTimersByTime(reconnectDelay(0));
    expect(lane.sockets).toHaveLength(2);
    lane.current.handlers.closed();
    vi.advanceTimersByTime(reconnectDelay(1) - 1);
    expect(lane.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(lane.sockets).toHaveLength(3);

    lane.current.handlers.opened();
    expect(statuses).toEqual(['reconnecting', 'connected']);
    const resent = lane.frames()[0];
    expect(resent).toEqual(first);
    lane.push({ id: resent?.id, result: { ok: true, value: { ...state, phase: 'paying', payment: { state: 'waiting', message: 'Insert card' } } } });
    await expect(answer).resolves.toMatchObject({ ok: true, value: { phase: 'paying' } });
  });

  it('backs off from 250 ms up to 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 40].map(reconnectDelay)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('fails a command that gets no answer in time instead of leaving it hanging', async () => {
    lane.current.handlers.opened();
    const answer = client.commands['sale.finish']({ requestId: 'finish-12345' });
    vi.advanceTimersByTime(30_000);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
