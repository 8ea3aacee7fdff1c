import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StxEtxPaymentTerminal, type StxEtxOptions } from '../../../drivers/payment/stx-etx/stx-etx-payment-terminal.ts';
import type { PaymentEvents } from '../../../drivers/payment/payment-terminal.ts';
import { startCli, type CliProcess } from '../../support/cli-process.ts';
import { nextEvent } from '../../support/events.ts';
import { fastDriver } from './rig.ts';

// `npm run sim -- payment` as a person or an e2e test runs it: a child process, JSON lines out, commands in.

const cli = path.resolve(import.meta.dirname, '../../../drivers/sim/cli.ts');
let dir: string;
let child: CliProcess | null = null;
let driver: StxEtxPaymentTerminal | null = null;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'payment-sim-cli-'));
});

afterEach(async () => {
  await driver?.close();
  driver = null;
  await child?.kill();
  child = null;
  rmSync(dir, { recursive: true, force: true });
});

function start(args: string[]): CliProcess {
  child = startCli(cli, ['payment', ...args], 10_000);
  return child;
}

async function connect(connection: StxEtxOptions['connection'], options: Partial<StxEtxOptions> = {}): Promise<StxEtxPaymentTerminal> {
  driver = new StxEtxPaymentTerminal({ name: 'Lane card terminal', connection, ...fastDriver, ...options });
  await driver.open();
  await driver.claim();
  await driver.enable();
  expect(driver.status().state).toBe('online');
  return driver;
}

const sale = (reference: string) => ({ reference, amount: 1099, currency: 'USD' });

describe('payment simulator command line', () => {
  it('answers on TCP as told: decline, lost response recovered, and one charge per sale', async () => {
    const sim = start(['--tcp', '127.0.0.1:0', '--card-ms', '20', '--host-ms', '20']);
    const ready = await sim.next('ready');
    const [host = '', port = ''] = String(ready.tcp).split(':');
    expect(host).toBe('127.0.0.1');
    const terminal = await connect({ kind: 'tcp', host, port: Number(port) }, { statusCheckMs: 300 });

    sim.send('next decline 51');
    await sim.next('queued');
    expect(await terminal.sale(sale('C1'))).toMatchObject({ status: 'declined', code: '51' });

    sim.send('next lose-response');
    await sim.next('queued');
    expect(await terminal.sale(sale('C2'))).toMatchObject({ status: 'approved', amount: 1099 });
    expect(await sim.next('result')).toMatchObject({ ecrRef: 'C2', code: '000000', sent: false });

    sim.send('charges');
    const { charges } = await sim.next('charges');
    expect(charges).toEqual([expect.objectContaining({ ecrRef: 'C2', amount: 1099, voided: false })]);

    sim.send('next partial');
    expect(String((await sim.next('error')).message)).toMatch(/next partial takes the approved amount/);
    sim.end();
    expect((await sim.exited).code).toBe(0);
  });

  it('serves a pseudo-terminal, survives unplug and replug, and removes its links at the end', async () => {
    const posPath = path.join(dir, 'payment');
    const sim = start(['--pos', dir, '--card-ms', '20', '--host-ms', '20']);
    expect(await sim.next('ready')).toEqual({ event: 'ready', posPath });
    const terminal = await connect({ kind: 'serial', path: posPath });
    expect(await terminal.sale(sale('P1'))).toMatchObject({ status: 'approved' });
    sim.send('unplug');
    await sim.next('unplugged');
    sim.send('replug');
    await sim.next('replugged');
    if (terminal.status().state !== 'online') await nextEvent<PaymentEvents, 'status'>(terminal, 'status', (status) => status.state === 'online', 10_000);
    sim.send('fragment on');
    await sim.next('fault');
    expect(await terminal.sale(sale('P2'))).toMatchObject({ status: 'approved' });
    sim.end();
    expect((await sim.exited).code).toBe(0);
    expect(existsSync(posPath)).toBe(false);
  });

  it.each([
    [[], /give --tcp <host:port> or --pos <path>/],
    [['--tcp', 'nowhere'], /--tcp takes host:port, got "nowhere"/],
    [['--tcp', '127.0.0.1:0', '--card-ms', 'soon'], /--card-ms must be a whole number/],
  ])('refuses %j with a clear message and exit code 2', async (args, message) => {
    const { code, stderr } = await start(args).exited;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
