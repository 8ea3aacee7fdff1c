import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { blocksOf, SimLink } from '../../../drivers/sim/payment-sim-link.ts';
import { PaymentTerminalSimulator, TEST_PAN } from '../../../drivers/sim/payment-terminal-sim.ts';
import { connectApi, type ApiClient } from '../../support/api-client.ts';
import { readLedger } from '../../support/ledger-file.ts';
import { makeDataDir, startTerminalProcess, type TerminalProcess } from '../../support/terminal-process.ts';
import type { TerminalState } from '../../../common/api/contract.ts';

// PROTOCOLS §3.5 and §8 (PCI canary): a terminal puts a known test card number in every raw
// field it has; the POS must keep none of it. A real terminal process (browser host, plain Node)
// takes a sale through the stx-etx driver at trace logging, then is killed -9 mid-payment, and
// every file it left and everything it printed is searched for the card number.

const FS = '\x1c';
const US = '\x1f';
let terminal: TerminalProcess | null = null;
let api: ApiClient | null = null;
let sim: PaymentTerminalSimulator | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  vi.restoreAllMocks();
  api?.close();
  await terminal?.stop();
  await sim?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  terminal = api = sim = dataDir = null;
});

/** The card number as it could end up in a file or a log: plain, grouped, as hex or base64 text, as UTF-16. */
function panForms(): { name: string; bytes: Buffer }[] {
  const groups = TEST_PAN.match(/.{4}/g) ?? [];
  const texts = [TEST_PAN, groups.join(' '), groups.join('-'), groups.join('.'), Buffer.from(TEST_PAN).toString('hex'), Buffer.from(TEST_PAN).toString('base64'), `${TEST_PAN}=2812`, 'TEST/CARD'];
  return texts.flatMap((text) => [
    { name: `"${text}"`, bytes: Buffer.from(text, 'latin1') },
    { name: `"${text}" (UTF-16)`, bytes: Buffer.from(text, 'utf16le') },
  ]);
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

async function until(what: string, check: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const paymentOnline = (state: TerminalState): boolean => state.devices.some((device) => device.kind === 'payment' && device.state === 'online');

it('keeps no trace of the card number a terminal sends in its raw fields: ledger, WAL, logs or crash output', async () => {
  // Positive control: record the messages the simulated terminal sends.
  const wire: string[] = [];
  const send = SimLink.prototype.send;
  vi.spyOn(SimLink.prototype, 'send').mockImplementation(function (this: SimLink, ...args: Parameters<SimLink['send']>) {
    wire.push(args[0]);
    return send.apply(this, args);
  });
  sim = new PaymentTerminalSimulator({ cardDelayMs: 20, hostDelayMs: 20, customerTimeoutMs: 60_000 });
  sim.rawCard = true;
  const { port } = await sim.listenTcp();
  dataDir = makeDataDir('lane-pci-');
  const devices = [{ kind: 'payment', protocol: 'stx-etx', name: 'Card terminal', tcp: `127.0.0.1:${port}`, statusCheckMs: 2000 }];
  terminal = await startTerminalProcess({ dataDir, env: { TERMINAL_DEVICES: JSON.stringify(devices), TERMINAL_LOG_LEVEL: 'trace' } });
  api = await connectApi(terminal.url);
  const client = api;
  await until('the payment terminal to come online', async () => paymentOnline(await client.state()));

  // A malformed result and an unknown message, both carrying the card number, go to the driver's error path.
  await sim.noise(Buffer.concat(blocksOf(['T01', '1.28', '00000X', `CARD ${TEST_PAN}`, '', '01', '', `${TEST_PAN}${US}VISA`, `R${US}`, ''].join(FS))));
  await sim.noise(Buffer.concat(blocksOf(['X99', '1.28', TEST_PAN].join(FS))));

  wire.length = 0; // from here on the card number can only come from the sale's own messages
  expect((await client.call('basket.scan', { code: '4006381333931', source: 'scanner', requestId: 'pci-scan-1' })).ok).toBe(true);
  expect((await client.call('payment.start', { method: 'card', requestId: 'pci-pay-1' })).ok).toBe(true);
  await until('the sale to complete', async () => (await client.state()).phase === 'receipt');
  expect(sim.charges).toHaveLength(1);
  expect(wire.some((message) => message.startsWith('T01') && message.includes(`${FS}${TEST_PAN}${US}VISA`)), 'the terminal sent the card number').toBe(true);

  // Positive control: what may be kept was kept, so the search below looks where card data would land.
  const ledger = readLedger(dataDir);
  expect(ledger.sales).toHaveLength(1);
  expect(ledger.sales[0]?.document).toContain('"last4":"1111"');
  expect(ledger.sales[0]?.document).toContain(sim.charges[0]?.terminalRef ?? 'no terminal reference');

  // A second payment is under way, the card in the reader, when the process dies.
  sim.next({ kind: 'hold' });
  expect((await client.call('sale.finish', { requestId: 'pci-finish-1' })).ok).toBe(true);
  expect((await client.call('basket.scan', { code: '4006381333931', source: 'scanner', requestId: 'pci-scan-2' })).ok).toBe(true);
  const prompted = new Promise((resolve) => sim?.once('request', resolve));
  expect((await client.call('payment.start', { method: 'card', requestId: 'pci-pay-2' })).ok).toBe(true);
  await prompted;
  await until('the terminal to wait for the card', async () => sim?.busy === true);
  await terminal.crash();

  const files = filesUnder(dataDir);
  expect(files.map((file) => path.basename(file))).toEqual(expect.arrayContaining(['ledger.sqlite', 'ledger.sqlite-wal']));
  const output = Buffer.from(terminal.output(), 'utf8');
  expect(output.length).toBeGreaterThan(0);
  for (const { name, bytes } of panForms()) {
    for (const file of files) expect(fs.readFileSync(file).includes(bytes), `${name} in ${path.relative(dataDir, file)}`).toBe(false);
    expect(output.includes(bytes), `${name} in the process output`).toBe(false);
  }
}, 60_000); // a terminal process start and a full sale: slow on a loaded two-core machine
