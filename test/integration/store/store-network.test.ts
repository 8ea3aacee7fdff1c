import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../common/api/contract.ts';
import type { CommandName } from '../../../common/api/names.ts';
import type { Result } from '../../../common/api/result.ts';
import { LaneSummarySchema, type StoreBoard } from '../../../common/store.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { SerialScannerSimulator } from '../../../drivers/sim/serial-scanner-sim.ts';
import { PeerClient, PeerUnreachable } from '../../../main/store/peer-client.ts';
import { PEER_HEADERS, signRequest } from '../../../main/store/signing.ts';
import type { StoreNetworkConfig } from '../../../main/terminal/config.ts';
import { createLogger } from '../../../main/terminal/log.ts';
import { startTerminal, type RunningTerminal } from '../../../main/terminal/terminal.ts';
import { demoTerminalConfig } from '../../support/terminal-config.ts';

const STORE_KEY = 'test-store-key-0123456789abcdef0123456789abcdef';
const IPA = '085123006016'; // Harbor Light IPA 6-pack, 21+
const SOURDOUGH = '4006381333931';
const cashier = { operatorId: '1001', pin: '1234' };

let dataDirs: string[] = [];
let running: RunningTerminal[] = [];
let rig: { pair: PtyPair; scanner: SerialScannerSimulator } | null = null;

async function startAs(role: 'self-checkout' | 'attendant' | 'associate', laneId: string, store: Partial<StoreNetworkConfig> = {}, devices: unknown[] = []): Promise<RunningTerminal> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `store-${laneId}-`));
  dataDirs.push(dataDir);
  const config = {
    ...demoTerminalConfig({ dataDir, role, laneId, devices: [{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 }, ...devices] }),
    store: { key: STORE_KEY, listen: { host: '127.0.0.1', port: 0 }, peers: [], ...store },
  };
  const terminal = await startTerminal(config, createLogger('test', 'silent'));
  running.push(terminal);
  return terminal;
}

function peerUrl(terminal: RunningTerminal): string {
  if (!terminal.storeNetwork) throw new Error('the terminal is not on the store network');
  return terminal.storeNetwork.url;
}

async function call(terminal: RunningTerminal, command: CommandName, input: Record<string, unknown>): Promise<Result<unknown>> {
  return terminal.api.dispatch(command, input);
}

