import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { TerminalError } from '../../../common/api/result.ts';
import { EXIT_WINDOW_MS, ExitGate } from '../../../main/terminal/exit-gate.ts';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const sales: Record<string, { completedAt: string; voided: boolean }> = {
  'L01-000001': { completedAt: '2026-11-22T11:30:00.000Z', voided: false },
  'L01-000002': { completedAt: '2026-11-22T11:40:00.000Z', voided: true },
  'L01-000003': { completedAt: new Date(NOW - EXIT_WINDOW_MS - 1).toISOString(), voided: false },
};

function exitGate(fail = false): { gate: ExitGate; opened: () => number } {
  let opened = 0;
  const gate = new ExitGate({
    findSale: (receiptNumber) => sales[receiptNumber] ?? null,
    gate: {
      openGate: () => {
        if (fail) return Promise.reject(new Error('relay board offline'));
        opened += 1;
        return Promise.resolve();
      },
    },
    now: () => NOW,
    log: pino({ level: 'silent' }),
  });
  return { gate, opened: () => opened };
}

async function refusal(promise: Promise<unknown>): Promise<TerminalError> {
  return promise.then(
    () => {
      throw new Error('expected the gate to refuse');
    },
    (error: unknown) => error as TerminalError,
  );
}

describe('the exit gate opens for the receipt of a paid sale', () => {
  it('opens once for a fresh receipt, and not again for the same one', async () => {
    const { gate, opened } = exitGate();
    await expect(gate.admit('RCPT-L01-000001')).resolves.toEqual({ receiptNumber: 'L01-000001' });
    expect(await refusal(gate.admit('RCPT-L01-000001'))).toMatchObject({ code: 'RECEIPT_ALREADY_USED' });
    expect(opened()).toBe(1);
  });

  it('refuses a product barcode, an unknown receipt, a post-voided sale and a receipt older than the exit window', async () => {
    const { gate, opened } = exitGate();
    expect(await refusal(gate.admit('036000291452'))).toMatchObject({ code: 'INVALID_BARCODE' });
    expect(await refusal(gate.admit('RCPT-'))).toMatchObject({ code: 'INVALID_BARCODE' });
    expect(await refusal(gate.admit('RCPT-L09-000001'))).toMatchObject({ code: 'UNKNOWN_SALE' });
    expect(await refusal(gate.admit('RCPT-L01-000002'))).toMatchObject({ code: 'SALE_ALREADY_VOIDED' });
    expect(await refusal(gate.admit('RCPT-L01-000003'))).toMatchObject({ code: 'RECEIPT_EXPIRED' });
    expect(opened()).toBe(0);
  });

  it('lets the receipt be scanned again when the gate did not open', async () => {
    const failing = exitGate(true);
    expect(await refusal(failing.gate.admit('RCPT-L01-000001'))).toMatchObject({ code: 'DEVICE_UNAVAILABLE' });
    expect(await refusal(failing.gate.admit('RCPT-L01-000001'))).toMatchObject({ code: 'DEVICE_UNAVAILABLE' });
  });
});
