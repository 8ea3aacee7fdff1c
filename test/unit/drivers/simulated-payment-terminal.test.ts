import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentEvents } from '../../../drivers/payment/payment-terminal.ts';
import { SimulatedPaymentTerminal } from '../../../drivers/payment/simulated-payment-terminal.ts';
import { collect } from '../../support/events.ts';

let terminal: SimulatedPaymentTerminal | null = null;

afterEach(async () => {
  await terminal?.close();
  terminal = null;
});

async function ready(delayMs = 20): Promise<SimulatedPaymentTerminal> {
  terminal = new SimulatedPaymentTerminal({ name: 'Card terminal', delayMs });
  await terminal.open();
  await terminal.claim();
  await terminal.enable();
  return terminal;
}

const sale = { reference: 'sale-1', amount: 1993, currency: 'USD' };

describe('simulated payment terminal', () => {
  it('approves with brand, last four, auth code and its reference, and prompts the shopper', async () => {
    const device = await ready();
    const prompts = collect<PaymentEvents, 'prompt'>(device, 'prompt');
    const delivered = collect<PaymentEvents, 'data'>(device, 'data');
    const result = await device.sale(sale);
    expect(result).toMatchObject({ status: 'approved', amount: 1993, brand: 'VISA', last4: '0119', reference: 'SIM000001' });
    if (result.status !== 'approved') throw new Error('expected an approval');
    expect(result.authCode).toMatch(/^[0-9]{6}$/);
    // PCI DSS (PROTOCOLS §3.5): brand, last four, auth code and reference only; no card number fields.
    expect(Object.keys(result).sort()).toEqual(['amount', 'authCode', 'brand', 'last4', 'reference', 'status']);
    expect(await delivered.take(1)).toEqual([result]);
    expect(JSON.stringify(result)).not.toMatch(/[0-9]{13,19}|pan|track/i);
    expect(prompts.items).toHaveLength(2);
    expect(prompts.items[0]).toMatch(/insert, tap or swipe/i);
    expect(prompts.items[1]).toMatch(/processing/i);
    expect(device.status().state).toBe('online');
  });

  it('answers queued outcomes in order, then approves again', async () => {
    const device = await ready();
    device.queueOutcome({ kind: 'decline', reason: 'Insufficient funds' }, { kind: 'fail' }, { kind: 'approve', brand: 'MASTERCARD', last4: '4444' });
    expect(await device.sale(sale)).toEqual({ status: 'declined', reason: 'Insufficient funds' });
    expect(await device.sale(sale)).toEqual({ status: 'failed', reason: 'Payment terminal error', cause: 'refused' });
    expect(await device.sale(sale)).toMatchObject({ status: 'approved', brand: 'MASTERCARD', last4: '4444' });
    expect(await device.sale({ ...sale, reference: 'sale-2' })).toMatchObject({ status: 'approved', brand: 'VISA' });
  });

  it('aborts the sale in progress', async () => {
    const device = await ready(10_000);
    const pending = device.sale(sale);
    expect(device.busy).toBe(true);
    await device.abort();
    expect(await pending).toEqual({ status: 'aborted' });
    expect(device.busy).toBe(false);
  });

  it('takes one sale at a time', async () => {
    const device = await ready(50);
    const first = device.sale(sale);
    expect(await device.sale({ ...sale, reference: 'sale-2' })).toEqual({ status: 'failed', reason: 'Card terminal is busy with another sale', cause: 'busy' });
    expect(await first).toMatchObject({ status: 'approved' });
  });

  it('refuses a sale while not enabled, and a sale of a bad amount', async () => {
    terminal = new SimulatedPaymentTerminal({ name: 'Card terminal', delayMs: 0 });
    await terminal.open();
    expect(await terminal.sale(sale)).toEqual({ status: 'failed', reason: 'Card terminal is not enabled', cause: 'offline' });
    await terminal.claim();
    await terminal.enable();
    expect(await terminal.sale({ ...sale, amount: 0 })).toMatchObject({ status: 'failed', reason: expect.stringMatching(/amount/) as string });
    expect(await terminal.sale({ ...sale, amount: 12.5 })).toMatchObject({ status: 'failed' });
  });

  it('aborts a sale in progress when the device is released', async () => {
    const device = await ready(10_000);
    const pending = device.sale(sale);
    await device.release();
    expect(await pending).toEqual({ status: 'aborted' });
  });

  it('answers a retried sale of an approved reference with the first approval, charging nothing more', async () => {
    const device = await ready();
    const delivered = collect<PaymentEvents, 'data'>(device, 'data');
    const first = await device.sale(sale);
    expect(await device.sale(sale)).toEqual(first);
    expect(delivered.items).toHaveLength(1);
    expect(await device.transactionStatus(sale.reference)).toEqual({ state: 'done', result: first });
    expect(await device.transactionStatus('never')).toEqual({ state: 'unknown' });
  });

  it('voids an approval once, and refunds', async () => {
    const device = await ready();
    const approved = await device.sale(sale);
    if (approved.status !== 'approved') throw new Error('expected an approval');
    expect(await device.void({ reference: 'void-1', target: approved.reference })).toMatchObject({ status: 'approved', amount: 1993 });
    expect(await device.transactionStatus(sale.reference)).toEqual({ state: 'voided' });
    expect(await device.void({ reference: 'void-2', target: approved.reference })).toMatchObject({ status: 'declined', reason: expect.stringMatching(/already voided/) as string });
    expect(await device.void({ reference: 'void-3', target: 'SIM999999' })).toMatchObject({ status: 'declined' });
    expect(await device.refund({ reference: 'refund-1', amount: 500, currency: 'USD' })).toMatchObject({ status: 'approved', amount: 500 });
  });

  it('refuses a negative delay by name', () => {
    expect(() => new SimulatedPaymentTerminal({ name: 'x', delayMs: -1 })).toThrow(/delayMs/);
  });
});
