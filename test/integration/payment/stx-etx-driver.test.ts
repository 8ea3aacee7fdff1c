import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentEvents } from '../../../drivers/payment/payment-terminal.ts';
import { StxEtxPaymentTerminal, type StxEtxOptions } from '../../../drivers/payment/stx-etx/stx-etx-payment-terminal.ts';
import { blocksOf } from '../../../drivers/sim/payment-sim-link.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { nextEvent } from '../../support/events.ts';
import { fastDriver, openRig, simReceives, type PaymentRig, type Wire } from './rig.ts';

// The stx-etx driver against the device-side simulator: over a socat pty pair with the real
// serialport binding on both ends, and over loopback TCP. Charges are counted on the simulator.

let rig: PaymentRig | null = null;
const extra: StxEtxPaymentTerminal[] = [];

afterEach(async () => {
  for (const driver of extra.splice(0)) await driver.close();
  await rig?.dispose();
  rig = null;
});

async function start(wire: Wire, ...args: Parameters<typeof openRig> extends [Wire, ...infer R] ? R : never): Promise<PaymentRig> {
  rig = await openRig(wire, ...args);
  return rig;
}

const sale = (reference: string, amount = 1099) => ({ reference, amount, currency: 'EUR' });

for (const wire of ['serial', 'tcp'] as const) {
  describe(`stx-etx payment terminal over ${wire}`, () => {
    it('takes an approved sale, prompting the shopper, and charges the card once', async () => {
      const { driver, sim, prompts } = await start(wire);
      const result = await driver.sale(sale('R1'));
      expect(result).toMatchObject({ status: 'approved', amount: 1099, brand: 'VISA', last4: '1111' });
      expect(result.status === 'approved' && result.reference).toBe(sim.charges[0]?.terminalRef);
      expect(sim.charges).toHaveLength(1);
      expect(prompts.items).toContain('Insert, tap or swipe your card');
    });

    it('reports a decline with the issuer reason and charges nothing', async () => {
      const { driver, sim } = await start(wire);
      sim.next({ kind: 'decline', code: '05' });
      expect(await driver.sale(sale('R1'))).toEqual({ status: 'declined', reason: 'Do not honour (05)', code: '05' });
      expect(sim.charges).toHaveLength(0);
    });

    it('reports a partial approval as approved for the smaller amount', async () => {
      const { driver, sim } = await start(wire);
      sim.next({ kind: 'partial', amount: 500 });
      expect(await driver.sale(sale('R1', 1099))).toMatchObject({ status: 'approved', amount: 500 });
      expect(sim.charges.map((charge) => charge.amount)).toEqual([500]);
    });

    it('reverses a partial approval when configured to, and reports it declined', async () => {
      const { driver, sim } = await start(wire, { partialApproval: 'reverse' });
      sim.next({ kind: 'partial', amount: 500 });
      const result = await driver.sale(sale('R1', 1099));
      expect(result).toMatchObject({ status: 'declined', code: 'partial' });
      expect(sim.charges).toEqual([expect.objectContaining({ amount: 500, voided: true })]);
      // The shopper tries again under the same reference: the voided approval does not stand in for a payment.
      expect(await driver.transactionStatus('R1')).toEqual({ state: 'voided' });
      expect(await driver.sale(sale('R1', 1099))).toMatchObject({ status: 'approved', amount: 1099 });
      expect(sim.charges.map(({ amount, voided }) => ({ amount, voided }))).toEqual([
        { amount: 500, voided: true },
        { amount: 1099, voided: false },
      ]);
    });

    it('reports a customer time-out when no card is presented', async () => {
      const { driver, sim } = await start(wire, {}, { customerTimeoutMs: 100 });
      sim.next({ kind: 'timeout' });
      expect(await driver.sale(sale('R1'))).toMatchObject({ status: 'failed', cause: 'customer-timeout' });
      expect(sim.charges).toHaveLength(0);
    });

    it('aborts a sale that waits for the card', async () => {
      const { driver, sim } = await start(wire);
      sim.next({ kind: 'hold' });
      const paying = driver.sale(sale('R1'));
      await nextEvent<PaymentEvents, 'prompt'>(driver, 'prompt', (text) => /card/i.test(text));
      const aborted = simReceives(sim, 'A14');
      await driver.abort();
      await aborted;
      expect(await paying).toEqual({ status: 'aborted' });
      expect(sim.charges).toHaveLength(0);
    });

    it('detects a terminal reboot mid-sale and says the card was not charged', async () => {
      const { driver, sim } = await start(wire, {}, { rebootMs: 200 });
      sim.next({ kind: 'reboot' });
      const result = await driver.sale(sale('R1'));
      expect(result).toMatchObject({ status: 'failed', cause: 'terminal-restarted' });
      expect(result.status === 'failed' && result.reason).toMatch(/restarted.*not charged/);
      expect(sim.charges).toHaveLength(0);
      await rig?.online();
      expect(await driver.sale(sale('R2'))).toMatchObject({ status: 'approved' });
      expect(sim.charges).toHaveLength(1);
    });

    it('recovers an approval whose response was lost with a status query, and never charges twice', async () => {
      const { driver, sim } = await start(wire, { statusCheckMs: 300 });
      sim.next({ kind: 'lose-response' });
      const first = await driver.sale(sale('R1'));
      expect(first).toMatchObject({ status: 'approved', amount: 1099 });
      expect(sim.charges).toHaveLength(1);
      // The lane retries the same reference (say the shopper pressed Pay again): the approval comes back, no new charge.
      expect(await driver.sale(sale('R1'))).toEqual(first);
      // So does a driver that knows nothing of it, as after a crash of the lane process.
      await driver.close();
      const fresh = new StxEtxPaymentTerminal({ name: 'Card terminal after restart', connection: tcpOrSerial(rig), ...fastDriver });
      extra.push(fresh);
      await fresh.open();
      await fresh.claim();
      await fresh.enable();
      expect(await fresh.sale(sale('R1'))).toEqual(first);
      expect(sim.charges).toHaveLength(1);
    });

    it('finishes a sale the terminal approved while the cable was out, once it is plugged back', async () => {
      const { driver, sim } = await start(wire);
      sim.next({ kind: 'hold' });
      const paying = driver.sale(sale('R1'));
      await nextEvent<PaymentEvents, 'prompt'>(driver, 'prompt', (text) => /card/i.test(text));
      const offline = nextEvent<PaymentEvents, 'status'>(driver, 'status', (status) => status.state === 'offline');
      await rig?.unplug();
      await offline;
      const charged = new Promise((resolve) => sim.once('charge', resolve));
      sim.present(); // approved at the terminal; its result goes nowhere
      await charged;
      await rig?.replug();
      const result = await paying;
      expect(result).toMatchObject({ status: 'approved', amount: 1099 });
      expect(sim.charges).toHaveLength(1);
      await rig?.online(); // the result may come in (a retransmission on the new line) before the hello is through
    });

    it('answers a status request at once after the cable was out and back with no transaction running', async () => {
      const { driver } = await start(wire);
      expect(await driver.sale(sale('R1'))).toMatchObject({ status: 'approved' });
      const offline = nextEvent<PaymentEvents, 'status'>(driver, 'status', (status) => status.state === 'offline');
      await rig?.unplug();
      await offline;
      await rig?.replug();
      await rig?.online();
      // The loss of the old line must not be taken for a loss of the new one.
      expect(await driver.transactionStatus('R1')).toMatchObject({ state: 'done', result: { status: 'approved', amount: 1099 } });
    });

    it('voids and refunds what it approved', async () => {
      const { driver, sim } = await start(wire);
      const approved = await driver.sale(sale('R1'));
      if (approved.status !== 'approved') throw new Error(`expected an approval, got ${approved.status}`);
      expect(await driver.void({ reference: 'R1-V', target: approved.reference })).toMatchObject({ status: 'approved', amount: 1099 });
      expect(sim.charges[0]?.voided).toBe(true);
      expect(await driver.void({ reference: 'R1-V2', target: approved.reference })).toMatchObject({ status: 'declined' });
      expect(await driver.refund(sale('R2', 250))).toMatchObject({ status: 'approved', amount: 250 });
      expect(sim.refunds.map((refund) => refund.amount)).toEqual([250]);
      expect(await driver.transactionStatus('R2')).toMatchObject({ state: 'done', result: { status: 'approved', amount: 250 } });
      expect(await driver.transactionStatus('NEVER-SEEN')).toEqual({ state: 'unknown' });
    });
  });
}

