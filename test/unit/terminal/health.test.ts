import { describe, expect, it } from 'vitest';
import { deviceConnection, TerminalHealthSchema, type DeviceHealth } from '../../../common/health.ts';
import { ledgerHealth, terminalHealth } from '../../../main/terminal/health.ts';

const now = new Date('2026-03-02T10:00:00.000Z');
const openLedger = { state: 'open', lastSaleSeq: 41, outboxBacklog: 3, error: null } as const;

function device(overrides: Partial<DeviceHealth>): DeviceHealth {
  return {
    name: 'Card terminal',
    kind: 'payment',
    state: 'online',
    detail: 'ready on 127.0.0.1:10009',
    protocol: 'stx-etx',
    connection: 'connected',
    since: '2026-03-02T09:00:00.000Z',
    lastError: null,
    ...overrides,
  };
}

describe('a device status reads as a connection', () => {
  it('is connected when online and off when switched off', () => {
    expect(deviceConnection({ state: 'online', detail: 'ready' })).toBe('connected');
    expect(deviceConnection({ state: 'off', detail: 'disabled' })).toBe('off');
  });

  it('is reconnecting while the driver retries, and failed when it does not', () => {
    expect(deviceConnection({ state: 'offline', detail: '/dev/ttyUSB0 not found (unplugged?); reconnecting' })).toBe('reconnecting');
    expect(deviceConnection({ state: 'error', detail: 'no permission to open /dev/ttyUSB0; reconnecting' })).toBe('reconnecting');
    expect(deviceConnection({ state: 'error', detail: 'out of paper' })).toBe('failed');
  });
});

describe('the ledger part of the health report', () => {
  it('gives the last sale and the outbox backlog of an open ledger', () => {
    expect(ledgerHealth({ isOpen: true, lastSaleSeq: () => 41, outboxBacklog: () => 3 })).toEqual(openLedger);
  });

  it('reports a ledger that cannot be read as failed, with the reason', () => {
    const probe = {
      isOpen: true,
      lastSaleSeq: () => {
        throw new Error('SQLITE_IOERR: disk I/O error');
      },
      outboxBacklog: () => 0,
    };
    expect(ledgerHealth(probe)).toEqual({ state: 'failed', lastSaleSeq: null, outboxBacklog: null, error: 'SQLITE_IOERR: disk I/O error' });
    expect(ledgerHealth({ isOpen: false, lastSaleSeq: () => 1, outboxBacklog: () => 0 }).state).toBe('failed');
  });
});

describe('whether the lane can sell', () => {
  const base = { role: 'self-checkout', laneId: 'L02', version: '0.1.0', now, ledger: openLedger } as const;

  it('is ok with its ledger open and every device connected, and the report passes its schema', () => {
    const health = terminalHealth({ ...base, devices: [device({})] });
    expect(health).toMatchObject({ status: 'ok', canSell: true, problems: [], checkedAt: '2026-03-02T10:00:00.000Z' });
    expect(TerminalHealthSchema.parse(health)).toEqual(health);
  });

  it('cannot sell with a failed ledger', () => {
    const health = terminalHealth({ ...base, ledger: { state: 'failed', lastSaleSeq: null, outboxBacklog: null, error: 'disk gone' }, devices: [device({})] });
    expect(health).toMatchObject({ status: 'down', canSell: false, problems: ['ledger failed: disk gone'] });
  });

  it('still sells while a scale reconnects, and says so', () => {
    const scale = device({ name: 'Produce scale', kind: 'scale', protocol: 'toledo-8217', state: 'offline', connection: 'reconnecting', detail: '/tmp/scale not found; reconnecting' });
    const health = terminalHealth({ ...base, devices: [device({}), scale] });
    expect(health).toMatchObject({ status: 'degraded', canSell: true, problems: ['scale Produce scale reconnecting: /tmp/scale not found; reconnecting'] });
  });

  it('cannot sell at a self-checkout whose card terminal failed, but can at a staffed lane that takes cash', () => {
    const failed = device({ state: 'error', connection: 'failed', detail: 'terminal reports a fault' });
    expect(terminalHealth({ ...base, devices: [failed] }).canSell).toBe(false);
    expect(terminalHealth({ ...base, devices: [] }).problems).toEqual(['no payment terminal is configured (a self-checkout takes cards only)']);
    expect(terminalHealth({ ...base, role: 'associate', devices: [failed] })).toMatchObject({ status: 'degraded', canSell: true });
  });
});
