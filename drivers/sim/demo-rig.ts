// The demo store's devices for `npm start`: one simulator process per device (the same
// `npm run sim` a person runs by hand), their lane config, and a control socket through which the
// terminal's simulator panel drives them in development.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

import { SimulatedDeviceSchema, type SimulatedDevice } from '../../common/simulator.ts';

export type { SimulatedDevice };

export type Role = 'self-checkout' | 'associate' | 'attendant' | 'gate';

/** Which devices each role's demo lane has. */
export function demoDevicesFor(role: Role): readonly SimulatedDevice[] {
  switch (role) {
    case 'self-checkout':
      return ['scanner', 'scale', 'bagging', 'payment', 'printer'];
    case 'associate':
      return ['scanner', 'scale', 'payment', 'printer'];
    case 'gate':
      return ['scanner', 'gate'];
    case 'attendant':
      return [];
    default: {
      const unreachable: never = role;
      throw new Error(`unknown role ${String(unreachable)}`);
    }
  }
}

/** One line a simulator printed (`{"event":"ready",…}`). */
type SimLine = { readonly event?: unknown } & Record<string, unknown>;

/** Lines a simulator prints on its own, not in answer to a command. */
const unsolicited = new Set(['receipt', 'kick', 'drawer', 'charge', 'result', 'rebooted', 'coil']);

interface RunningSim {
  readonly device: SimulatedDevice;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** Resolves with the next answer line, in the order commands were sent. */
  readonly answers: ((line: SimLine) => void)[];
}

export interface DemoRigOptions {
  readonly role: Role;
  /** The app's root (where `drivers/sim/cli.ts` lives). */
  readonly appRoot: string;
  /** How long a simulator may take to say `ready`. */
  readonly readyTimeoutMs?: number;
}

/** A control request on the socket: one command line for one simulator, or the list of simulators. */
export type ControlRequest = { readonly device: SimulatedDevice; readonly line: string } | { readonly list: true };

export class SocatUnavailableError extends Error {
  override readonly name = 'SocatUnavailableError';
}

/**
 * The running simulators of a demo lane. `devices` is the lane config pointing at them (the
 * `devices` of terminal.json); `controlPath` the Unix socket (in a folder only this user may open)
 * that takes `{"device","line"}` JSON lines and answers each with the simulator's JSON line
 * (`{"list":true}` is answered with `{"event":"devices","devices":[…]}`).
 * `stop()` ends every simulator (each removes its pty links and stops its socat); a simulator
 * also ends by itself when this process dies, because its standard input closes.
 */
export class DemoRig {
  readonly dir: string;
  readonly devices: readonly Record<string, unknown>[];
  readonly controlPath: string;
  readonly logFile: string;
  readonly #sims: Map<SimulatedDevice, RunningSim>;
  readonly #server: net.Server;
  readonly #log: WriteStream;
  #stopping: Promise<void> | null = null;

  private constructor(parts: { dir: string; devices: Record<string, unknown>[]; sims: Map<SimulatedDevice, RunningSim>; server: net.Server; log: WriteStream }) {
    this.dir = parts.dir;
    this.devices = parts.devices;
    this.controlPath = path.join(parts.dir, 'control.sock');
    this.logFile = path.join(parts.dir, 'simulators.log');
    this.#sims = parts.sims;
    this.#server = parts.server;
    this.#log = parts.log;
  }