function tcpOrSerial(current: PaymentRig | null): StxEtxOptions['connection'] {
  if (!current) throw new Error('no rig');
  const where = current.driver.where;
  if (current.wire === 'serial') return { kind: 'serial', path: where };
  const [host = '', port = '0'] = where.split(':');
  return { kind: 'tcp', host, port: Number(port) };
}

describe('stx-etx link faults over a pseudo-terminal', () => {
  it('reads fragmented writes with line noise between the frames', async () => {
    const { driver, sim } = await start('serial');
    sim.faults.fragment = true;
    sim.faults.noise = true;
    await sim.noise(Buffer.from([0xff, 0x00, 0x41, 0x7f]));
    expect(await driver.sale(sale('R1'))).toMatchObject({ status: 'approved' });
    expect(await driver.sale(sale('R2'))).toMatchObject({ status: 'approved' });
    expect(sim.charges).toHaveLength(2);
  });

  it('answers a bad LRC with NAK and takes the resent block', async () => {
    const { driver, sim } = await start('serial');
    sim.faults.corruptLrc = 3;
    expect(await driver.sale(sale('R1'))).toMatchObject({ status: 'approved' });
    expect(sim.counters.naksReceived).toBeGreaterThanOrEqual(3);
    expect(driver.linkCounters.naksSent).toBeGreaterThanOrEqual(3);
    expect(sim.charges).toHaveLength(1);
  });

  it('retransmits when an ACK is missing, and the terminal does not act on the duplicate', async () => {
    const { driver, sim } = await start('serial');
    const requested = simReceives(sim, 'T00');
    sim.faults.swallowAcks = 2; // the status request and the sale request each go out twice
    expect(await driver.sale(sale('R1'))).toMatchObject({ status: 'approved' });
    await requested;
    expect(driver.linkCounters.retransmissions).toBeGreaterThanOrEqual(2);
    expect(sim.counters.duplicatesDropped).toBeGreaterThanOrEqual(2);
    expect(sim.charges).toHaveLength(1);
  });

  it('gives up after three unacknowledged attempts and reports that nothing was charged', async () => {
    const { driver, sim } = await start('serial', { ackTimeoutMs: 200 });
    sim.faults.deaf = true;
    const result = await driver.sale(sale('R1'));
    expect(result).toMatchObject({ status: 'failed', cause: 'offline' });
    expect(driver.linkCounters.retransmissions).toBeGreaterThanOrEqual(2);
    expect(driver.status()).toMatchObject({ state: 'offline', detail: expect.stringMatching(/does not (acknowledge|answer)/) as string });
    expect(sim.charges).toHaveLength(0);
    sim.faults.deaf = false;
    await rig?.online();
    expect(await driver.sale(sale('R2'))).toMatchObject({ status: 'approved' });
  });
});

