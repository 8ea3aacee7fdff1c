import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../common/api/contract.ts';
import type { CommandName } from '../../../common/api/names.ts';
import { ModbusRelaySimulator } from '../../../drivers/sim/modbus-relay-sim.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { createLogger } from '../../../main/terminal/log.ts';
import { startTerminal, type RunningTerminal } from '../../../main/terminal/terminal.ts';
import { demoTerminalConfig } from '../../support/terminal-config.ts';

const SOURDOUGH = '4006381333931';

let dataDir: string;
let terminal: RunningTerminal;
let rig: { pair: PtyPair; module: ModbusRelaySimulator } | null = null;

async function start(extraDevices: unknown[] = []): Promise<RunningTerminal> {
  const config = demoTerminalConfig({
    dataDir,
    role: 'self-checkout',
    laneId: 'L03',
    devices: [{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 }, ...extraDevices],
  });
  return startTerminal(config, createLogger('test', 'silent'));
}

async function run(command: CommandName, input: Record<string, unknown>): Promise<TerminalState> {
  const result = await terminal.api.dispatch(command, input);
  if (!result.ok) throw new Error(`${command} failed: ${result.error.code} ${result.error.message}`);
  return result.value as TerminalState;
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-help-'));
  terminal = await start();
});

afterEach(async () => {
  await terminal.stop();
  if (rig) {
    await rig.module.close();
    await rig.pair.dispose();
    rig = null;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('call for help at a self-checkout lane', () => {
  it('holds the call in the lane state, keeps the first time on a second press, and writes both ends to the audit log', async () => {
    await run('basket.scan', { requestId: 'req-scan-0001', code: SOURDOUGH, source: 'wedge' });
    const called = await run('lane.callHelp', { requestId: 'req-help-0001' });
    expect(called.help).not.toBeNull();
    const first = called.help?.requestedAt;

    const again = await run('lane.callHelp', { requestId: 'req-help-0002' });
    expect(again.help?.requestedAt).toBe(first);
    expect((await run('terminal.state', {})).help?.requestedAt).toBe(first);

    const cancelled = await run('lane.cancelHelp', { requestId: 'req-help-0003' });
    expect(cancelled.help).toBeNull();
    // The basket is untouched by the call.
    expect(cancelled.basket?.lines).toHaveLength(1);

    const called2 = terminal.ledger.audit.recent({ action: 'lane.helpCalled' });
    const cancelled2 = terminal.ledger.audit.recent({ action: 'lane.helpCancelled' });
    expect(called2).toHaveLength(1);
    expect(called2[0]).toMatchObject({ laneId: 'L03', subject: 'L03', details: { phase: 'shopping' } });
    expect(cancelled2).toHaveLength(1);
    expect(cancelled2[0]?.details).toEqual({ requestedAt: first });
  });

  it('a repeated request id changes nothing, and cancelling with no call open writes nothing', async () => {
    await run('lane.callHelp', { requestId: 'req-help-0001' });
    await run('lane.cancelHelp', { requestId: 'req-help-0002' });
    const replayed = await run('lane.callHelp', { requestId: 'req-help-0001' });
    expect(replayed.help).toBeNull();
    await run('lane.cancelHelp', { requestId: 'req-help-0003' });
    expect(terminal.ledger.audit.recent({ action: 'lane.helpCalled' })).toHaveLength(1);
    expect(terminal.ledger.audit.recent({ action: 'lane.helpCancelled' })).toHaveLength(1);
  });

  it('refuses a call without a request id, naming the field', async () => {
    const result = await terminal.api.dispatch('lane.callHelp', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.field).toBe('input.requestId');
    }
    expect((await run('terminal.state', {})).help).toBeNull();
  });

  it('pushes the call to every subscriber as a state event', async () => {
    const seen: (TerminalState['help'] | undefined)[] = [];
    const unsubscribe = terminal.api.subscribe((event) => {
      if (event.event === 'state') seen.push(event.payload.help);
    });
    try {
      await run('lane.callHelp', { requestId: 'req-help-0001' });
      await run('lane.cancelHelp', { requestId: 'req-help-0002' });
    } finally {
      unsubscribe();
    }
    expect(seen.map((help) => help !== null)).toEqual([true, false]);
  });
});

describe('call for help and the lane light', () => {
  it('flashes the green lamp while help is called and shows it steady again once the call is cancelled', async () => {
    const pair = await PtyPair.open();
    const module = new ModbusRelaySimulator({ path: pair.simPath, inputs: 4 });
    rig = { pair, module };
    await module.open();
    await terminal.stop();
    terminal = await start([{ kind: 'light', protocol: 'modbus-rtu', path: pair.posPath, greenCoil: 1, redCoil: 2, flashMs: 100 }]);
    await expect.poll(() => terminal.api.health().devices.find((device) => device.kind === 'light')?.state, { timeout: 5000 }).toBe('online');

    const before = module.edges.filter((edge) => edge.coil === 1).length;
    await run('lane.callHelp', { requestId: 'req-help-0001' });
    // Flashing: the green coil keeps switching on and off.
    await expect.poll(() => module.edges.filter((edge) => edge.coil === 1).length - before, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);

    await run('lane.cancelHelp', { requestId: 'req-help-0002' });
    await expect.poll(() => module.coils.slice(1, 3), { timeout: 5000 }).toEqual([true, false]);
  });
});
