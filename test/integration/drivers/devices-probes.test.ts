import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinterSimulator } from '../../../drivers/sim/escpos-printer-sim.ts';
import { MagellanSimulator } from '../../../drivers/sim/magellan-sim.ts';
import { ModbusRelaySimulator, type CoilEdge } from '../../../drivers/sim/modbus-relay-sim.ts';
import { MtSicsSimulator } from '../../../drivers/sim/mt-sics-sim.ts';
import { PaymentTerminalSimulator } from '../../../drivers/sim/payment-terminal-sim.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { Toledo8217Simulator } from '../../../drivers/sim/toledo-8217-sim.ts';
import { startCli, type CliProcess, type JsonLine } from '../../support/cli-process.ts';

// `npm run devices -- probe` for scales, the payment terminal, gates and the printer, each run as
// a technician runs it (a child process printing JSON lines) against its simulator.

const cli = path.resolve(import.meta.dirname, '../../../drivers/tools/devices-cli.ts');
/** Generous: the CLI starts a Node process on a loaded machine; no test asserts on how long anything takes. */
const WAIT_MS = 15_000;

const teardown: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

function start(args: string[]): CliProcess {
  const child = startCli(cli, ['probe', ...args]);
  teardown.push(() => child.kill());
  return child;
}

async function pty(): Promise<PtyPair> {
  const pair = await PtyPair.open();
  teardown.push(() => pair.dispose());
  return pair;
}

/** The next line of `event` that passes `accept`, skipping the others (bounded by the line count and the wait). */
async function nextWhere(probe: CliProcess, event: string, accept: (line: JsonLine) => boolean): Promise<JsonLine> {
  for (let seen = 0; seen < 500; seen += 1) {
    const line = await probe.next(event, WAIT_MS);
    if (accept(line)) return line;
  }
  throw new Error(`no matching "${event}" line among 500`);
}

const status = (probe: CliProcess, state: string): Promise<JsonLine> => nextWhere(probe, 'status', (line) => line.state === state);

async function stop(probe: CliProcess): Promise<void> {
  probe.process.kill('SIGTERM');
  await probe.next('closed', WAIT_MS);
  const { code, stderr } = await probe.exited;
  expect(code, stderr).toBe(0);
}

