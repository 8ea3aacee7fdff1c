import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../common/api/contract.ts';
import { PaymentTerminalSimulator } from '../../../drivers/sim/payment-terminal-sim.ts';
import { connectApi, type ApiClient } from '../../support/api-client.ts';
import { readLedger } from '../../support/ledger-file.ts';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../../support/terminal-process.ts';

// The lane (a real terminal process) paying through the stx-etx driver on the simulator:
// partial approvals and lost answers end in one sale and exactly the charges it should.

let terminal: TerminalProcess | null = null;
let api: ApiClient | null = null;
let sim: PaymentTerminalSimulator | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  api?.close();
  await terminal?.stop();
  await sim?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  terminal = api = sim = dataDir = null;
});

async function lane(driver: Record<string, unknown> = {}): Promise<{ client: ApiClient; simulator: PaymentTerminalSimulator; port: number }> {
  const simulator = new PaymentTerminalSimulator({ cardDelayMs: 20, hostDelayMs: 20 });
  sim = simulator;
  const { port } = await simulator.listenTcp();
  dataDir = makeDataDir('lane-stx-');
  const client = await startLane(dataDir, port, driver);
  await until(client, 'the payment terminal to come online', (state) => state.devices.some((device) => device.kind === 'payment' && device.state === 'online'));
  return { client, simulator, port };
}

/** Starts (or restarts, on the same ledger) the terminal process paying on the simulator at `port`. */
async function startLane(dir: string, port: number, driver: Record<string, unknown> = {}): Promise<ApiClient> {
  const devices = [{ kind: 'payment', protocol: 'stx-etx', name: 'Card terminal', tcp: `127.0.0.1:${port}`, ...driver }];
  terminal = await startTerminalProcess({ dataDir: dir, env: { TERMINAL_DEVICES: JSON.stringify(devices) } });
  api = await connectApi(terminal.url);
  return api;
}

