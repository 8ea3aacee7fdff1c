import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../common/api/contract.ts';
import type { GatePassage } from '../../../common/gate.ts';
import { ModbusRelaySimulator, type CoilEdge } from '../../../drivers/sim/modbus-relay-sim.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { mintEntryToken } from '../../../main/terminal/entry-token.ts';
import type { StoreNetworkConfig } from '../../../main/terminal/config.ts';
import { createLogger } from '../../../main/terminal/log.ts';
import { receiptBarcodePayload } from '../../../common/scanned-code.ts';
import { startTerminal, type RunningTerminal } from '../../../main/terminal/terminal.ts';
import { demoTerminalConfig } from '../../support/terminal-config.ts';

const SECRET = 'harbor-street-entry-secret-0123456789abcdef';
const entry = { storeId: 'harbor-street', secret: SECRET };
const closers: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function gateTerminal(options: { role?: 'gate' | 'self-checkout'; withGate?: boolean; store?: StoreNetworkConfig } = {}): Promise<{ terminal: RunningTerminal; coils: CoilEdge[]; restart: () => Promise<RunningTerminal> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-terminal-'));
  closers.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const coils: CoilEdge[] = [];
  const devices: unknown[] = [];
  if (options.withGate ?? true) {
    const pair = await PtyPair.open();
    closers.push(() => pair.dispose());
    const relay = new ModbusRelaySimulator({ path: pair.simPath });
    relay.events.on('coil', (edge) => coils.push(edge));
    await relay.open();
    closers.push(() => relay.close());
    // Generous reply time: the whole suite runs in parallel on two loaded cores.
    devices.push({ kind: 'gate', protocol: 'modbus-rtu', name: 'Entry gate', path: pair.posPath, coil: 0, pulseMs: 50, timeoutMs: 2000, retries: 3 });
  }
  const config = { ...demoTerminalConfig({ dataDir, role: options.role ?? 'gate', laneId: 'G01', devices }), entry, ...(options.store ? { store: options.store } : {}) };
  let terminal = await startTerminal(config, createLogger('test', 'silent'));
  closers.push(() => terminal.stop());
  const restart = async (): Promise<RunningTerminal> => {
    await terminal.stop();
    terminal = await startTerminal(config, createLogger('test', 'silent'));
    return terminal;
  };
  return { terminal, coils, restart };
}

async function present(terminal: RunningTerminal, code: string, requestId: string): Promise<GatePassage> {
  const result = await terminal.api.dispatch('gate.present', { requestId, code, source: 'camera' });
  if (!result.ok) throw new Error(`gate.present failed: ${result.error.code} ${result.error.message}`);
  return result.value as GatePassage;
}

async function state(terminal: RunningTerminal): Promise<TerminalState> {
  const result = await terminal.api.dispatch('terminal.state', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as TerminalState;
}

/** Whether a digit string passes the Luhn check (as card numbers do). */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** An entry code whose expiry in epoch milliseconds passes Luhn: it once made the audit log refuse the entry. */
const code = (): string => {
  const issuedAt = Math.floor(Date.now() / 1000) * 1000;
  let lifetimeMs = 5 * 60_000;
  while (!passesLuhn(String(issuedAt + lifetimeMs))) lifetimeMs += 1000;
  return mintEntryToken({ storeId: 'harbor-street', shopperRef: 'shopper-7', issuedAt, lifetimeMs }, SECRET);
};

describe('a gate terminal', () => {
  it('opens its gate for an app entry code from the camera, shows the passage in its state, and remembers the code across a restart', async () => {
    const { terminal, coils, restart } = await gateTerminal();
    const before = await state(terminal);
    expect(before.gate).toMatchObject({ passage: null });
    expect(before.camera).toEqual({ mode: 'gate' });
    const shown = code();
    await expect.poll(async () => (await state(terminal)).gate?.state, { timeout: 5000 }).toBe('closed');
    expect(await present(terminal, shown, 'request-0001')).toMatchObject({ outcome: 'entered', reason: null });
    expect(coils.filter((edge) => edge.on)).toHaveLength(1);
    expect((await state(terminal)).gate?.passage).toMatchObject({ outcome: 'entered' });
    expect(terminal.ledger.audit.recent({ action: 'gate.entered' })).toHaveLength(1);

    // A restart on the same ledger and gate: the code is still used, and the gate stays shut.
    const again = await restart();
    await expect.poll(async () => (await state(again)).gate?.state, { timeout: 5000 }).toBe('closed');
    expect(await present(again, shown, 'request-0002')).toMatchObject({ outcome: 'refused', reason: 'ENTRY_CODE_USED' });
    expect(coils.filter((edge) => edge.on)).toHaveLength(1);
  });

  it('at a lane, gate.present is refused: a lane is not a gate', async () => {
    const { terminal } = await gateTerminal({ role: 'self-checkout', withGate: false });
    const result = await terminal.api.dispatch('gate.present', { requestId: 'request-0001', code: code(), source: 'camera' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await state(terminal)).gate).toBeUndefined();
    expect((await state(terminal)).camera).toBeUndefined();
  });

  it('lets a shopper out on a receipt from a lane of the store, asked over the store network, once even across a restart', async () => {
    const key = 'test-store-key-0123456789abcdef0123456789abcdef';
    const laneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-lane-'));
    closers.push(() => fs.rmSync(laneDir, { recursive: true, force: true }));
    const laneConfig = {
      ...demoTerminalConfig({ dataDir: laneDir, role: 'self-checkout', laneId: 'L01', devices: [{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 }] }),
      store: { key, listen: { host: '127.0.0.1', port: 0 }, peers: [] },
    };
    const lane = await startTerminal(laneConfig, createLogger('test', 'silent'));
    let laneRunning = true;
    closers.push(() => (laneRunning ? lane.stop() : undefined));
    const laneUrl = lane.storeNetwork?.url ?? '';
    const sell = async (n: number): Promise<string> => {
      for (const [command, input] of [
        ['basket.scan', { requestId: `req-gate-scan-${n}`, code: '4006381333931', source: 'scanner' }],
        ['payment.start', { requestId: `req-gate-pay-${n}`, method: 'card' }],
      ] as const) {
        const result = await lane.api.dispatch(command, input);
        if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
      }
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const receipt = (await state(lane)).receipt;
        if (receipt) {
          await lane.api.dispatch('sale.finish', { requestId: `req-gate-done-${n}` });
          return receipt.receiptNumber;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the sale did not complete');
    };
    const receipt = await sell(1);

    const store = { key, listen: { host: '127.0.0.1', port: 0 }, peers: [{ lane: 'L01', url: laneUrl }] };
    const { terminal, coils, restart } = await gateTerminal({ store });
    expect(await present(terminal, receiptBarcodePayload(receipt), 'req-gate-exit-1')).toMatchObject({ outcome: 'exited' });
    expect(coils.length).toBeGreaterThan(0);
    expect(await present(terminal, receiptBarcodePayload(receipt), 'req-gate-exit-2')).toMatchObject({ outcome: 'refused', reason: 'RECEIPT_ALREADY_USED' });
    const again = await restart();
    expect(await present(again, receiptBarcodePayload(receipt), 'req-gate-exit-3')).toMatchObject({ outcome: 'refused', reason: 'RECEIPT_ALREADY_USED' });

    const second = await sell(2);
    await lane.stop();
    laneRunning = false;
    expect(await present(again, receiptBarcodePayload(second), 'req-gate-exit-4')).toMatchObject({ outcome: 'refused', reason: 'LANE_UNREACHABLE' });
  });
});
