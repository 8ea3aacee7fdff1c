import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export type JsonLine = { event?: string } & Record<string, unknown>;

/** A command-line tool of ours run as a child process: JSON lines out, text lines in. */
export interface CliProcess {
  readonly process: ChildProcess;
  /** Every JSON line printed so far. */
  readonly lines: JsonLine[];
  /** Resolves with the next line whose `event` is `event`, consuming the lines up to it (bounded). */
  next(event: string, timeoutMs?: number): Promise<JsonLine>;
  send(line: string): void;
  /** Closes its standard input, as a person ending the session does. */
  end(): void;
  readonly exited: Promise<{ code: number | null; stderr: string }>;
  /** Ends the process if it is still running, and waits for it. */
  kill(): Promise<void>;
}

/** `defaultTimeoutMs` bounds `next` when a call gives no time of its own. */
export function startCli(script: string, args: readonly string[], defaultTimeoutMs = 5000): CliProcess {
  const proc = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: JsonLine[] = [];
  let unread = 0;
  const waiters = new Set<() => void>();
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  readline.createInterface({ input: proc.stdout }).on('line', (line) => {
    lines.push(JSON.parse(line) as JsonLine);
    for (const waiter of waiters) waiter();
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => proc.once('exit', (code) => resolve({ code, stderr })));
  return {
    process: proc,
    lines,
    exited,
    send: (line) => proc.stdin.write(`${line}\n`),
    end: () => proc.stdin.end(),
    next(event, timeoutMs = defaultTimeoutMs) {
      return new Promise<JsonLine>((resolve, reject) => {
        const check = (): void => {
          const at = lines.slice(unread).findIndex((item) => item.event === event);
          if (at < 0) return;
          const found = lines[unread + at];
          unread += at + 1;
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no "${event}" line within ${timeoutMs} ms (stderr: ${stderr.trim()})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async kill() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const gone = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await gone;
    },
  };
}
