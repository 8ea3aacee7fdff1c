import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Gate } from '../../../drivers/gate/gate.ts';
import { ModbusRelayBoard } from '../../../drivers/gate/modbus-relay-board.ts';
import { ReceiptPrinter } from '../../../drivers/printer/receipt-printer.ts';

// `npm run sim -- gate|printer` as a technician or an e2e test runs them: JSON lines out, commands in.

type Line = { event: string } & Record<string, unknown>;
interface Running {
  readonly child: ChildProcess;
  readonly lines: Line[];
  readonly exit: Promise<{ code: number | null; stderr: string }>;
  say(command: string): void;
}

const cli = path.resolve(import.meta.dirname, '../../../drivers/sim/cli.ts');
let dir: string;
let running: Running | null;
const closers: (() => Promise<void>)[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));
  running = null;
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  const child = running?.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await running?.exit;
  }
  rmSync(dir, { recursive: true, force: true });
});

function launch(args: string[]): Running {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: Line[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  readline.createInterface({ input: child.stdout }).on('line', (text) => lines.push(JSON.parse(text) as Line));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  running = { child, lines, exit, say: (command) => child.stdin.write(`${command}\n`) };
  return running;
}

/** Waits (bounded) for a line with this event whose fields include `fields`, and returns it. */
async function line(sim: Running, event: string, fields: Record<string, unknown> = {}): Promise<Line> {
  const match = (): Line | undefined => sim.lines.find((item) => item.event === event && Object.entries(fields).every(([key, value]) => JSON.stringify(item[key]) === JSON.stringify(value)));
  await expect.poll(() => match() !== undefined, { timeout: 5000, message: `a "${event}" line with ${JSON.stringify(fields)}` }).toBe(true);
  return match() as Line;
}

describe('gate simulator command line', () => {
  it('switches its relay for a gate pulse, breaks the beam on command, and removes its links at end of input', async () => {
    const sim = launch(['gate', '--pos', dir, '--inputs', '4']);
    const { posPath } = await line(sim, 'ready');
    expect(posPath).toBe(path.join(dir, 'gate'));
    const gate = new Gate({ name: 'Gate', board: new ModbusRelayBoard({ path: String(posPath), inputs: 4, pollMs: 100 }), output: 0, pulseMs: 80, beam: { input: 0 } });
    closers.push(() => gate.close());
    await gate.open();
    await gate.claim();
    await gate.enable();
    await expect.poll(() => gate.status().state, { timeout: 5000 }).toBe('online');
    await gate.openGate();
    await line(sim, 'coil', { coil: 0, on: true });
    await line(sim, 'coil', { coil: 0, on: false });
    sim.say('beam broken');
    await line(sim, 'beam', { state: 'broken', input: 0 });
    await expect.poll(() => gate.state().beam, { timeout: 5000 }).toBe('broken');
    sim.say('input 9 on');
    expect((await line(sim, 'error')).message).toMatch(/--input must be a whole number 0…3/);
    sim.child.stdin?.end();
    expect((await sim.exit).code).toBe(0);
    expect(existsSync(String(posPath))).toBe(false);
  });

  it('explains a missing --pos and exits 2', async () => {
    const { code, stderr } = await launch(['gate']).exit;
    expect(code).toBe(2);
    expect(stderr).toMatch(/--pos is required\nusage: npm run sim -- gate/);
  });
});

describe('printer simulator command line', () => {
  it('prints each cut receipt as text, runs out of paper on command, and ends on SIGTERM', async () => {
    const sim = launch(['printer', '--tcp', '0', '--pos', dir]);
    const ready = await line(sim, 'ready');
    expect(ready.posPath).toBe(path.join(dir, 'printer'));
    const { port } = ready.tcp as { port: number };
    const printer = new ReceiptPrinter({ name: 'Printer', transport: { type: 'tcp', host: '127.0.0.1', port }, statusPollMs: 150 });
    closers.push(() => printer.close());
    await printer.open();
    await printer.claim();
    await printer.enable();
    await expect.poll(() => printer.status().state, { timeout: 5000 }).toBe('online');
    await printer.print({ blocks: [{ type: 'line', text: 'Receipt 42' }, { type: 'cut', partial: true }] });
    await line(sim, 'receipt', { text: 'Receipt 42', cut: 'partial' });
    await printer.kickDrawer();
    await line(sim, 'kick', { pin: 2, realtime: false });
    await line(sim, 'drawer', { state: 'open' });
    sim.say('paper out');
    await line(sim, 'paper', { state: 'out' });
    await expect.poll(() => printer.status().detail, { timeout: 5000 }).toMatch(/out of paper/);
    await expect(printer.print({ blocks: [{ type: 'line', text: 'no paper' }] })).rejects.toMatchObject({ code: 'PAPER_OUT' });
    sim.child.kill('SIGTERM');
    expect((await sim.exit).code).toBe(0);
    expect(existsSync(path.join(dir, 'printer'))).toBe(false);
  });

  it('asks for a port or a path', async () => {
    const { code, stderr } = await launch(['printer']).exit;
    expect(code).toBe(2);
    expect(stderr).toMatch(/give --pos <path>, --tcp <port> or both/);
  });
});
