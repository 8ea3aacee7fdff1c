import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PtyPairOptions {
  /** Folder for the two links; a fresh temporary folder (removed by `dispose`) when omitted. */
  readonly dir?: string;
  /** Link the terminal (POS) opens. */
  readonly posName?: string;
  /** Link the simulated device opens. */
  readonly simName?: string;
  /** How long socat may take to create both links. */
  readonly readyTimeoutMs?: number;
}

export class SocatMissingError extends Error {
  override readonly name = 'SocatMissingError';
  constructor() {
    super('socat is not installed (apt-get install socat)');
  }
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * A serial cable made of two pseudo-terminals joined by socat (PROTOCOLS §6): the terminal opens
 * `posPath`, a simulator opens `simPath`. `kill()` pulls the cable (the links disappear),
 * `restart()` plugs it back in under the same paths.
 */
export class PtyPair {
  readonly dir: string;
  readonly posPath: string;
  readonly simPath: string;
  readonly #ownsDir: boolean;
  readonly #readyTimeoutMs: number;
  #child: ChildProcess | null = null;

  private constructor(options: PtyPairOptions) {
    this.#ownsDir = options.dir === undefined;
    this.dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'pty-pair-'));
    this.posPath = path.join(this.dir, options.posName ?? 'pos');
    this.simPath = path.join(this.dir, options.simName ?? 'sim');
    this.#readyTimeoutMs = options.readyTimeoutMs ?? 5000;
  }

  /** Starts socat and resolves once both links exist and data flows. */
  static async open(options: PtyPairOptions = {}): Promise<PtyPair> {
    const pair = new PtyPair(options);
    try {
      await pair.#start();
    } catch (error) {
      await pair.dispose();
      throw error;
    }
    return pair;
  }

  get running(): boolean {
    return this.#child !== null;
  }

  /** Pulls the plug: stops socat and makes sure both links are gone, as a device node would be. */
  async kill(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child) await stop(child);
    removeLink(this.posPath);
    removeLink(this.simPath);
  }

  /** Plugs back in: a new pty pair behind the same two links. */
  async restart(): Promise<void> {
    await this.kill();
    await this.#start();
  }

  /** Kills socat and removes the folder if this pair created it. */
  async dispose(): Promise<void> {
    await this.kill();
    if (this.#ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }

  #start(): Promise<void> {
    // Links left by a socat that was SIGKILLed would make the new one fail.
    removeLink(this.posPath);
    removeLink(this.simPath);
    const args = ['-d', '-d', `pty,raw,echo=0,link=${this.posPath}`, `pty,raw,echo=0,link=${this.simPath}`];
    const child = spawn('socat', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    live.add(child);
    child.once('exit', () => live.delete(child));
    let log = '';
    return new Promise<void>((resolve, reject) => {
      const fail = (error: Error): void => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new Error(`socat did not create ${this.posPath} and ${this.simPath} within ${this.#readyTimeoutMs} ms: ${log.trim()}`)),
        this.#readyTimeoutMs,
      );
      child.once('error', (error: NodeJS.ErrnoException) => fail(error.code === 'ENOENT' ? new SocatMissingError() : error));
      child.once('exit', (code, signal) => fail(new Error(`socat exited early (${signal ?? `code ${code}`}): ${log.trim()}`)));
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => {
        log = (log + text).slice(-4000);
        // socat -d -d logs this once both ptys (and their links) exist.
        if (/starting data transfer loop/.test(log) && existsSync(this.posPath) && existsSync(this.simPath)) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          child.removeAllListeners('error');
          child.once('exit', () => live.delete(child));
          child.on('error', () => undefined); // a failed kill signal; stop() escalates
          child.stderr?.removeAllListeners('data');
          child.stderr?.resume();
          this.#child = child;
          resolve();
        }
      });
    });
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function removeLink(link: string): void {
  try {
    if (lstatSync(link).isSymbolicLink()) unlinkSync(link);
  } catch {
    // Already gone.
  }
}