  /** The devices simulated, in start order. */
  get simulated(): SimulatedDevice[] {
    return [...this.#sims.keys()];
  }

  /** Starts the role's simulators; throws `SocatUnavailableError` when serial devices cannot be simulated. */
  static async start(options: DemoRigOptions): Promise<DemoRig> {
    const wanted = demoDevicesFor(options.role);
    if (wanted.some((device) => device !== 'payment' && device !== 'printer') && !socatInstalled()) {
      throw new SocatUnavailableError('socat is not installed, so the serial devices (scanner, scales, gate) cannot be simulated (apt-get install socat)');
    }
    // mkdtemp makes the folder 0700: the control socket in it is this user's only.
    const dir = mkdtempSync(path.join(tmpdir(), 'lane-demo-'));
    const log = createWriteStream(path.join(dir, 'simulators.log'), { flags: 'a' });
    const sims = new Map<SimulatedDevice, RunningSim>();
    const devices: Record<string, unknown>[] = [];
    const server = net.createServer();
    const rig = new DemoRig({ dir, devices, sims, server, log });
    try {
      for (const device of wanted) {
        const { sim, ready } = await startSim(device, dir, options, log);
        sims.set(device, sim);
        devices.push(deviceConfig(device, dir, ready));
      }
      server.on('connection', (socket) => rig.#serve(socket));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(rig.controlPath, () => resolve());
      });
    } catch (error) {
      await rig.stop();
      throw error;
    }
    return rig;
  }

  /** Sends one command line to a simulator and resolves with its answer (`{"event":"error",…}` included). */
  command(device: SimulatedDevice, line: string, timeoutMs = 5000): Promise<SimLine> {
    const sim = this.#sims.get(device);
    if (!sim || sim.child.exitCode !== null || !sim.child.stdin?.writable) return Promise.resolve({ event: 'error', message: `no ${device} simulator is running` });
    if (/[\r\n]/.test(line)) return Promise.resolve({ event: 'error', message: 'a command is one line' });
    return new Promise((resolve) => {
      const answer = (reply: SimLine): void => {
        clearTimeout(timer);
        resolve(reply);
      };
      const timer = setTimeout(() => {
        const at = sim.answers.indexOf(answer);
        if (at >= 0) sim.answers.splice(at, 1);
        resolve({ event: 'error', message: `the ${device} simulator did not answer "${line}" within ${timeoutMs} ms` });
      }, timeoutMs);
      sim.answers.push(answer);
      sim.child.stdin?.write(`${line}\n`);
    });
  }

