import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface TerminalProcess {
  readonly url: string;
  readonly pid: number;
  readonly dataDir: string;
  readonly output: () => string;
  /** kill -9: no shutdown hooks, no flush, like a power cut of the process. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export function makeDataDir(prefix = 'lane-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts the terminal as its own Node process (the browser host, as `npm start` runs it without
 * Electron) and resolves with the URL it prints.
 */
export async function startTerminalProcess(options: { dataDir: string; env?: Record<string, string>; timeoutMs?: number }): Promise<TerminalProcess> {
  const child = spawn(process.execPath, [path.join(root, 'main/host/cli.ts')], {
    cwd: root,
    env: { ...process.env, TERMINAL_DATA_DIR: options.dataDir, TERMINAL_HTTP_PORT: '0', TERMINAL_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  if (!child.stdout) throw new Error('the terminal process has no stdout pipe');
  const lines = readline.createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the terminal did not start within ${options.timeoutMs ?? 20_000} ms:\n${output}`)), options.timeoutMs ?? 20_000);
    lines.on('line', (line) => {
      output += `${line}\n`;
      const match = /^Terminal UI: (\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the terminal exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid ?? -1,
    dataDir: options.dataDir,
    output: () => output,
    async crash() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
