import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../common/api/contract.ts';
import type { CommandName } from '../../../common/api/names.ts';
import type { Result } from '../../../common/api/result.ts';
import type { SessionView } from '../../../common/session.ts';
import type { TerminalConfig } from '../../../main/terminal/config.ts';
import { createLogger } from '../../../main/terminal/log.ts';
import { startTerminal, type RunningTerminal } from '../../../main/terminal/terminal.ts';
import { demoTerminalConfig } from '../../support/terminal-config.ts';

const IPA = '085123006016';
const SOURDOUGH = '4006381333931';

let dataDir: string;
let terminal: RunningTerminal | null = null;
let blocker: net.Server | null = null;

async function start(role: TerminalConfig['role'], extra: Partial<TerminalConfig> = {}): Promise<RunningTerminal> {
  const config = { ...demoTerminalConfig({ dataDir, role, laneId: 'L07', devices: [{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 }] }), ...extra };
  terminal = await startTerminal(config, createLogger('test', 'silent'));
  return terminal;
}

async function call(command: CommandName, input: Record<string, unknown>): Promise<Result<unknown>> {
  if (!terminal) throw new Error('no terminal');
  return terminal.api.dispatch(command, input);
}

async function must<T = TerminalState>(command: CommandName, input: Record<string, unknown>): Promise<T> {
  const result = await call(command, input);
  if (!result.ok) throw new Error(`${command} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-age-'));
});

afterEach(async () => {
  await terminal?.stop();
  terminal = null;
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = null;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the age check at the lane itself', () => {
  it('at self-checkout, an attendant approves with their PIN after keying the date of birth, which the audit never keeps', async () => {
    await start('self-checkout');
    await must('basket.scan', { requestId: 'req-scan-ipa-1', code: IPA, source: 'keyed' });
    const asked = await call('age.verify', { requestId: 'req-age-0001', dateOfBirth: '1988-03-09' });
    expect(asked).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    const session = await must<SessionView>('operator.session', {});
    const approvalId = session.approval?.approvalId ?? '';
    await must('approval.grant', { requestId: 'req-grant-001', approvalId, credential: { kind: 'pin', operatorId: '1002', pin: '2468' } });

    const state = await must('terminal.state', {});
    expect(state.basket?.ageCheckRequired).toBe(false);
    const audit = terminal?.ledger.audit.recent({ limit: 10 }) ?? [];
    expect(audit.find((entry) => entry.action === 'age.approved')).toMatchObject({ approverId: '1002', details: { minimumAge: 21 } });
    expect(JSON.stringify(audit)).not.toContain('1988-03-09');
    // The pause is over: the shopper scans on and pays.
    await must('basket.scan', { requestId: 'req-scan-bread-1', code: SOURDOUGH, source: 'keyed' });
    await must('payment.start', { requestId: 'req-pay-00001', method: 'card' });
    await terminal?.lane.settled();
    expect((await must('terminal.state', {})).receipt).not.toBeNull();
  });

  it('at an associate lane the cashier keeps scanning and checks the ID before payment', async () => {
    await start('associate');
    await must('operator.signIn', { requestId: 'req-signin-01', credential: { kind: 'pin', operatorId: '1001', pin: '1234' } });
    await must('basket.scan', { requestId: 'req-scan-ipa-2', code: IPA, source: 'keyed' });
    await must('basket.scan', { requestId: 'req-scan-bread-2', code: SOURDOUGH, source: 'keyed' });
    expect(await call('payment.start', { requestId: 'req-pay-00002', method: 'card' })).toMatchObject({ ok: false, error: { code: 'AGE_CHECK_REQUIRED' } });
    const young = `${new Date().getUTCFullYear() - 18}-01-01`;
    expect(await call('age.verify', { requestId: 'req-age-0002', dateOfBirth: young })).toMatchObject({ ok: false, error: { code: 'UNDER_AGE', field: 'dateOfBirth' } });
    expect(await call('age.verify', { requestId: 'req-age-0003', dateOfBirth: '1990-02-30' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'input.dateOfBirth' } });
    const verified = await must('age.verify', { requestId: 'req-age-0004', dateOfBirth: '1975-12-01' });
    expect(verified.basket?.ageCheckRequired).toBe(false);
    expect(terminal?.ledger.audit.recent({ action: 'age.approved' })[0]).toMatchObject({ operatorId: '1001' });
  });

  it('a lane whose peer port is taken still starts and sells, without the store network', async () => {
    blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker?.listen(0, '127.0.0.1', () => resolve((blocker?.address() as net.AddressInfo).port)));
    const running = await start('self-checkout', { store: { key: 'k'.repeat(32), listen: { host: '127.0.0.1', port }, peers: [] } });
    expect(running.storeNetwork).toBeNull();
    expect((await must('basket.scan', { requestId: 'req-scan-bread-3', code: SOURDOUGH, source: 'keyed' })).basket?.lines).toHaveLength(1);
  });
});
