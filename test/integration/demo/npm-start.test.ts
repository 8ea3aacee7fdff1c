import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalHealthSchema } from '../../../common/health.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** The pids of every process below `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces; the fields after it are fixed.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone while listing.
    }
  }
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** Alive and not a zombie waiting to be reaped (a container's init may never reap it). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly rigDir: string;
  /** What it printed up to the URL. */
  readonly output: string;
}

let dataDir: string | null = null;
let rigDir: string | null = null;
let child: ChildProcess | null = null;
const leftovers: number[] = [];

afterEach(() => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const pid of leftovers.splice(0)) if (running(pid)) process.kill(pid, 'SIGKILL');
  // A killed npm start cannot remove its own folder (only its simulators' log is left in it).
  for (const dir of [dataDir, rigDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dataDir = null;
  rigDir = null;
});

async function npmStart(env: Record<string, string> = {}): Promise<Started> {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-start-'));
  child = spawn(process.execPath, [path.join(root, 'scripts/start.ts'), '--no-build'], {
    cwd: root,
    env: { ...process.env, TERMINAL_DATA_DIR: dataDir, TERMINAL_HTTP_PORT: '0', TERMINAL_BROWSER_HOST: '1', TERMINAL_LOG_LEVEL: 'warn', TERMINAL_DEVICES: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = child;
  let output = '';
  started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const lines = readline.createInterface({ input: started.stdout ?? process.stdin });
  return new Promise<Started>((resolve, reject) => {
    let rig = '';
    const timer = setTimeout(() => reject(new Error(`npm start did not come up within 60 s:\n${output}`)), 60_000);
    started.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    lines.on('line', (line) => {
      output += `${line}\n`;
      rig = /their output: (\S+)\/simulators\.log/.exec(line)?.[1] ?? rig;
      const url = /^Terminal UI: (\S+)/.exec(line)?.[1];
      if (url) {
        clearTimeout(timer);
        rigDir = rig || null;
        resolve({ child: started, url, rigDir: rig, output });
      }
    });
  });
}

/** Waits (bounded) until none of `pids` runs any more; returns those still running. */
async function gone(pids: readonly number[], timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(running) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.filter(running).map((pid) => `${pid} ${commandLine(pid)}`);
}

describe('npm start runs the demo lane on simulated devices', () => {
  it('starts a simulator per device, all of them connected, and stops every process it started on SIGTERM', async () => {
    const { child: start, url, rigDir: folder } = await npmStart();
    const pids = descendants(start.pid ?? -1);
    leftovers.push(...pids);
    const commands = pids.map(commandLine);
    for (const device of ['scanner', 'scale --protocol toledo-8217', 'scale --protocol mt-sics', 'payment', 'printer']) {
      expect(commands.some((command) => command.includes(`drivers/sim/cli.ts ${device}`))).toBe(true);
    }
    expect(commands.filter((command) => command.startsWith('socat ')).length).toBe(3);
    await expect
      .poll(async () => TerminalHealthSchema.parse(await (await fetch(`${url}health`)).json()).devices.map((device) => `${device.name}: ${device.connection}`), { timeout: 15_000 })
      .toEqual(['Scanner: connected', 'Produce scale: connected', 'Bagging scale: connected', 'Card terminal: connected', 'Receipt printer: connected']);

    start.kill('SIGTERM');
    expect(await gone([start.pid ?? -1, ...pids])).toEqual([]);
    expect(fs.existsSync(folder)).toBe(false);
  }, 120_000);

  it('leaves no simulator or socat behind even when it is killed outright', async () => {
    const { child: start } = await npmStart();
    const pids = descendants(start.pid ?? -1);
    leftovers.push(...pids);
    expect(pids.length).toBeGreaterThanOrEqual(8);
    start.kill('SIGKILL');
    // Each simulator sees its standard input close and ends, taking its socat with it.
    expect(await gone(pids)).toEqual([]);
  }, 120_000);

  it('starts the lane without devices, and says so, where socat is missing', async () => {
    // Only Node on the PATH: no socat to make the serial cables with.
    const { child: start, url, output } = await npmStart({ PATH: path.dirname(process.execPath) });
    leftovers.push(...descendants(start.pid ?? -1));
    expect(output).toMatch(/The simulated devices could not start: socat is not installed/);
    expect(output).toMatch(/The lane starts WITHOUT devices/);
    const health = TerminalHealthSchema.parse(await (await fetch(`${url}health`)).json());
    expect(health.devices.map((device) => device.protocol)).toEqual(['simulator']);
    start.kill('SIGTERM');
    expect(await gone([start.pid ?? -1])).toEqual([]);
  }, 120_000);
});