/** Polls the lane's state until `check` holds (bounded); returns that state. */
async function until(client: ApiClient, what: string, check: (state: TerminalState) => boolean, attempts = 200): Promise<TerminalState> {
  let last: TerminalState | null = null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    last = await client.state();
    if (check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}; last payment state ${JSON.stringify(last?.payment)}`);
}

async function ok(client: ApiClient, ...call: Parameters<ApiClient['call']>): Promise<void> {
  const result = await client.call(...call);
  if (!result.ok) throw new Error(`${call[0]} refused: ${result.error.code} ${result.error.message}`);
}

// Each test starts a terminal process: allow for a loaded two-core machine (no timing is asserted).
describe('a lane paying on an stx-etx terminal', () => {
  it('keeps a partial approval as a tender and takes the rest with a second card', async () => {
    const { client, simulator } = await lane();
    await ok(client, 'basket.scan', { code: '4006381333931', source: 'scanner', requestId: 'partial-scan' });
    simulator.next({ kind: 'partial', amount: 300 });
    await ok(client, 'payment.start', { method: 'card', requestId: 'partial-pay-1' });
    const partly = await until(client, 'the partial approval', (state) => state.payment.state === 'declined');
    expect(partly.payment.message).toMatch(/part of the total was approved/i);
    const due = partly.basket?.total ?? 0;
    expect(due).toBeGreaterThan(300);
    await ok(client, 'payment.start', { method: 'card', requestId: 'partial-pay-2' });
    await until(client, 'the sale to complete', (state) => state.phase === 'receipt');
    expect(simulator.charges.map((charge) => charge.amount)).toEqual([300, due - 300]);
    expect(readLedger(dataDir ?? '').sales).toHaveLength(1);
  }, 60_000);

  it('recovers an approval whose answer was lost, and after an unknown outcome refuses to cancel and never charges twice', async () => {
    const { client, simulator } = await lane({ statusCheckMs: 200, transactionTimeoutMs: 1000, recoveryTimeoutMs: 1000, ackTimeoutMs: 200 });
    await ok(client, 'basket.scan', { code: '4006381333931', source: 'scanner', requestId: 'lost-answer-scan' });
    // The terminal approves, its answer is lost, and then it stops answering altogether.
    simulator.next({ kind: 'lose-response' });
    simulator.once('charge', () => {
      if (simulator) simulator.faults.deaf = true;
    });
    await ok(client, 'payment.start', { method: 'card', requestId: 'lost-answer-pay-1' });
    const unknown = await until(client, 'the payment to fail with an unknown outcome', (state) => state.payment.state === 'failed');
    expect(unknown.payment.message).toMatch(/checked before the payment is tried again/);
    const cancel = await client.call('payment.cancel', { requestId: 'lost-answer-cancel-pay' });
    expect(cancel.ok).toBe(true);
    const refused = await client.call('basket.cancel', { requestId: 'lost-answer-cancel' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BASKET_LOCKED' } });

    simulator.faults.deaf = false;
    await until(client, 'the payment terminal to answer again', (state) => state.devices.some((device) => device.kind === 'payment' && device.state === 'online'));
    await ok(client, 'payment.start', { method: 'card', requestId: 'lost-answer-pay-2' });
    await until(client, 'the sale to complete', (state) => state.phase === 'receipt');
    expect(simulator.charges).toHaveLength(1);
    expect(readLedger(dataDir ?? '').sales).toHaveLength(1);
  }, 60_000);

  it('after a crash while the card reader took the payment, asks it on restart and completes the sale with the one charge', async () => {
    const { client, simulator, port } = await lane();
    await ok(client, 'basket.scan', { code: '4006381333931', source: 'scanner', requestId: 'crash-pay-scan' });
    // The card is charged and the answer never comes back; the lane dies before it learns anything.
    simulator.next({ kind: 'lose-response' });
    const charged = new Promise<void>((resolve) => simulator.once('charge', () => resolve()));
    await ok(client, 'payment.start', { method: 'card', requestId: 'crash-pay-1' });
    await charged;
    client.close();
    await terminal?.crash();

    const again = await startLane(dataDir ?? '', port);
    const done = await until(again, 'the recovered payment to complete the sale', (state) => state.phase === 'receipt');
    expect(done.receipt?.tenders).toEqual([expect.objectContaining({ method: 'card', amount: simulator.charges[0]?.amount })]);
    expect(simulator.charges).toHaveLength(1);
    expect(readLedger(dataDir ?? '').sales).toHaveLength(1);
  }, 90_000);

  it('after a crash mid-payment keeps the basket locked while the card reader cannot say what it did', async () => {
    const { client, simulator, port } = await lane({ statusCheckMs: 200, ackTimeoutMs: 200 });
    await ok(client, 'basket.scan', { code: '4006381333931', source: 'scanner', requestId: 'deaf-pay-scan' });
    simulator.next({ kind: 'lose-response' });
    const charged = new Promise<void>((resolve) => simulator.once('charge', () => resolve()));
    await ok(client, 'payment.start', { method: 'card', requestId: 'deaf-pay-1' });
    await charged;
    client.close();
    await terminal?.crash();
    simulator.faults.deaf = true;

    const again = await startLane(dataDir ?? '', port, { statusCheckMs: 200, ackTimeoutMs: 200 });
    const unconfirmed = await until(again, 'the lane to say the payment is unconfirmed', (state) => state.payment.state === 'failed');
    expect(unconfirmed.payment.message).toMatch(/not confirmed the last payment/);
    await ok(again, 'payment.cancel', { requestId: 'deaf-cancel-pay' });
    expect(await again.call('basket.cancel', { requestId: 'deaf-cancel' })).toMatchObject({ ok: false, error: { code: 'BASKET_LOCKED' } });
    expect(await again.call('basket.scan', { code: '4006381333931', source: 'scanner', requestId: 'deaf-scan-2' })).toMatchObject({ ok: false, error: { code: 'BASKET_LOCKED' } });

    simulator.faults.deaf = false;
    await until(again, 'the payment terminal to answer again', (state) => state.devices.some((device) => device.kind === 'payment' && device.state === 'online'));
    await ok(again, 'payment.start', { method: 'card', requestId: 'deaf-pay-2' });
    await until(again, 'the sale to complete', (state) => state.phase === 'receipt');
    expect(simulator.charges).toHaveLength(1);
    expect(readLedger(dataDir ?? '').sales).toHaveLength(1);
  }, 90_000);
});