async function must<T = TerminalState>(terminal: RunningTerminal, command: CommandName, input: Record<string, unknown>): Promise<T> {
  const result = await call(terminal, command, input);
  if (!result.ok) throw new Error(`${command} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Waits for the station's board to satisfy `ready` (event-driven; the bound only ends a broken test). */
async function boardWhere(station: RunningTerminal, ready: (board: StoreBoard) => boolean): Promise<StoreBoard> {
  const watcher = station.storeNetwork?.board;
  if (!watcher) throw new Error('the station watches no lanes');
  if (ready(watcher.view())) return watcher.view();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      watcher.off('changed', check);
      reject(new Error(`the board never got there: ${JSON.stringify(watcher.view())}`));
    }, 15_000);
    function check(board: StoreBoard): void {
      if (!ready(board)) return;
      clearTimeout(timer);
      watcher?.off('changed', check);
      resolve(board);
    }
    watcher.on('changed', check);
  });
}

beforeEach(() => {
  dataDirs = [];
  running = [];
});

afterEach(async () => {
  for (const terminal of running.reverse()) await terminal.stop();
  if (rig) {
    await rig.scanner.close();
    await rig.pair.dispose();
    rig = null;
  }
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the store network between a self-checkout lane and the attendant station', () => {
  it('pauses the lane on an age-restricted item until the attendant approves it from the station, then the shopper pays', async () => {
    const lane = await startAs('self-checkout', 'SCO-1');
    const station = await startAs('attendant', 'ATT-1', { peers: [{ lane: 'SCO-1', url: peerUrl(lane) }] });

    const scanned = await must(lane, 'basket.scan', { requestId: 'req-scan-ipa-1', code: IPA, source: 'scanner' });
    expect(scanned.basket?.ageCheckRequired).toBe(true);
    // The lane is paused: no more scanning, no payment.
    const more = await call(lane, 'basket.scan', { requestId: 'req-scan-bread-1', code: SOURDOUGH, source: 'scanner' });
    expect(more).toMatchObject({ ok: false, error: { code: 'AGE_CHECK_REQUIRED' } });
    expect(await call(lane, 'payment.start', { requestId: 'req-pay-0001', method: 'card' })).toMatchObject({ ok: false, error: { code: 'AGE_CHECK_REQUIRED' } });

    // The station's operator must be signed in to see the board or act.
    expect(await call(station, 'store.board', {})).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    await must(station, 'operator.signIn', { requestId: 'req-signin-01', credential: { kind: 'pin', ...cashier } });
    const board = await boardWhere(station, (view) => view.lanes[0]?.interventions.some((item) => item.kind === 'ageCheck') === true);
    expect(board.lanes[0]).toMatchObject({ laneId: 'SCO-1', status: 'help', itemCount: 1, total: scanned.basket?.total });
    expect(board.lanes[0]?.interventions[0]).toMatchObject({ kind: 'ageCheck', minimumAge: 21 });

    // Under age on the lane's own date: refused, and the lane stays paused.
    const today = new Date();
    const twentyYearsAgo = `${today.getUTCFullYear() - 20}-01-01`;
    const refused = await call(station, 'attendant.approveAge', { requestId: 'req-age-0001', laneId: 'SCO-1', dateOfBirth: twentyYearsAgo });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNDER_AGE' } });
    expect((await must(lane, 'terminal.state', {})).basket?.ageCheckRequired).toBe(true);

    const approved = await must<StoreBoard>(station, 'attendant.approveAge', { requestId: 'req-age-0002', laneId: 'SCO-1', dateOfBirth: '1990-05-17' });
    expect(approved.lanes[0]?.interventions).toEqual([]);
    expect(approved.lanes[0]?.status).toBe('shopping');
    expect((await must(lane, 'terminal.state', {})).basket?.ageCheckRequired).toBe(false);

    // Audited on the lane under the attendant's id; the date of birth is nowhere in the lane's ledger.
    const audit = lane.ledger.audit.recent({ limit: 20 });
    expect(audit.find((entry) => entry.action === 'attendant.ageApproved')).toMatchObject({ operatorId: '1001', laneId: 'SCO-1', details: { station: 'ATT-1', minimumAge: 21 } });
    expect(audit.find((entry) => entry.action === 'attendant.ageRefused')).toMatchObject({ operatorId: '1001' });
    expect(fs.readFileSync(path.join(dataDirs[0] ?? '', 'ledger.sqlite')).includes('1990-05-17')).toBe(false);

    await must(lane, 'basket.scan', { requestId: 'req-scan-bread-2', code: SOURDOUGH, source: 'scanner' });
    await must(lane, 'payment.start', { requestId: 'req-pay-0002', method: 'card' });
    await lane.lane.settled();
    expect((await must(lane, 'terminal.state', {})).receipt?.receiptNumber).toBeTruthy();
  });

  it('voids a line and acknowledges a call for help from the station, each audited on the lane', async () => {
    const lane = await startAs('self-checkout', 'SCO-2');
    const station = await startAs('attendant', 'ATT-1', { peers: [{ lane: 'SCO-2', url: peerUrl(lane) }] });
    await must(station, 'operator.signIn', { requestId: 'req-signin-02', credential: { kind: 'pin', ...cashier } });
    const state = await must(lane, 'basket.scan', { requestId: 'req-scan-ipa-2', code: IPA, source: 'scanner' });
    await must(lane, 'lane.callHelp', { requestId: 'req-help-0001' });
    await boardWhere(station, (view) => view.lanes[0]?.interventions.length === 2);

    const lineId = state.basket?.lines[0]?.lineId ?? '';
    await must(station, 'attendant.voidLine', { requestId: 'req-void-0001', laneId: 'SCO-2', lineId });
    const after = await must<StoreBoard>(station, 'attendant.acknowledgeHelp', { requestId: 'req-ack-00001', laneId: 'SCO-2' });
    expect(after.lanes[0]).toMatchObject({ interventions: [], itemCount: 0 });
    const lanesView = await must(lane, 'terminal.state', {});
    expect(lanesView.help).toBeNull();
    expect(lanesView.basket?.lines).toEqual([]);
    const actions = lane.ledger.audit.recent({ limit: 20 }).map((entry) => [entry.action, entry.operatorId]);
    expect(actions).toContainEqual(['attendant.lineVoided', '1001']);
    expect(actions).toContainEqual(['attendant.helpAcknowledged', '1001']);
  });

  it('shows a lane that does not answer as offline, and the station keeps working', async () => {
    const lane = await startAs('self-checkout', 'SCO-3');
    const url = peerUrl(lane);
    const station = await startAs('attendant', 'ATT-1', { peers: [{ lane: 'SCO-3', url }, { lane: 'SCO-9', url: 'http://127.0.0.1:9/' }] });
    await must(station, 'operator.signIn', { requestId: 'req-signin-03', credential: { kind: 'pin', ...cashier } });
    const board = await boardWhere(station, (view) => view.lanes[0]?.status === 'idle' && view.lanes[1]?.status === 'offline');
    expect(board.lanes.map((item) => item.laneId)).toEqual(['SCO-3', 'SCO-9']);
    expect(await call(station, 'attendant.acknowledgeHelp', { requestId: 'req-ack-00002', laneId: 'SCO-9' })).toMatchObject({ ok: false, error: { code: 'LANE_UNREACHABLE' } });
  });

  it('refuses a peer request signed with the wrong store key, a replayed one and an unsigned one', async () => {
    const lane = await startAs('self-checkout', 'SCO-4');
    const peer = { lane: 'SCO-4', url: peerUrl(lane) };
    const good = new PeerClient({ key: STORE_KEY, lane: 'ATT-1', now: Date.now });
    expect((await good.request(peer, 'GET', '/peer/v1/lane', undefined, LaneSummarySchema)).ok).toBe(true);

    const stranger = new PeerClient({ key: 'another-store-key-0123456789abcdef0123456789', lane: 'ATT-1', now: Date.now });
    await expect(stranger.request(peer, 'GET', '/peer/v1/lane', undefined, LaneSummarySchema)).rejects.toThrow(PeerUnreachable);

    const body = JSON.stringify({ requestId: 'req-ack-00003', operatorId: '1001', action: { type: 'acknowledgeHelp' } });
    const headers = { ...signRequest(STORE_KEY, { method: 'POST', path: '/peer/v1/lane/actions', body, lane: 'ATT-1' }, Date.now()), 'content-type': 'application/json' };
    const target = new URL('/peer/v1/lane/actions', peer.url);
    const first = await fetch(target, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    const replay = await fetch(target, { method: 'POST', headers, body });
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain('replayed');

    // The same signature on another body is worthless.
    const tampered = await fetch(target, { method: 'POST', headers: { ...headers, [PEER_HEADERS.nonce]: 'f'.repeat(32) }, body: body.replace('1001', '3001') });
    expect(tampered.status).toBe(401);
    const unsigned = await fetch(new URL('/peer/v1/lane', peer.url));
    expect(unsigned.status).toBe(401);
    expect(lane.ledger.audit.recent({ limit: 5 }).some((entry) => entry.action.startsWith('attendant.'))).toBe(false);
  });

  it('refuses an attendant the lane does not know, and a station whose operator is not signed in', async () => {
    const lane = await startAs('self-checkout', 'SCO-5');
    const station = await startAs('attendant', 'ATT-1', { peers: [{ lane: 'SCO-5', url: peerUrl(lane) }] });
    const client = new PeerClient({ key: STORE_KEY, lane: 'ATT-1', now: Date.now });
    const answer = await client.request({ lane: 'SCO-5', url: peerUrl(lane) }, 'POST', '/peer/v1/lane/actions', { requestId: 'req-ack-00004', operatorId: '9999', action: { type: 'acknowledgeHelp' } }, LaneSummarySchema);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(lane.ledger.audit.recent({ action: 'attendant.refused' })[0]).toMatchObject({ operatorId: '9999' });
    expect(await call(station, 'attendant.approveAge', { requestId: 'req-age-0003', laneId: 'SCO-5', dateOfBirth: '1990-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_REQUIRED' },
    });
  });

  it('approves the age check with an ID card scanned at the station, and refuses an expired card', async () => {
    const pair = await PtyPair.open();
    const scanner = new SerialScannerSimulator({ path: pair.simPath, suffix: '\x03' });
    await scanner.open();
    rig = { pair, scanner };
    const lane = await startAs('self-checkout', 'SCO-6');
    const station = await startAs('attendant', 'ATT-1', { peers: [{ lane: 'SCO-6', url: peerUrl(lane) }] }, [
      { kind: 'scanner', protocol: 'serial', name: 'ID scanner', path: pair.posPath, suffix: 'ETX' },
    ]);
    await must(station, 'operator.signIn', { requestId: 'req-signin-06', credential: { kind: 'pin', ...cashier } });
    await must(lane, 'basket.scan', { requestId: 'req-scan-ipa-6', code: IPA, source: 'scanner' });
    await boardWhere(station, (view) => view.lanes[0]?.interventions.length === 1);

    const card = (born: string, expires: string): string =>
      ['@', '\x1e\rANSI 636014080102DL00410278ZC03190008DLDAQD1234562', 'DCSPUBLIC', 'DACJOHN', `DBB${born}`, `DBA${expires}`, 'DCGUSA', '\r'].join('\n');
    // The station says it read a card (a notice); then its board carries the card's age.
    const scanned = async (text: string): Promise<StoreBoard> => {
      const read = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the station never read the ID card')), 15_000);
        const unsubscribe = station.api.subscribe((event) => {
          if (event.event !== 'notice' || !event.payload.message.startsWith('ID card read')) return;
          clearTimeout(timer);
          unsubscribe();
          resolve();
        });
      });
      await scanner.scan(text, { aim: ']L0' });
      await read;
      return must<StoreBoard>(station, 'store.board', {});
    };

    const expired = await scanned(card('05171990', '01012020'));
    expect(expired.idScan).toMatchObject({ expired: true });
    expect(await call(station, 'attendant.approveAge', { requestId: 'req-age-0061', laneId: 'SCO-6', idScan: true })).toMatchObject({ ok: false, error: { code: 'ID_EXPIRED' } });
    // Used up: an approval needs a fresh scan.
    expect(await call(station, 'attendant.approveAge', { requestId: 'req-age-0062', laneId: 'SCO-6', idScan: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const valid = await scanned(card('05171990', '08312099'));
    expect(valid.idScan).toMatchObject({ expired: false });
    expect(valid.idScan?.age).toBeGreaterThanOrEqual(35);
    const approved = await must<StoreBoard>(station, 'attendant.approveAge', { requestId: 'req-age-0063', laneId: 'SCO-6', idScan: true });
    expect(approved.lanes[0]?.interventions).toEqual([]);
    expect(lane.ledger.audit.recent({ action: 'attendant.ageApproved' })[0]).toMatchObject({ operatorId: '1001', details: { method: 'id-scan' } });
  });
});

describe('suspended sales across the store network', () => {
  it('resumes a ticket suspended on one lane at another lane, once, over the signed peer API', async () => {
    const holding = await startAs('associate', 'L01');
    const resuming = await startAs('associate', 'L02', { peers: [{ lane: 'L01', url: peerUrl(holding) }] });
    const elsewhere = await startAs('associate', 'L03', { peers: [{ lane: 'L01', url: peerUrl(holding) }] });
    for (const [n, lane] of [holding, resuming, elsewhere].entries()) {
      await must(lane, 'operator.signIn', { requestId: `req-susp-signin-${n}`, credential: { kind: 'pin', ...cashier } });
    }
    await must(holding, 'basket.scan', { requestId: 'req-susp-scan-1', code: SOURDOUGH, source: 'keyed', quantity: 2 });
    const ticket = await must<{ ticket: string; total: number }>(holding, 'basket.suspend', { requestId: 'req-susp-park-1' });
    expect(ticket.ticket).toBe('SUS-L01-0001');

    const resumed = await must(resuming, 'basket.scan', { requestId: 'req-susp-resume-1', code: ticket.ticket, source: 'scanner' });
    expect(resumed.basket?.lines).toEqual([expect.objectContaining({ quantity: 2 })]);
    expect(resumed.basket?.total).toBe(ticket.total);

    const again = await call(elsewhere, 'basket.resume', { requestId: 'req-susp-resume-2', ticket: ticket.ticket });
    expect(again).toMatchObject({ ok: false, error: { code: 'TICKET_ALREADY_RESUMED' } });
  });

  it('keeps the ticket with its lane when that lane cannot be reached', async () => {
    const holding = await startAs('associate', 'L01');
    const url = peerUrl(holding);
    await must(holding, 'operator.signIn', { requestId: 'req-susp-signin-9', credential: { kind: 'pin', ...cashier } });
    await must(holding, 'basket.scan', { requestId: 'req-susp-scan-9', code: SOURDOUGH, source: 'keyed' });
    const ticket = await must<{ ticket: string }>(holding, 'basket.suspend', { requestId: 'req-susp-park-9' });
    await holding.stop();
    running = running.filter((terminal) => terminal !== holding);
    const resuming = await startAs('associate', 'L02', { peers: [{ lane: 'L01', url }] });
    await must(resuming, 'operator.signIn', { requestId: 'req-susp-signin-8', credential: { kind: 'pin', ...cashier } });
    expect(await call(resuming, 'basket.resume', { requestId: 'req-susp-resume-9', ticket: ticket.ticket })).toMatchObject({ ok: false, error: { code: 'LANE_UNREACHABLE' } });
    expect((await must(resuming, 'terminal.state', {})).basket).toBeNull();
  });
});