describe('probing a scale', () => {
  it('polls a Toledo 8217, prints each reading with its grams, unit and state, and carries on through an unplug', async () => {
    const pair = await pty();
    let scale = new Toledo8217Simulator({ path: pair.simPath, byteTimeMs: 0 });
    teardown.push(() => scale.close());
    await scale.open();
    const probe = start(['--kind', 'scale', '--protocol', 'toledo-8217', '--port', pair.posPath, '--poll-ms', '50']);
    expect(await probe.next('probing', WAIT_MS)).toEqual({ event: 'probing', kind: 'scale', protocol: 'toledo-8217', port: pair.posPath });
    await status(probe, 'online');

    scale.platter.place(1234);
    expect(await nextWhere(probe, 'reading', (line) => line.grams === 1234)).toEqual({
      event: 'reading',
      grams: 1234,
      unit: 'kg',
      shown: '01.234',
      state: 'stable',
      net: false,
    });
    scale.platter.shake();
    expect(await nextWhere(probe, 'reading', (line) => line.state !== 'stable')).toMatchObject({ grams: null, state: 'motion' });

    await scale.close();
    await pair.kill();
    expect((await status(probe, 'offline')).detail).toMatch(new RegExp(pair.posPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    await pair.restart();
    scale = new Toledo8217Simulator({ path: pair.simPath, byteTimeMs: 0 });
    await scale.open();
    await status(probe, 'online');
    scale.platter.place(500);
    expect(await nextWhere(probe, 'reading', (line) => line.grams === 500)).toMatchObject({ unit: 'kg', shown: '00.500', state: 'stable' });
    await stop(probe);
  });

  it('polls an MT-SICS scale and prints stable, under-zero and over-capacity readings', async () => {
    const pair = await pty();
    const scale = new MtSicsSimulator({ path: pair.simPath, byteTimeMs: 0 });
    teardown.push(() => scale.close());
    await scale.open();
    const probe = start(['--kind', 'scale', '--protocol', 'mt-sics', '--port', pair.posPath, '--baud', '9600', '--poll-ms', '50']);
    await status(probe, 'online');
    scale.platter.place(250);
    expect(await nextWhere(probe, 'reading', (line) => line.grams === 250)).toMatchObject({ unit: 'g', state: 'stable', net: false });
    scale.platter.liftBelowZero();
    await nextWhere(probe, 'reading', (line) => line.state === 'underZero');
    scale.platter.overload();
    expect(await nextWhere(probe, 'reading', (line) => line.state === 'overCapacity')).toMatchObject({ grams: null });
    await stop(probe);
  });

  it('polls a Magellan scanner-scale and prints its weights and the labels it scans', async () => {
    const pair = await pty();
    const scale = new MagellanSimulator({ path: pair.simPath, byteTimeMs: 0 });
    teardown.push(() => scale.close());
    await scale.open();
    const probe = start(['--kind', 'scale', '--protocol', 'magellan', '--port', pair.posPath, '--poll-ms', '50']);
    await status(probe, 'online');
    scale.platter.place(1500);
    expect(await nextWhere(probe, 'reading', (line) => line.grams === 1500)).toMatchObject({ unit: 'kg', shown: '01.500', state: 'stable' });
    await scale.scan('4006381333931', 'F');
    expect(await probe.next('scan', WAIT_MS)).toEqual({ event: 'scan', code: '4006381333931', symbology: 'ean-13', aim: null });
    await stop(probe);
  });
});

describe('probing a payment terminal', () => {
  it('connects over TCP, prints the status reply and every link change, and never charges anyone', async () => {
    const terminal = new PaymentTerminalSimulator();
    teardown.push(() => terminal.close());
    const requests: string[] = [];
    terminal.on('request', (id) => requests.push(id));
    const { port } = await terminal.listenTcp('127.0.0.1', 0);
    const probe = start(['--kind', 'payment', '--protocol', 'stx-etx', '--port', `tcp:127.0.0.1:${port}`]);
    expect((await status(probe, 'online')).detail).toBe(`ready: STX-SIM SIM-0001 on 127.0.0.1:${port}`);
    const reply = await probe.next('terminal-status', WAIT_MS);
    expect(reply).toEqual({ event: 'terminal-status', reference: expect.stringMatching(/^PROBE-[A-Z0-9]+$/), state: 'unknown' });

    await terminal.unplug();
    expect((await status(probe, 'offline')).detail).toMatch(/127\.0\.0\.1/);
    await terminal.replugTcp();
    await status(probe, 'online');
    expect(await probe.next('terminal-status', WAIT_MS)).toEqual({ ...reply });
    await stop(probe);

    expect(terminal.charges).toEqual([]);
    expect(terminal.refunds).toEqual([]);
    expect(requests).toContain('S00');
    expect(requests.filter((id) => id !== 'A00' && id !== 'S00')).toEqual([]);
  });

  it('asks a terminal on a serial line about a reference given with --reference', async () => {
    const pair = await pty();
    const terminal = new PaymentTerminalSimulator();
    teardown.push(() => terminal.close());
    await terminal.openSerial(pair.simPath);
    const probe = start(['--kind', 'payment', '--protocol', 'stx-etx', '--port', pair.posPath, '--baud', '19200', '--reference', 'L01-000042']);
    await status(probe, 'online');
    expect(await probe.next('terminal-status', WAIT_MS)).toEqual({ event: 'terminal-status', reference: 'L01-000042', state: 'unknown' });
    await stop(probe);
    expect(terminal.charges).toEqual([]);
  });
});

describe('probing a gate', () => {
  async function modbusModule(pair: PtyPair): Promise<{ module: ModbusRelaySimulator; edges: CoilEdge[] }> {
    const module = new ModbusRelaySimulator({ path: pair.simPath, inputs: 8 });
    teardown.push(() => module.close());
    const edges: CoilEdge[] = [];
    module.events.on('coil', (edge) => edges.push(edge));
    await module.open();
    return { module, edges };
  }

  it('watches a Modbus RTU gate: prints the beam and input changes, carries on through an unplug, and never opens it unasked', async () => {
    const pair = await pty();
    const { module, edges } = await modbusModule(pair);
    const probe = start(['--kind', 'gate', '--protocol', 'modbus-rtu', '--port', pair.posPath, '--inputs', '8', '--beam', '0']);
    await status(probe, 'online');
    expect(await nextWhere(probe, 'gate', (line) => line.beam === 'clear')).toEqual({ event: 'gate', position: 'closed', beam: 'clear', fault: null });

    module.setInput(0, true);
    expect(await nextWhere(probe, 'gate', (line) => line.beam === 'broken')).toEqual({ event: 'gate', position: 'closed', beam: 'broken', fault: null });
    module.setInput(5, true);
    const relays = await nextWhere(probe, 'relays', (line) => Array.isArray(line.inputs) && line.inputs[5] === true);
    expect(relays.outputs).toEqual([false, false, false, false, false, false, false, false]);
    expect(relays.inputs).toEqual([true, false, false, false, false, true, false, false]);

    await module.close();
    await pair.kill();
    await status(probe, 'offline');
    await pair.restart();
    const replugged = await modbusModule(pair);
    await status(probe, 'online');
    await nextWhere(probe, 'gate', (line) => line.beam === 'clear');
    await stop(probe);
    expect([...edges, ...replugged.edges].filter((edge) => edge.on)).toEqual([]);
  });

  it('opens a Modbus RTU gate once, with one pulse of the chosen coil, when given --pulse', async () => {
    const pair = await pty();
    const { module, edges } = await modbusModule(pair);
    const probe = start(['--kind', 'gate', '--protocol', 'modbus-rtu', '--port', pair.posPath, '--coil', '2', '--pulse', '--pulse-ms', '100']);
    expect(await probe.next('pulse', WAIT_MS)).toMatchObject({ output: 2 });
    expect(await probe.next('pulsed', WAIT_MS)).toEqual({ event: 'pulsed', output: 2 });
    module.setInput(1, true); // one more poll round after the pulse, to see that no second one follows
    await nextWhere(probe, 'relays', (line) => Array.isArray(line.inputs) && line.inputs[1] === true).catch(() => undefined);
    await stop(probe);
    expect(edges.filter((edge) => edge.on).map((edge) => edge.coil)).toEqual([2]);
    expect(edges.at(-1)).toMatchObject({ coil: 2, on: false });
    expect(probe.lines.filter((line) => line.event === 'pulse')).toHaveLength(1);
  });

  it('says plainly that no USB relay board is plugged in, keeps looking, and ends cleanly on SIGTERM', async () => {
    const probe = start(['--kind', 'gate', '--protocol', 'usb-relay', '--port', '16c0:05df', '--channel', '2']);
    const error = await probe.next('error', WAIT_MS);
    expect(error.message).toMatch(/^no USB relay board found at 16c0:05df .*still looking$/);
    expect((await status(probe, 'offline')).detail).toMatch(/no USBRelay board/);
    await stop(probe);
  });
});

describe('probing a receipt printer', () => {
  async function printer(): Promise<{ sim: EscPosPrinterSimulator; port: number }> {
    const sim = new EscPosPrinterSimulator();
    teardown.push(() => sim.close());
    return { sim, port: await sim.listen(0) };
  }

  it('polls an ESC/POS printer over TCP and prints paper-out, cover and drawer changes without printing anything', async () => {
    const { sim, port } = await printer();
    const probe = start(['--kind', 'printer', '--protocol', 'escpos', '--port', `tcp:127.0.0.1:${port}`, '--poll-ms', '100']);
    await status(probe, 'online');
    expect(await probe.next('printer', WAIT_MS)).toEqual({ event: 'printer', online: true, paper: 'ok', coverOpen: false, drawer: 'closed', error: null });

    sim.setPaper('out');
    expect(await nextWhere(probe, 'printer', (line) => line.paper === 'out')).toMatchObject({ online: false, coverOpen: false });
    expect(probe.lines).toContainEqual({ event: 'status', state: 'error', detail: 'out of paper' });
    sim.setPaper('ok');
    sim.setCover(true);
    await nextWhere(probe, 'printer', (line) => line.coverOpen === true);
    sim.setCover(false);
    sim.setDrawer(true);
    await nextWhere(probe, 'printer', (line) => line.drawer === 'open' && line.coverOpen === false);

    await sim.stopListening();
    await status(probe, 'offline');
    await sim.listen(port);
    await status(probe, 'online');
    await stop(probe);
    expect(sim.receipts).toEqual([]);
    expect(sim.printBytes).toBe(0);
  });

  it('prints one short test receipt when given --test-print', async () => {
    const { sim, port } = await printer();
    const receipt = sim.nextReceipt(WAIT_MS);
    const probe = start(['--kind', 'printer', '--protocol', 'escpos', '--port', `tcp:127.0.0.1:${port}`, '--test-print']);
    expect((await receipt).text).toMatch(/Printer test[\s\S]*Connected to +127\.0\.0\.1:\d+/);
    expect(await probe.next('test-print', WAIT_MS)).toEqual({ event: 'test-print', printed: true });
    await stop(probe);
    expect(sim.receipts).toHaveLength(1);
  });
});

describe('refusing bad probe flags', () => {
  it.each([
    [['--kind', 'scale', '--protocol', 'toledo-8217', '--port', '/dev/ttyS0', '--unit', 'g'], /--unit must be one of kg, lb, got "g"/],
    [['--kind', 'scale', '--protocol', 'mt-sics', '--port', '/dev/ttyS0', '--poll-ms', '5'], /--poll-ms must be a whole number from 20 to 10000, got "5"/],
    [['--kind', 'scale', '--protocol', 'magellan', '--port', '/dev/ttyS0', '--pulse'], /--pulse does not apply to scale magellan/],
    [['--kind', 'payment', '--protocol', 'stx-etx', '--port', 'tcp:10.0.0.9'], /--port over the network is tcp:HOST:PORT.*got "tcp:10.0.0.9"/],
    [['--kind', 'payment', '--protocol', 'stx-etx', '--port', 'tcp:10.0.0.9:10009', '--baud', '9600'], /--baud applies to a serial port, not to tcp:10.0.0.9:10009/],
    [['--kind', 'payment', '--protocol', 'stx-etx', '--port', '/dev/ttyS0', '--reference', 'sale 1'], /--reference must be 1–40 letters, digits, _ or -, got "sale 1"/],
    [['--kind', 'payment', '--protocol', 'stx-etx', '--port', '/dev/ttyS0', '--sale-test', '100'], /Unknown option '--sale-test'/],
    [['--kind', 'payment', '--protocol', 'stx-etx', '--port', '/dev/ttyS0', '--test-print'], /--test-print does not apply to payment stx-etx/],
    [['--kind', 'gate', '--protocol', 'modbus-rtu', '--port', '/dev/ttyS0', '--beam', '3', '--inputs', '2'], /--beam 3 is beyond the board's 2 inputs/],
    [['--kind', 'gate', '--protocol', 'modbus-rtu', '--port', '/dev/ttyS0', '--coil', '8'], /--coil 8 is beyond the module's 8 coils/],
    [['--kind', 'gate', '--protocol', 'modbus-rtu', '--port', '/dev/ttyS0', '--slave-id', '0'], /--slave-id must be a whole number from 1 to 247, got "0"/],
    [['--kind', 'gate', '--protocol', 'modbus-rtu', '--port', '/dev/ttyS0', '--beam-active', 'off'], /--beam-active needs --beam/],
    [['--kind', 'gate', '--protocol', 'modbus-rtu', '--port', '/dev/ttyS0', '--data-bits', '7'], /--data-bits does not apply to gate modbus-rtu/],
    [['--kind', 'gate', '--protocol', 'modbus-rtu', '--port', '/dev/ttyS0', '--pulse=yes'], /--pulse.*does not take an argument/],
    [['--kind', 'gate', '--protocol', 'usb-relay', '--port', '16c0:05df', '--channel', '9'], /--channel must be a whole number from 1 to 8, got "9"/],
    [['--kind', 'gate', '--protocol', 'usb-relay', '--port', '16c0:05df', '--board-id', 'TOOLONG'], /--board-id is the board's id of 1 to 5 printable ASCII characters.*got "TOOLONG"/],
    [['--kind', 'gate', '--protocol', 'usb-relay', '--port', 'relay1'], /--port of a HID device is a path such as \/dev\/hidraw0, or vid:pid/],
    [['--kind', 'gate', '--protocol', 'usb-relay', '--port', '16c0:05df', '--pulse-ms', '10'], /--pulse-ms must be a whole number from 50 to 5000, got "10"/],
    [['--kind', 'printer', '--protocol', 'escpos', '--port', 'tcp:printer:99999'], /--port over the network is tcp:HOST\[:PORT\] \(PORT 9100 when left out\)/],
    [['--kind', 'printer', '--protocol', 'escpos', '--port', '/dev/ttyS0', '--drawer-open-when', 'up'], /--drawer-open-when must be one of high, low, got "up"/],
    [['--kind', 'printer', '--protocol', 'escpos', '--port', '/dev/ttyS0', '--pulse'], /--pulse does not apply to printer escpos \(it takes: .*--test-print\)/],
  ])('refuses %j with a message naming the flag and exit code 2, before opening anything', async (args, message) => {
    const run = start(args);
    const { code, stderr } = await run.exited;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(run.lines).toEqual([]);
  });

  it('lists --pulse and --test-print in the usage as the only flags that act on a device', async () => {
    const run = start([]);
    const { code, stderr } = await run.exited;
    expect(code).toBe(2);
    expect(stderr).toMatch(/--pulse +OPENS THE GATE once .*\(gate modbus-rtu, gate usb-relay\)/);
    expect(stderr).toMatch(/--test-print +prints a short test receipt once\b.*\(printer escpos\)/);
    expect(stderr).toMatch(/never takes a payment/);
  });
});
