import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceEvents } from '../../../drivers/device.ts';
import type { ScanData } from '../../../drivers/scanner/scan-data.ts';
import { SerialScanner } from '../../../drivers/scanner/serial-scanner.ts';
import { collect, nextEvent } from '../../support/events.ts';

type ScannerEvents = DeviceEvents<ScanData>;
type SimEvent = { event: string } & Record<string, unknown>;

// The simulator CLI as a person or an e2e test runs it: a child process, JSON lines out, commands in.

const cli = path.resolve(import.meta.dirname, '../../../drivers/sim/cli.ts');
let dir: string;
let child: ChildProcess | null;
let scanner: SerialScanner | null;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));
  child = null;
  scanner = null;
});

afterEach(async () => {
  await scanner?.close();
  if (child && child.exitCode === null && child.signalCode === null) {
    const gone = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }
  rmSync(dir, { recursive: true, force: true });
});

interface Sim {
  readonly process: ChildProcess;
  /** Resolves with the next JSON line whose event is `event` (bounded). */
  next(event: string, timeoutMs?: number): Promise<SimEvent>;
  send(line: string): void;
  exited: Promise<{ code: number | null; stderr: string }>;
}

function start(args: string[]): Sim {
  const proc = spawn(process.execPath, [cli, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child = proc;
  const seen: SimEvent[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  readline.createInterface({ input: proc.stdout }).on('line', (line) => {
    seen.push(JSON.parse(line) as SimEvent);
    for (const waiter of waiters) waiter();
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => proc.once('exit', (code) => resolve({ code, stderr })));
  return {
    process: proc,
    exited,
    send: (line) => proc.stdin.write(`${line}\n`),
    next(event, timeoutMs = 5000) {
      return new Promise<SimEvent>((resolve, reject) => {
        const check = (): void => {
          const at = seen.findIndex((item) => item.event === event);
          if (at < 0) return;
          const [found] = seen.splice(0, at + 1).slice(-1);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no "${event}" line from the simulator within ${timeoutMs} ms (stderr: ${stderr.trim()})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

async function scannerOn(posPath: string): Promise<SerialScanner> {
  scanner = new SerialScanner({ name: 'Lane scanner', path: posPath, reconnect: { initialMs: 50, maxMs: 200 }, presenceCheckMs: 50 });
  await scanner.open();
  await scanner.claim();
  await scanner.enable();
  expect(scanner.status().state).toBe('online');
  return scanner;
}

describe('scanner simulator command line', () => {
  it('scans typed barcodes, pulls and restores the cable, and removes its links at end of input', async () => {
    const posPath = path.join(dir, 'lane', 'scanner');
    const sim = start(['scanner', '--pos', posPath, '--aim']);
    expect(await sim.next('ready')).toEqual({ event: 'ready', posPath });
    const driver = await scannerOn(posPath);
    const labels = collect<ScannerEvents, 'data'>(driver, 'data');

    sim.send('036000291452');
    expect(await sim.next('scanned')).toEqual({ event: 'scanned', code: '036000291452' });
    expect(await labels.take(1)).toEqual([{ code: '036000291452', symbology: 'upc-a', aim: ']E0', source: 'scanner', device: 'Lane scanner' }]);

    sim.send('noise 00 ff');
    expect(await sim.next('noise')).toEqual({ event: 'noise', bytes: 2 });
    sim.send('noise 0g');
    expect((await sim.next('error')).message).toMatch(/hex bytes/);

    const offline = nextEvent<ScannerEvents, 'status'>(driver, 'status', (status) => status.state === 'offline');
    sim.send('unplug');
    await sim.next('unplugged');
    expect((await offline)[0].detail).toContain(posPath);
    const online = nextEvent<ScannerEvents, 'status'>(driver, 'status', (status) => status.state === 'online');
    sim.send('replug');
    await sim.next('replugged');
    await online;
    sim.send('4006381333931');
    await sim.next('scanned');
    expect((await labels.take(2))[1]?.code).toBe('4006381333931');

    sim.process.stdin?.end();
    expect((await sim.exited).code).toBe(0);
    expect(existsSync(posPath)).toBe(false);
    expect(existsSync(`${posPath}.device`)).toBe(false);
  });

  it('puts the link in a folder given with --link, and ends cleanly on SIGTERM', async () => {
    const sim = start(['scanner', '--link', dir]);
    const { posPath } = await sim.next('ready');
    expect(posPath).toBe(path.join(dir, 'scanner'));
    expect(existsSync(path.join(dir, 'scanner'))).toBe(true);
    sim.process.kill('SIGTERM');
    expect((await sim.exited).code).toBe(0);
    expect(existsSync(path.join(dir, 'scanner'))).toBe(false);
  });

  it.each([
    [['scanner'], /--pos is required/],
    [['scanner', '--pos', 'x', '--suffix', 'LF'], /--suffix must be one of CR, CRLF, TAB, ETX, got "LF"/],
    [['scanner', '--pos', 'x', '--baud', '9600'], /Unknown option '--baud'/],
    [['fax'], /unknown device "fax" \(this release simulates: scanner, gate, printer\)/],
    [[], /name the device to simulate/],
  ])('refuses %j with a clear message and exit code 2', async (args, message) => {
    const { code, stderr } = await start(args).exited;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/usage: npm run sim/);
  });
});
