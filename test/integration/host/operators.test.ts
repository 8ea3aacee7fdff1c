import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { events, type TerminalState } from '../../../common/api/contract.ts';
import type { SessionView } from '../../../common/session.ts';
import { ServerMessageSchema } from '../../../common/api/wire.ts';
import { startHost, type RunningHost } from '../../../main/host/server.ts';
import { createLogger } from '../../../main/terminal/log.ts';
import { startTerminal, type RunningTerminal } from '../../../main/terminal/terminal.ts';
import { demoTerminalConfig } from '../../support/terminal-config.ts';

const SOURDOUGH = '4006381333931';
const COLA = '036000291452';
const MANAGER_BADGE = 'EMP-3001-H2WN';

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; field?: string | undefined } };

/** The renderer's side of the API socket, without a browser: calls, and every event kept. */
class Client {
  readonly sessions: SessionView[] = [];
  readonly states: TerminalState[] = [];
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, (answer: Answer) => void>();
  readonly #waiters = new Set<() => void>();
  #nextId = 1;
  #request = 1;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data: Buffer) => {
      const message = ServerMessageSchema.parse(JSON.parse(data.toString('utf8')));
      if ('id' in message) {
        this.#pending.get(message.id)?.(message.result);
        this.#pending.delete(message.id);
        return;
      }
      if (message.event === 'session') this.sessions.push(events.session.parse(message.payload));
      if (message.event === 'state') this.states.push(events.state.parse(message.payload));
      for (const waiter of this.#waiters) waiter();
    });
  }

  static async connect(url: string): Promise<Client> {
    const origin = new URL(url).origin;
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/api`, { origin });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Client(socket);
  }

  call(command: string, input: Record<string, unknown> = {}): Promise<Answer> {
    const id = this.#nextId++;
    const requestId = `req-it-${String(this.#request++).padStart(6, '0')}`;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#socket.send(JSON.stringify({ id, command, input: { requestId, ...input } }));
    });
  }

  async value(command: string, input: Record<string, unknown> = {}): Promise<unknown> {
    const answer = await this.call(command, input);
    if (!answer.ok) throw new Error(`${command} failed: ${answer.error.code} ${answer.error.message}`);
    return answer.value;
  }

  /** Waits (bounded) for a state event that passes `accept`. */
  untilState(accept: (state: TerminalState) => boolean, timeoutMs = 10_000): Promise<TerminalState> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.states.find(accept);
        if (!found) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`no matching state event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  close(): void {
    this.#socket.close();
  }
}

let dataDir: string;
let terminal: RunningTerminal;
let host: RunningHost;
let client: Client;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-operators-'));
  const config = demoTerminalConfig({
    dataDir,
    role: 'associate',
    laneId: 'L07',
    devices: [{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 }],
  });
  terminal = await startTerminal(config, createLogger('test', 'silent'));
  // The host serves a page; this test speaks only to its API socket.
  const rendererDir = path.join(dataDir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>lane</title>');
  host = await startHost(terminal.api, { host: '127.0.0.1', port: 0, rendererDir });
  client = await Client.connect(host.url);
});

afterEach(async () => {
  client.close();
  await host.close();
  await terminal.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function sellSourdoughAndCola(): Promise<string> {
  await client.value('basket.scan', { code: SOURDOUGH, source: 'wedge' });
  await client.value('basket.scan', { code: COLA, source: 'wedge' });
  await client.value('payment.start', { method: 'card' });
  const done = await client.untilState((state) => state.phase === 'receipt');
  await client.value('sale.finish');
  return done.receipt?.receiptNumber ?? '';
}

describe('operators through the WebSocket host', () => {
  it('refuses a sale before sign-in, and a badge scanned into the item field signs the operator in', async () => {
    expect(await client.value('operator.session', {})).toMatchObject({ signInRequired: true, operator: null });
    expect(await client.call('basket.scan', { code: SOURDOUGH, source: 'wedge' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    await client.value('basket.scan', { code: 'EMP-1001-K7QX', source: 'wedge' });
    expect(client.sessions.at(-1)?.operator).toEqual({ operatorId: '1001', name: 'Alex Rivera', role: 'cashier' });
    const state = TerminalStateOf(await client.value('basket.scan', { code: SOURDOUGH, source: 'wedge' }));
    expect(state.basket?.lines).toHaveLength(1);
  });

  it('a cashier post-voids with a manager badge approval; a supervisor cannot approve it; the approval is single-use', async () => {
    await client.value('operator.signIn', { credential: { kind: 'pin', operatorId: '1001', pin: '1234' } });
    const receiptNumber = await sellSourdoughAndCola();
    expect(receiptNumber).toBe('L07-000001');

    const asked = await client.call('sale.postVoid', { receiptNumber, reason: 'customer-request' });
    expect(asked).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', message: expect.stringContaining('sale.postVoid') } });
    const approval = client.sessions.at(-1)?.approval;
    expect(approval).toMatchObject({ permission: 'sale.postVoid', summary: `Post-void receipt ${receiptNumber}`, approverRole: 'manager' });
    const approvalId = approval?.approvalId ?? '';

    const bySupervisor = await client.call('approval.grant', { approvalId, credential: { kind: 'pin', operatorId: '2001', pin: '5678' } });
    expect(bySupervisor).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The manager scans their badge through the same scanner path as items.
    await client.value('basket.scan', { code: MANAGER_BADGE, source: 'scanner' });
    expect(client.sessions.at(-1)?.approval).toBeNull();
    expect(await client.value('sale.lookup', { receiptNumber })).toMatchObject({ receiptNumber, voided: { receiptNumber: 'L07-000002' } });

    const replay = await client.call('approval.grant', { approvalId, credential: { kind: 'badge', code: MANAGER_BADGE } });
    expect(replay).toMatchObject({ ok: false, error: { code: 'NO_APPROVAL_PENDING' } });
    expect(await client.call('sale.postVoid', { receiptNumber, reason: 'customer-request' })).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    const second = client.sessions.at(-1)?.approval?.approvalId ?? '';
    expect(await client.call('approval.grant', { approvalId: second, credential: { kind: 'badge', code: MANAGER_BADGE } })).toMatchObject({
      ok: false,
      error: { code: 'SALE_ALREADY_VOIDED' },
    });

    expect(terminal.ledger.sales.verifyChain()).toEqual({ ok: true, count: 2 });
    const audit = terminal.ledger.audit.recent().map((entry) => [entry.action, entry.operatorId, entry.approverId]);
    expect(audit).toEqual(
      expect.arrayContaining([
        ['operator.signIn', '1001', null],
        ['approval.refused', '1001', '2001'],
        ['approval.granted', '1001', '3001'],
        ['sale.postVoid', '1001', '3001'],
      ]),
    );
    expect(terminal.ledger.outbox.pending().map((message) => message.topic)).toEqual(['sale.completed', 'sale.postVoided']);
  });

  it('a manager post-voids without approval; an unknown receipt is named', async () => {
    await client.value('operator.signIn', { credential: { kind: 'badge', code: MANAGER_BADGE } });
    const receiptNumber = await sellSourdoughAndCola();
    const paid = terminal.ledger.sales.findByReceiptNumber(receiptNumber)?.total ?? 0;
    expect(paid).toBeGreaterThan(0);
    expect(await client.value('sale.postVoid', { receiptNumber, reason: 'operator-error' })).toMatchObject({ voidedReceiptNumber: receiptNumber, total: -paid });
    expect(terminal.ledger.audit.recent({ action: 'sale.postVoid' })).toMatchObject([{ operatorId: '3001', approverId: null, details: { reason: 'operator-error' } }]);
    expect(await client.call('sale.lookup', { receiptNumber: 'L07-999999' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SALE', field: 'receiptNumber' } });
  });

  it('locking keeps the basket; another cashier cannot unlock, the same one can', async () => {
    await client.value('operator.signIn', { credential: { kind: 'pin', operatorId: '1001', pin: '1234' } });
    await client.value('basket.scan', { code: SOURDOUGH, source: 'wedge' });
    expect(await client.call('operator.signOut')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('before signing out') } });
    await client.value('operator.lock');
    expect(await client.call('basket.scan', { code: COLA, source: 'wedge' })).toMatchObject({ ok: false, error: { code: 'LANE_LOCKED' } });
    expect(await client.call('operator.unlock', { credential: { kind: 'pin', operatorId: '1002', pin: '2468' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await client.value('operator.unlock', { credential: { kind: 'pin', operatorId: '1001', pin: '1234' } })).toMatchObject({ locked: false, operator: { operatorId: '1001' } });
    expect(TerminalStateOf(await client.value('terminal.state', {})).basket?.lines).toHaveLength(1);
  });
});

function TerminalStateOf(value: unknown): TerminalState {
  return events.state.parse(value);
}