describe('stx-etx golden frames on a pseudo-terminal', () => {
  let pair: PtyPair | null = null;
  let port: SerialPort | null = null;
  afterEach(async () => {
    const open = port;
    port = null;
    if (open?.isOpen) await new Promise<void>((resolve) => open.close(() => resolve()));
    await pair?.dispose();
    pair = null;
  });

  it('puts the DoCredit frame of PROTOCOLS §3.2 on the wire for a sale of 10.99 with reference 1', async () => {
    pair = await PtyPair.open();
    const device = new SerialPort({ path: pair.simPath, baudRate: 19200, autoOpen: false });
    port = device;
    await new Promise<void>((resolve, reject) => device.open((error) => (error ? reject(error) : resolve())));
    // A scripted terminal: collects whole frames (one byte past ETX), ACKs each and answers from a script.
    const frames: Buffer[] = [];
    let pending: number[] = [];
    const reply = (payload: string): void => {
      device.write(Buffer.concat([Buffer.from([0x06]), ...blocksOf(payload)]));
    };
    device.on('data', (chunk: Buffer) => {
      for (const byte of chunk) {
        if (pending.length === 0 && byte !== 0x02) continue; // ACKs from the driver
        pending.push(byte);
        if (pending.length >= 2 && pending.at(-2) === 0x03) {
          const frame = Buffer.from(pending);
          pending = [];
          frames.push(frame);
          const command = frame.subarray(1, 4).toString('latin1');
          if (command === 'A00') reply(['A01', '1.28', '000000', 'OK', 'G-1', 'GOLDEN', 'B1'].join('\x1c'));
          else if (command === 'S00') reply(['S01', '1.28', 'UNKNOWN', '1'].join('\x1c'));
          else if (command === 'T00') {
            reply(['T01', '1.28', '000000', 'APPROVED', '00\x1fA1B2C3\x1f', '01', '1099\x1f1099', '************1111\x1fVISA', '1\x1fG000042\x1f20261130120000', ''].join('\x1c'));
          }
        }
      }
    });
    const driver = new StxEtxPaymentTerminal({ name: 'Golden', connection: { kind: 'serial', path: pair.posPath }, ...fastDriver });
    extra.push(driver);
    await driver.open();
    await driver.claim();
    await driver.enable();
    const result = await driver.sale({ reference: '1', amount: 1099, currency: 'USD' });
    expect(result).toEqual({ status: 'approved', amount: 1099, brand: 'VISA', last4: '1111', authCode: 'A1B2C3', reference: 'G000042' });
    const golden = Buffer.from('02 54 30 30 1C 31 2E 32 38 1C 30 31 1C 31 30 39 39 1C 1C 31 1C 1C 1C 1C 1C 03 73'.replace(/ /g, ''), 'hex');
    expect(frames.map((frame) => frame.subarray(1, 4).toString('latin1'))).toEqual(['A00', 'S00', 'T00']);
    expect(frames[2]).toEqual(golden);
  });
});
