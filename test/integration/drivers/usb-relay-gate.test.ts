import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceEvents } from '../../../drivers/device.ts';
import { Gate, type GateState } from '../../../drivers/gate/gate.ts';
import { readStateReport, UsbRelayBoard, type UsbRelayOptions } from '../../../drivers/gate/usb-relay-board.ts';
import { LaneLight } from '../../../drivers/light/lane-light.ts';
import { fakeHidBus, FakeUsbRelayBoard } from '../../../drivers/sim/usb-relay-sim.ts';
import { nextEvent } from '../../support/events.ts';

type GateEvents = DeviceEvents<GateState>;

// node-hid cannot be fed a virtual device here (no /dev/uhid, PROTOCOLS §6): the driver runs
// against a fake HIDAsync board written from PROTOCOLS §4.1.

const devices: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const device of devices.splice(0)) await device.close();
});

function relayBoard(boards: FakeUsbRelayBoard[], options: UsbRelayOptions = {}): UsbRelayBoard {
  return new UsbRelayBoard({ pollMs: 50, reconnect: { initialMs: 20, maxMs: 100 }, ...options }, fakeHidBus(boards));
}

async function startGate(board: UsbRelayBoard, output = 0): Promise<Gate> {
  const gate = new Gate({ name: 'Exit gate', board, output, pulseMs: 60 });
  devices.push(gate);
  await gate.open();
  await gate.claim();
  await gate.enable();
  return gate;
}

const feature = (code: number, relay: number): { via: string; bytes: number[] } => ({ via: 'feature', bytes: [0x00, code, relay, 0, 0, 0, 0, 0, 0] });

describe('gate on a USB HID relay board (USBRelayN)', () => {
  it('pulses relay 1 with the ON and OFF feature reports, and reads the state back', async () => {
    const fake = new FakeUsbRelayBoard({ relays: 2 });
    const gate = await startGate(relayBoard([fake]));
    expect(gate.status()).toMatchObject({ state: 'online', detail: expect.stringContaining('USB relay') });
    await expect.poll(() => fake.commands.length, { timeout: 5000 }).toBeGreaterThan(0); // the safe-state OFF on connect
    expect(fake.commands[0]).toEqual(feature(0xfd, 1));
    fake.commands.length = 0;
    await gate.openGate();
    expect(fake.commands).toEqual([feature(0xff, 1), feature(0xfd, 1)]);
    expect(fake.edges.map(({ relay, on }) => ({ relay, on }))).toEqual([
      { relay: 1, on: true },
      { relay: 1, on: false },
    ]);
    expect(gate.state()).toEqual({ position: 'closed', beam: 'not-wired', fault: null });
  });

  it('sends output reports instead when configured like usbrelay does', async () => {
    const fake = new FakeUsbRelayBoard({ relays: 4 });
    const gate = await startGate(relayBoard([fake], { commandStyle: 'write' }), 2);
    await gate.openGate();
    expect(fake.commands.slice(-2)).toEqual([
      { via: 'write', bytes: [0x00, 0xff, 3, 0, 0, 0, 0, 0, 0] },
      { via: 'write', bytes: [0x00, 0xfd, 3, 0, 0, 0, 0, 0, 0] },
    ]);
  });

  it('picks its board by the board id when several share the USB serial string', async () => {
    const other = new FakeUsbRelayBoard({ boardId: 'AAAAA' });
    const mine = new FakeUsbRelayBoard({ boardId: 'GATE2' });
    const gate = await startGate(relayBoard([other, mine], { boardId: 'GATE2' }));
    await gate.openGate();
    expect(mine.edges).toHaveLength(2);
    expect(other.edges).toHaveLength(0);
    expect(other.info.serialNumber).toBe(mine.info.serialNumber);
  });

  it('says which boards it found when the configured one is missing, and keeps looking', async () => {
    const other = new FakeUsbRelayBoard({ boardId: 'AAAAA' });
    const gate = await startGate(relayBoard([other], { boardId: 'GATE2' }));
    expect(gate.status()).toMatchObject({ state: 'offline' });
    expect(gate.status().detail).toMatch(/no USBRelay board GATE2 on USB 16c0:05df \(found boards AAAAA\).*reconnecting/);
  });

  it('reads state reports with or without the report id in front', async () => {
    const fake = new FakeUsbRelayBoard({ reportIdInReply: true, boardId: 'BX7Q1' });
    fake.relays[1] = true;
    expect(readStateReport(fake.stateReport(1, 8))).toEqual({ id: 'BX7Q1', bits: 0b10 });
    const gate = await startGate(relayBoard([fake]));
    await gate.openGate();
    expect(fake.edges.filter((edge) => edge.relay === 1).map((edge) => edge.on)).toEqual([true, false]);
  });

  it('fails an open whose relay does not switch, reporting the board state', async () => {
    const fake = new FakeUsbRelayBoard();
    fake.stuck.add(1);
    const gate = await startGate(relayBoard([fake]));
    await expect(gate.openGate()).rejects.toThrow(/Exit gate: could not open: USB relay .*relay 1 did not switch on \(board reports 0x00\)/);
  });

  it('reports a relay that stays on after the pulse as a fault', async () => {
    const fake = new FakeUsbRelayBoard();
    const gate = await startGate(relayBoard([fake]));
    const faulty = nextEvent<GateEvents, 'status'>(gate, 'status', (status) => status.state === 'error');
    // The contact welds as it closes: relay 1 switches on and then ignores the OFF.
    const command = fake.command.bind(fake);
    fake.command = (via, bytes) => {
      const written = command(via, bytes);
      if (bytes[1] === 0xff) fake.stuck.add(1);
      return written;
    };
    const opening = gate.openGate();
    await expect(opening).rejects.toThrow(/relay output 0 may still be on: .*did not switch off/);
    expect((await faulty)[0].detail).toMatch(/may still be on/);
    expect(gate.state().fault).toMatch(/may still be on/);
  });

  it('notices an unplugged board from its poll and finds it again when it is back', async () => {
    const fake = new FakeUsbRelayBoard();
    const gate = await startGate(relayBoard([fake]));
    const offline = nextEvent<GateEvents, 'status'>(gate, 'status', (status) => status.state === 'offline');
    fake.unplug();
    expect((await offline)[0].detail).toMatch(/disconnected/);
    await expect(gate.openGate()).rejects.toThrow(/could not open/);
    const online = nextEvent<GateEvents, 'status'>(gate, 'status', (status) => status.state === 'online');
    fake.replug();
    await online;
    await gate.openGate();
    expect(fake.edges.map((edge) => edge.on)).toEqual([true, false]);
  });

  it('drives the lane light on a second relay of the same board', async () => {
    const fake = new FakeUsbRelayBoard({ relays: 2 });
    const board = relayBoard([fake]);
    await startGate(board);
    const light = new LaneLight({ name: 'Lane light', board, green: 1 });
    devices.push(light);
    await light.open();
    await light.claim();
    await light.enable();
    await light.show('open');
    expect(fake.relays).toEqual([false, true]);
    await light.show('closed');
    expect(fake.relays).toEqual([false, false]);
    expect(fake.commands.slice(-1)).toEqual([feature(0xfd, 2)]);
  });
});
