import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Gate, type GateState } from '../../../drivers/gate/gate.ts';
import { RelayBoard, type RelaySnapshot } from '../../../drivers/gate/relay-board.ts';

// The gate's timing on a fake clock: an in-memory relay board, no I/O.

class MemoryBoard extends RelayBoard {
  readonly outputs = [false, false];
  readonly inputs = [false, false];
  readonly writes: { output: number; on: boolean; at: number }[] = [];
  readonly #link = {
    connection: null as object | null,
    start: async (): Promise<void> => {
      this.#link.connection = {};
      this.setLink({ state: 'online', detail: 'ready on memory' });
    },
    stop: async (): Promise<void> => {
      this.#link.connection = null;
      this.setLink({ state: 'offline', detail: 'not connected to memory' });
    },
  };

  constructor() {
    super('memory', 10);
  }

  get outputCount(): number {
    return 2;
  }

  get inputCount(): number {
    return 2;
  }

  protected override get reconnector(): { start(): Promise<void>; stop(): Promise<void>; readonly connection: unknown } {
    return this.#link;
  }

  protected override async readState(): Promise<RelaySnapshot> {
    return { outputs: [...this.outputs], inputs: [...this.inputs] };
  }

  protected override async writeOutput(output: number, on: boolean): Promise<void> {
    this.outputs[output] = on;
    this.writes.push({ output, on, at: Date.now() });
  }

  protected override pollFailed(): void {}
}

let gate: Gate | null = null;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  const closing = gate?.close();
  await vi.runOnlyPendingTimersAsync();
  await closing;
  vi.useRealTimers();
});

async function started(board: MemoryBoard, options: Partial<ConstructorParameters<typeof Gate>[0]> = {}): Promise<{ gate: Gate; states: GateState[] }> {
  gate = new Gate({ name: 'Gate', board, output: 0, pulseMs: 500, beam: { input: 1 }, debounceMs: 40, ...options });
  const states: GateState[] = [];
  gate.on('data', (state) => states.push(state));
  await gate.open();
  await gate.claim();
  await gate.enable();
  await vi.advanceTimersByTimeAsync(20);
  return { gate, states };
}

describe('gate pulse and inputs on a fake clock', () => {
  it('holds the relay on for exactly the pulse time, then releases it', async () => {
    const board = new MemoryBoard();
    const { gate: device, states } = await started(board);
    board.writes.length = 0; // the safe-state release on connect
    const opening = device.openGate();
    await vi.advanceTimersByTimeAsync(499);
    expect(board.outputs[0]).toBe(true);
    expect(device.state().position).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    await opening;
    expect(board.writes.map(({ on }) => on)).toEqual([true, false]);
    expect((board.writes[1]?.at ?? 0) - (board.writes[0]?.at ?? 0)).toBe(500);
    expect(states.map((state) => state.position)).toEqual(['closed', 'open', 'closed']);
  });

  it('joins a second open during a pulse instead of lengthening or repeating it', async () => {
    const board = new MemoryBoard();
    const { gate: device } = await started(board);
    board.writes.length = 0;
    const first = device.openGate();
    await vi.advanceTimersByTimeAsync(200);
    const second = device.openGate();
    expect(second).toBe(first);
    await vi.advanceTimersByTimeAsync(300);
    await Promise.all([first, second]);
    expect(board.writes.map(({ on }) => on)).toEqual([true, false]);
  });

  it('ignores a beam glitch shorter than the debounce time and reports a steady break once', async () => {
    const board = new MemoryBoard();
    const { gate: device, states } = await started(board);
    board.inputs[1] = true;
    await vi.advanceTimersByTimeAsync(20);
    board.inputs[1] = false;
    await vi.advanceTimersByTimeAsync(200);
    expect(states.map((state) => state.beam)).toEqual(['clear']);
    board.inputs[1] = true;
    await vi.advanceTimersByTimeAsync(200);
    expect(states.map((state) => state.beam)).toEqual(['clear', 'broken']);
    expect(device.state().beam).toBe('broken');
  });

  it('releases the relay when closed in the middle of a pulse', async () => {
    const board = new MemoryBoard();
    const { gate: device } = await started(board);
    const opening = device.openGate().catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    await device.close();
    gate = null;
    await opening;
    expect(board.outputs[0]).toBe(false);
  });
});
