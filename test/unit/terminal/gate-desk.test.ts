import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../common/api/contract.ts';
import type { GateState } from '../../../drivers/gate/gate.ts';
import { EntryGate, type UsedEntry } from '../../../main/terminal/entry-gate.ts';
import { mintEntryToken, type EntryPass } from '../../../main/terminal/entry-token.ts';
import { ExitGate } from '../../../main/terminal/exit-gate.ts';
import { GateDesk } from '../../../main/terminal/gate-desk.ts';

const SECRET = 'harbor-street-entry-secret-0123456789abcdef';
const STORE = 'harbor-street';
const log = pino({ level: 'silent' });

/** A gate relay that counts its openings; it can be made to fail or to drop offline. */
class FakeGate {
  opened = 0;
  failing = false;
  link: DeviceStatus = { name: 'Gate', kind: 'gate', state: 'online', detail: 'ready' };
  position: GateState['position'] = 'closed';
  fault: string | null = null;
  openGate(): Promise<void> {
    if (this.failing) return Promise.reject(new Error('relay board offline'));
    this.opened += 1;
    return Promise.resolve();
  }
  status(): DeviceStatus {
    return this.link;
  }
  state(): GateState {
    return { position: this.position, beam: 'not-wired', fault: this.fault };
  }
}

function rig(options: { used?: UsedEntry[]; entryKey?: boolean; recordFails?: boolean } = {}) {
  let now = Date.parse('2026-11-22T12:00:00.000Z');
  const gate = new FakeGate();
  const recorded: EntryPass[] = [];
  let changes = 0;
  const entry = new EntryGate({ secret: SECRET, storeId: STORE, gate, now: () => now, used: options.used ?? [], record: (pass) => {
      if (options.recordFails) throw new Error('audit log refused the entry');
      recorded.push(pass);
    }, log });
  const exit = new ExitGate({
    findSale: (receiptNumber) => (receiptNumber === 'L01-000001' ? { completedAt: '2026-11-22T11:30:00.000Z', voided: false } : null),
    gate,
    now: () => now,
    log,
  });
  const desk = new GateDesk({
    gate,
    exit,
    entry: options.entryKey === false ? null : entry,
    now: () => new Date(now).toISOString(),
    changed: () => {
      changes += 1;
    },
    log,
  });
  const code = (lifetimeMs = 5 * 60_000, nonce?: string): string =>
    mintEntryToken({ storeId: STORE, shopperRef: 'shopper-42', issuedAt: now, lifetimeMs, ...(nonce ? { nonce } : {}) }, SECRET);
  return {
    gate,
    desk,
    recorded,
    code,
    changes: () => changes,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('the gate desk judges every code shown at a gate', () => {
  it('opens the gate once for an app entry code, records it, and refuses the same code again as used', async () => {
    const { desk, gate, recorded, code, changes } = rig();
    const entry = code();
    expect(await desk.present(entry)).toMatchObject({ id: 1, outcome: 'entered', reason: null });
    expect(gate.opened).toBe(1);
    expect(recorded.map((pass) => pass.shopperRef)).toEqual(['shopper-42']);
    expect(await desk.present(entry)).toMatchObject({ id: 2, outcome: 'refused', reason: 'ENTRY_CODE_USED' });
    expect(gate.opened).toBe(1);
    expect(changes()).toBe(2);
    expect(desk.view()).toMatchObject({ state: 'closed', passage: { id: 2, outcome: 'refused' } });
  });

  it('refuses a code let in before a restart (from the audit log) while it is still valid', async () => {
    const { desk, gate, code } = rig({ used: [{ nonce: 'seen-before-1', expiresAt: Date.parse('2026-11-22T12:05:00.000Z') }] });
    expect(await desk.present(code(60_000, 'seen-before-1'))).toMatchObject({ outcome: 'refused', reason: 'ENTRY_CODE_USED' });
    expect(gate.opened).toBe(0);
  });

  it('refuses an expired code as expired, with the clock it was given', async () => {
    const { desk, code, advance } = rig();
    const entry = code(60_000);
    advance(60_000);
    expect(await desk.present(entry)).toMatchObject({ outcome: 'refused', reason: 'ENTRY_CODE_EXPIRED' });
  });

  it('lets a shopper out with a paid receipt, once, and says why it refuses an unknown one', async () => {
    const { desk, gate } = rig();
    expect(await desk.present('RCPT-L01-000001')).toMatchObject({ outcome: 'exited' });
    expect(await desk.present('RCPT-L01-000001')).toMatchObject({ outcome: 'refused', reason: 'RECEIPT_ALREADY_USED' });
    expect(await desk.present('RCPT-L01-000099')).toMatchObject({ outcome: 'refused', reason: 'UNKNOWN_SALE' });
    expect(await desk.present('4006381333931')).toMatchObject({ outcome: 'refused', reason: 'INVALID_BARCODE' });
    expect(gate.opened).toBe(1);
  });

  it('a gate that fails to open refuses with DEVICE_UNAVAILABLE, and the code may be shown again', async () => {
    const { desk, gate, code, recorded } = rig();
    const entry = code();
    gate.failing = true;
    expect(await desk.present(entry)).toMatchObject({ outcome: 'refused', reason: 'DEVICE_UNAVAILABLE' });
    expect(recorded).toEqual([]);
    gate.failing = false;
    expect(await desk.present(entry)).toMatchObject({ outcome: 'entered' });
  });

  it('a retried request answers the passage it already had instead of "already used"', async () => {
    const { desk, gate, code } = rig();
    const entry = code();
    const first = await desk.present(entry, 'req-1');
    expect(await desk.present(entry, 'req-1')).toEqual(first);
    expect(gate.opened).toBe(1);
  });

  it('a gate without a store entry key refuses app codes, naming the missing key', async () => {
    const { desk, code } = rig({ entryKey: false });
    expect(await desk.present(code())).toMatchObject({ outcome: 'refused', reason: 'ENTRY_CODE_INVALID' });
  });

  it('shows the gate at fault when its relay is offline or faulty, and open while it pulses', () => {
    const { desk, gate } = rig();
    gate.position = 'open';
    expect(desk.view()).toMatchObject({ state: 'open', detail: '' });
    gate.link = { name: 'Gate', kind: 'gate', state: 'offline', detail: 'not connected to /dev/ttyUSB0' };
    expect(desk.view()).toMatchObject({ state: 'fault', detail: 'Gate: not connected to /dev/ttyUSB0' });
    gate.link = { name: 'Gate', kind: 'gate', state: 'online', detail: 'ready' };
    gate.fault = 'relay output 0 may still be on';
    expect(desk.view()).toMatchObject({ state: 'fault', detail: 'relay output 0 may still be on' });
  });

  it('a gate terminal with no gate configured shows a fault and refuses every code', async () => {
    const desk = new GateDesk({ gate: null, exit: null, entry: null, now: () => '2026-11-22T12:00:00.000Z', changed: () => undefined, log });
    expect(desk.view()).toMatchObject({ state: 'fault', detail: expect.stringMatching(/no gate/) });
    expect(await desk.present('RCPT-L01-000001')).toMatchObject({ outcome: 'refused', reason: 'DEVICE_UNAVAILABLE' });
  });

  it('a shopper let in is welcomed even when the audit note fails, and the code stays used', async () => {
    const { desk, gate, code } = rig({ recordFails: true });
    const entry = code();
    expect(await desk.present(entry)).toMatchObject({ outcome: 'entered' });
    expect(await desk.present(entry)).toMatchObject({ outcome: 'refused', reason: 'ENTRY_CODE_USED' });
    expect(gate.opened).toBe(1);
  });
});
