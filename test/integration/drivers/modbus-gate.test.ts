import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceEvents } from '../../../drivers/device.ts';
import { Gate, type GateState } from '../../../drivers/gate/gate.ts';
import { ModbusRelayBoard, type ModbusRelayOptions } from '../../../drivers/gate/modbus-relay-board.ts';
import { LaneLight } from '../../../drivers/light/lane-light.ts';
import { ModbusRelaySimulator, type CoilEdge, type ModbusRelaySimOptions } from '../../../drivers/sim/modbus-relay-sim.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { collect, nextEvent } from '../../support/events.ts';

type GateEvents = DeviceEvents<GateState>;

// The real serialport binding on both ends of a socat pseudo-terminal pair (PROTOCOLS §6).

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

let pair: PtyPair;
let sim: ModbusRelaySimulator | null;
const devices: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  pair = await PtyPair.open();
  sim = null;
});

afterEach(async () => {
  for (const device of devices.splice(0)) await device.close();
  await sim?.close();
  await pair.dispose();
});

async function plugModule(options: Partial<ModbusRelaySimOptions> = {}): Promise<ModbusRelaySimulator> {
  sim = new ModbusRelaySimulator({ path: pair.simPath, inputs: 8, ...options });
  await sim.open();
  return sim;
}

function board(options: Partial<ModbusRelayOptions> = {}): ModbusRelayBoard {
  return new ModbusRelayBoard({
    path: pair.posPath,
    inputs: 8,
    timeoutMs: 500,
    retries: 2,
    pollMs: 100,
    presenceCheckMs: 50,
    reconnect: { initialMs: 50, maxMs: 200 },
    ...options,
  });
}

async function startGate(relays: ModbusRelayBoard, options: Partial<ConstructorParameters<typeof Gate>[0]> = {}): Promise<Gate> {
  const gate = new Gate({ name: 'Exit gate', board: relays, output: 0, pulseMs: 100, beam: { input: 0 }, debounceMs: 0, ...options });
  devices.push(gate);
  await gate.open();
  await gate.claim();
  await gate.enable();
  return gate;
}

function online(device: Gate | LaneLight): Promise<unknown> {
  if (device.status().state === 'online') return Promise.resolve();
  return nextEvent<GateEvents, 'status'>(device as Gate, 'status', (status) => status.state === 'online');
}

/** Resolves with the next coil edge the module makes that passes `accept` (bounded). */
function nextEdge(module: ModbusRelaySimulator, accept: (edge: CoilEdge) => boolean, timeoutMs = 5000): Promise<CoilEdge> {
  return new Promise((resolve, reject) => {
    const listener = (edge: CoilEdge): void => {
      if (!accept(edge)) return;
      clearTimeout(timer);
      module.events.off('coil', listener);
      resolve(edge);
    };
    const timer = setTimeout(() => {
      module.events.off('coil', listener);
      reject(new Error(`no matching coil edge within ${timeoutMs} ms`));
    }, timeoutMs);
    module.events.on('coil', listener);
  });
}

