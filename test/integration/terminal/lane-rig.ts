import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { CommandName } from '../../../common/api/names.ts';
import type { TerminalState } from '../../../common/api/contract.ts';
import type { ApiError } from '../../../common/api/result.ts';
import type { EngineContext } from '../../../main/checkout/index.ts';
import { systemContext } from '../../../main/terminal/system-context.ts';
import { startTerminal, type RunningTerminal, type TerminalSurroundings } from '../../../main/terminal/terminal.ts';
import { demoTerminalConfig } from '../../support/terminal-config.ts';

export const SOURDOUGH = '4006381333931';
export const COLA = '036000291452';
export const CASHIER = { kind: 'pin', operatorId: '1001', pin: '1234' } as const;
export const SUPERVISOR = { kind: 'pin', operatorId: '2001', pin: '5678' } as const;
export const SUPERVISOR_BADGE = 'EMP-2001-V9LD';

/** A clock the test moves by hand. */
export class TestClock {
  #now: number;
  constructor(iso: string) {
    this.#now = Date.parse(iso);
  }
  now = (): string => new Date(this.#now).toISOString();
  set(iso: string): void {
    this.#now = Date.parse(iso);
  }
}

let request = 0;

/** One in-process lane terminal on the demo store, driven through its dispatch as the renderer would. */
export class TestLane {
  readonly terminal: RunningTerminal;
  readonly dir: string;
  private constructor(terminal: RunningTerminal, dir: string) {
    this.terminal = terminal;
    this.dir = dir;
  }

  static async start(options: {
    laneId: string;
    role?: 'associate' | 'self-checkout';
    clock: TestClock;
    dir?: string;
    surroundings?: TerminalSurroundings;
    /** Raw device config entries, as terminal.json has them. */
    devices?: readonly unknown[];
  }): Promise<TestLane> {
    const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `lane-${options.laneId}-`));
    const config = demoTerminalConfig({ dataDir: dir, role: options.role ?? 'associate', laneId: options.laneId, devices: options.devices ?? [] });
    const context: EngineContext = { now: options.clock.now, newId: systemContext.newId };
    const terminal = await startTerminal(config, pino({ level: process.env.RIG_LOG ?? 'silent' }), context, options.surroundings);
    return new TestLane(terminal, dir);
  }

  /** Runs a command with a fresh request id (or the given one). */
  async call(command: CommandName, input: Record<string, unknown> = {}, requestId = `req-rig-${String((request += 1)).padStart(6, '0')}`): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiError }> {
    return this.terminal.api.dispatch(command, { requestId, ...input });
  }

  async value<T = unknown>(command: CommandName, input: Record<string, unknown> = {}): Promise<T> {
    const result = await this.call(command, input);
    if (!result.ok) throw new Error(`${command} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  async refused(command: CommandName, input: Record<string, unknown> = {}): Promise<ApiError> {
    const result = await this.call(command, input);
    if (result.ok) throw new Error(`${command} was expected to be refused`);
    return result.error;
  }

  state(): TerminalState {
    return this.terminal.lane.state();
  }

  lineId(index: number): string {
    const line = this.state().basket?.lines[index];
    if (!line) throw new Error(`no line ${index}`);
    return line.lineId;
  }

  #stopped: Promise<void> | null = null;

  /** Stops the terminal once, however often it is asked. */
  async stop(): Promise<void> {
    if (this.#stopped === null) this.#stopped = this.terminal.stop();
    await this.#stopped;
  }

  async remove(): Promise<void> {
    if (this.#stopped === null) this.#stopped = this.terminal.stop();
    await this.#stopped;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