  /** Ends every simulator and removes the rig's folder; safe to call more than once. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await new Promise<void>((resolve) => this.#server.close(() => resolve()));
      await Promise.all([...this.#sims.values()].map((sim) => endSim(sim)));
      await new Promise<void>((resolve) => this.#log.end(() => resolve()));
      rmSync(this.dir, { recursive: true, force: true });
    })();
    return this.#stopping;
  }

  #serve(socket: net.Socket): void {
    socket.on('error', () => undefined);
    const lines = readline.createInterface({ input: socket });
    lines.on('line', (text) => {
      const request = parseRequest(text);
      const reply =
        typeof request === 'string'
          ? Promise.resolve({ event: 'error', message: request })
          : 'list' in request
            ? Promise.resolve({ event: 'devices', devices: this.simulated })
            : this.command(request.device, request.line);
      void reply.then((line) => {
        if (!socket.destroyed) socket.write(`${JSON.stringify(line)}\n`);
      });
    });
  }
}

function parseRequest(text: string): ControlRequest | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'a control request is one JSON object per line';
  }
  if (typeof raw === 'object' && raw !== null && 'list' in raw && raw.list === true) return { list: true };
  if (typeof raw !== 'object' || raw === null || !('device' in raw) || !('line' in raw)) return 'a control request is {"device": …, "line": …}';
  const { device, line } = raw;
  const known = SimulatedDeviceSchema.safeParse(device);
  if (!known.success) return `device must be one of ${SimulatedDeviceSchema.options.join(', ')}`;
  if (typeof line !== 'string' || line.trim() === '') return 'line must be a command line';
  return { device: known.data, line };
}

function socatInstalled(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).error === undefined;
}

/** The `npm run sim` arguments of each device; the TCP ones listen on a free loopback port. */
function simArgs(device: SimulatedDevice, dir: string): string[] {
  switch (device) {
    case 'scanner':
      return ['scanner', '--pos', path.join(dir, 'scanner')];
    case 'scale':
      return ['scale', '--protocol', 'toledo-8217', '--pos', path.join(dir, 'scale')];
    case 'bagging':
      return ['scale', '--protocol', 'mt-sics', '--pos', path.join(dir, 'bagging-scale')];
    case 'payment':
      return ['payment', '--tcp', '127.0.0.1:0', '--card-ms', '1200', '--host-ms', '600'];
    case 'printer':
      return ['printer', '--tcp', '0'];
    case 'gate':
      return ['gate', '--pos', path.join(dir, 'gate')];
    default: {
      const unreachable: never = device;
      throw new Error(`unknown device ${String(unreachable)}`);
    }
  }
}

/** The lane config entry for a running simulator, from where its `ready` line says it is. */
function deviceConfig(device: SimulatedDevice, dir: string, ready: SimLine): Record<string, unknown> {
  switch (device) {
    case 'scanner':
      return { kind: 'scanner', protocol: 'serial', name: 'Scanner', path: path.join(dir, 'scanner') };
    case 'scale':
      return { kind: 'scale', protocol: 'toledo-8217', name: 'Produce scale', role: 'pricing', path: path.join(dir, 'scale') };
    case 'bagging':
      return { kind: 'scale', protocol: 'mt-sics', name: 'Bagging scale', role: 'bagging', path: path.join(dir, 'bagging-scale') };
    case 'payment': {
      if (typeof ready.tcp !== 'string') throw new Error(`the payment simulator did not say where it listens: ${JSON.stringify(ready)}`);
      return { kind: 'payment', protocol: 'stx-etx', name: 'Card terminal', tcp: ready.tcp };
    }
    case 'printer': {
      const tcp = ready.tcp;
      if (typeof tcp !== 'object' || tcp === null || !('port' in tcp) || typeof tcp.port !== 'number') {
        throw new Error(`the printer simulator did not say where it listens: ${JSON.stringify(ready)}`);
      }
      return { kind: 'printer', protocol: 'escpos', name: 'Receipt printer', host: '127.0.0.1', port: tcp.port };
    }
    case 'gate':
      return { kind: 'gate', protocol: 'modbus-rtu', name: 'Exit gate', path: path.join(dir, 'gate'), beam: { input: 0 } };
    default: {
      const unreachable: never = device;
      throw new Error(`unknown device ${String(unreachable)}`);
    }
  }
}

async function startSim(device: SimulatedDevice, dir: string, options: DemoRigOptions, log: WriteStream): Promise<{ sim: RunningSim; ready: SimLine }> {
  // Standard input stays a pipe from this process: when it closes (this process ended, however
  // it ended) the simulator stops by itself and takes its socat and links with it.
  const child = spawn(process.execPath, [path.join(options.appRoot, 'drivers', 'sim', 'cli.ts'), ...simArgs(device, dir)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const sim: RunningSim = { device, child, exited, answers: [] };
  child.stdin.on('error', () => undefined); // a simulator that died: its commands answer "not running"
  child.stderr.setEncoding('utf8').on('data', (text: string) => log.write(`[${device}] ${text}`));
  let onReady: ((line: SimLine) => void) | null = null;
  readline.createInterface({ input: child.stdout }).on('line', (text) => {
    log.write(`[${device}] ${text}\n`);
    let line: SimLine;
    try {
      line = JSON.parse(text) as SimLine;
    } catch {
      return;
    }
    if (onReady && line.event === 'ready') {
      onReady(line);
      return;
    }
    if (typeof line.event === 'string' && unsolicited.has(line.event)) return;
    sim.answers.shift()?.(line);
  });
  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  try {
    const ready = await new Promise<SimLine>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the ${device} simulator was not ready within ${timeoutMs} ms (see ${path.join(dir, 'simulators.log')})`)), timeoutMs);
      onReady = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the ${device} simulator exited (code ${code ?? 'none'}) before it was ready`));
      });
    });
    onReady = null;
    return { sim, ready };
  } catch (error) {
    await endSim(sim);
    throw error;
  }
}

/** Ends a simulator the way a person does (end of input), then by signal if it lingers. */
async function endSim(sim: RunningSim): Promise<void> {
  const { child } = sim;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  const term = setTimeout(() => child.kill('SIGTERM'), 3000);
  const kill = setTimeout(() => child.kill('SIGKILL'), 6000);
  await sim.exited;
  clearTimeout(term);
  clearTimeout(kill);
}