describe('gate on a Modbus RTU relay module over a pseudo-terminal', () => {
  it('pulses the gate open with the golden FC 05 frames: coil 0 on, then off', async () => {
    const module = await plugModule();
    const requests: Buffer[] = [];
    module.events.on('request', (frame) => requests.push(frame));
    const gate = await startGate(board());
    await online(gate);
    const states = collect<GateEvents, 'data'>(gate, 'data');
    await gate.openGate();
    expect(module.edges.filter((edge) => edge.coil === 0).map((edge) => edge.on)).toEqual([true, false]);
    const writes = requests.filter((frame) => frame[1] === 0x05);
    expect(writes.slice(-2)).toEqual([hex('01 05 00 00 FF 00 8C 3A'), hex('01 05 00 00 00 00 CD CA')]);
    expect(module.coils[0]).toBe(false);
    expect(states.items.map((state) => state.position).slice(-2)).toEqual(['open', 'closed']);
    expect(gate.state()).toEqual({ position: 'closed', beam: 'clear', fault: null });
  });

  it('reports the beam broken and clear again from discrete input 0 (FC 02)', async () => {
    const module = await plugModule();
    const gate = await startGate(board());
    await online(gate);
    const broken = nextEvent<GateEvents, 'data'>(gate, 'data', (state) => state.beam === 'broken');
    module.setInput(0, true);
    await broken;
    const clear = nextEvent<GateEvents, 'data'>(gate, 'data', (state) => state.beam === 'clear');
    module.setInput(0, false);
    await clear;
  });

  it('reads a normally-closed beam and a gate-open contact with the configured polarity', async () => {
    const module = await plugModule();
    module.setInput(0, true); // NC beam: closed circuit = clear
    const gate = await startGate(board(), { beam: { input: 0, activeWhen: 'off' }, openSense: { input: 1 } });
    await online(gate);
    await expect.poll(() => gate.state(), { timeout: 5000 }).toEqual({ position: 'closed', beam: 'clear', fault: null });
    const opened = nextEvent<GateEvents, 'data'>(gate, 'data', (state) => state.position === 'open');
    module.setInput(1, true);
    await opened;
    const broken = nextEvent<GateEvents, 'data'>(gate, 'data', (state) => state.beam === 'broken');
    module.setInput(0, false);
    await broken;
  });

  it('works when replies arrive in pieces behind line noise', async () => {
    const module = await plugModule({ fragmentReplies: true, seed: 7 });
    const gate = await startGate(board());
    await online(gate);
    module.noiseBeforeNextReply([0x00, 0xff, 0x01, 0x7e]);
    await gate.openGate();
    expect(module.edges.map((edge) => edge.on)).toEqual([true, false]);
  });

  it('sends a request again when the reply had a bad CRC or was lost', async () => {
    const module = await plugModule();
    const writes: Buffer[] = [];
    module.events.on('request', (frame) => {
      if (frame[1] === 0x05) writes.push(frame);
    });
    const gate = await startGate(board({ pollMs: 5000 }));
    await online(gate);
    await expect.poll(() => writes.length, { timeout: 5000 }).toBe(1); // the safe-state "off" on connect
    writes.length = 0;
    module.corruptNextReply(1, 0x05);
    module.dropNextReply(1, 0x05);
    await gate.openGate();
    // on: bad CRC, lost, answered; off: answered.
    expect(writes.map((frame) => frame.toString('hex'))).toEqual([
      '01050000ff008c3a',
      '01050000ff008c3a',
      '01050000ff008c3a',
      '010500000000cdca',
    ]);
  });

  it('reports a module that stops answering offline, and online again when it answers', async () => {
    const module = await plugModule();
    const gate = await startGate(board());
    await online(gate);
    const silent = nextEvent<GateEvents, 'status'>(gate, 'status', (status) => status.state === 'offline');
    module.deaf = true;
    expect((await silent)[0].detail).toMatch(/does not answer/);
    await expect(gate.openGate()).rejects.toThrow(/Exit gate: could not open: .*offline/);
    const back = nextEvent<GateEvents, 'status'>(gate, 'status', (status) => status.state === 'online');
    module.deaf = false;
    await back;
  });

  it('reports an exception reply clearly (the board is configured with more coils than the module has)', async () => {
    await plugModule({ coils: 4 });
    const gate = await startGate(board({ coils: 8 }));
    const [status] = await nextEvent<GateEvents, 'status'>(gate, 'status', (update) => update.state === 'error');
    expect(status.detail).toMatch(/read 8 coils at 0 refused: illegal data address \(exception 2\)/);
  });

  it('fails an open cut off by an unplug, reconnects, and forces the relay off on the new link', async () => {
    const module = await plugModule();
    const gate = await startGate(board({ timeoutMs: 2000, retries: 0 }));
    await online(gate);
    module.replyDelayMs = 1500; // the unplug lands while the request waits for its reply
    const asked = new Promise<void>((resolve) => module.events.once('request', () => resolve()));
    const opening = gate.openGate();
    const failed = expect(opening).rejects.toThrow(/could not open/);
    await asked;
    const offline = nextEvent<GateEvents, 'status'>(gate, 'status', (status) => status.state === 'offline');
    await module.close();
    await pair.kill();
    await failed;
    expect((await offline)[0].detail).toContain(pair.posPath);

    const fresh = new ModbusRelaySimulator({ path: pair.simPath, inputs: 8 });
    const requests: Buffer[] = [];
    fresh.events.on('request', (frame) => requests.push(frame));
    const back = nextEvent<GateEvents, 'status'>(gate, 'status', (status) => status.state === 'online');
    await pair.restart();
    await fresh.open();
    sim = fresh;
    await back;
    await expect.poll(() => requests.some((frame) => frame.equals(hex('01 05 00 00 00 00 CD CA'))), { timeout: 5000 }).toBe(true);
    await gate.openGate();
    expect(fresh.edges.map((edge) => edge.on)).toEqual([true, false]);
  });

  it('refuses to open while not enabled, and refuses an input the board does not have', async () => {
    await plugModule();
    const relays = board();
    const gate = new Gate({ name: 'Entry gate', board: relays, output: 0 });
    await expect(gate.openGate()).rejects.toThrow(/Entry gate: the gate is not enabled/);
    expect(() => new Gate({ name: 'x', board: board({ inputs: 0 }), output: 0, beam: { input: 0 } })).toThrow(/beam\.input: .* has 0 inputs/);
  });
});

describe('lane light on the same Modbus module as the gate', () => {
  it('shows green for open, red for closed, flashes green for help, and goes dark when released', async () => {
    const module = await plugModule();
    const relays = board();
    const gate = await startGate(relays);
    const light = new LaneLight({ name: 'Lane light', board: relays, green: 1, red: 2, flashMs: 100 });
    devices.push(light);
    await light.open();
    await light.claim();
    await light.enable();
    await online(light);
    await light.show('open');
    expect([module.coils[1], module.coils[2]]).toEqual([true, false]);
    await light.show('closed');
    expect([module.coils[1], module.coils[2]]).toEqual([false, true]);

    await light.show('help');
    const flashes: boolean[] = [];
    for (let k = 0; k < 3; k += 1) flashes.push((await nextEdge(module, (edge) => edge.coil === 1)).on);
    expect(flashes).toEqual([false, true, false]);
    expect(module.coils[2]).toBe(false);

    await gate.openGate(); // both devices share the one port
    await light.close();
    expect([module.coils[1], module.coils[2]]).toEqual([false, false]);
    expect(gate.status().state).toBe('online');
  });
});
