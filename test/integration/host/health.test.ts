import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalHealthSchema } from '../../../common/health.ts';
import { startHost, type RunningHost } from '../../../main/host/server.ts';
import { createLogger } from '../../../main/terminal/log.ts';
import { startTerminal, type RunningTerminal } from '../../../main/terminal/terminal.ts';
import { demoTerminalConfig } from '../../support/terminal-config.ts';

let dataDir: string;
let rendererDir: string;
let terminal: RunningTerminal;
let host: RunningHost;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-health-'));
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>lane</title>');
  const config = demoTerminalConfig({
    dataDir,
    role: 'self-checkout',
    laneId: 'L04',
    devices: [
      { kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 },
      // Nothing answers there: the scale stays down and its driver keeps retrying.
      { kind: 'scale', protocol: 'mt-sics', name: 'Bagging scale', role: 'bagging', path: path.join(dataDir, 'no-scale-here') },
    ],
  });
  terminal = await startTerminal(config, createLogger('test', 'silent'));
  host = await startHost(terminal.api, { host: '127.0.0.1', port: 0, rendererDir });
});

afterEach(async () => {
  await host.close();
  await terminal.stop(); // also after the test closed the ledger: the devices are closed either way
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

async function health(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${host.url}health`);
  return { status: response.status, body: await response.json() };
}

describe('GET /health of the browser host', () => {
  it('answers 200 with the lane, its ledger and each device while the lane can sell', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    const report = TerminalHealthSchema.parse(body);
    expect(report).toMatchObject({ status: 'degraded', canSell: true, role: 'self-checkout', laneId: 'L04', version: '0.1.0' });
    expect(report.ledger).toEqual({ state: 'open', lastSaleSeq: null, outboxBacklog: 0, error: null });
    expect(report.devices.find((device) => device.kind === 'payment')).toMatchObject({ protocol: 'simulator', connection: 'connected', lastError: null });
    const scale = report.devices.find((device) => device.kind === 'scale');
    expect(scale).toMatchObject({ protocol: 'mt-sics', connection: 'reconnecting', state: 'offline' });
    expect(scale?.lastError?.message).toMatch(/no-scale-here not found/);
    expect(report.problems).toEqual([expect.stringMatching(/^scale Bagging scale reconnecting: /)]);
  });

  it('counts completed sales and the outbox rows waiting for HQ', async () => {
    const run = async (command: 'basket.scan' | 'payment.start' | 'sale.finish', input: Record<string, unknown>): Promise<void> => {
      const result = await terminal.api.dispatch(command, input);
      if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
    };
    await run('basket.scan', { requestId: 'req-health-scan', code: '4006381333931', source: 'keyed' });
    await run('payment.start', { requestId: 'req-health-pay', method: 'card' });
    await expect.poll(() => terminal.lane.state().phase, { timeout: 5000 }).toBe('receipt');
    const report = TerminalHealthSchema.parse((await health()).body);
    expect(report.ledger.lastSaleSeq).toBe(1);
    expect(report.ledger.outboxBacklog).toBeGreaterThan(0);
  });

  it('answers 503 once the ledger cannot be read', async () => {
    terminal.ledger.close();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(TerminalHealthSchema.parse(body)).toMatchObject({ status: 'down', canSell: false, ledger: { state: 'failed', error: 'the ledger is closed' } });
  });
});
