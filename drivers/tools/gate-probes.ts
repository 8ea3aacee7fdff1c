import { Gate, type GateState } from '../gate/gate.ts';
import { ModbusRelayBoard } from '../gate/modbus-relay-board.ts';
import type { RelayBoard, RelaySnapshot } from '../gate/relay-board.ts';
import { USB_RELAY_PRODUCT_ID, USB_RELAY_VENDOR_ID, UsbRelayBoard } from '../gate/usb-relay-board.ts';
import { hex4, nodeHid } from '../hid/hid-backend.ts';
import { aborted, defineProbe, hidPort, messageOf, online, oneOf, ProbeUsageError, serialLine, wholeNumber, type Print, type ProbeFlags, type Probing } from './probe-kit.ts';

// Gate probes: the gate's position and beam as the lane's Gate sees them, and every change of
// the board's relays and inputs (to find which input a beam is wired to). The gate is opened
// only with --pulse, once, after the board first comes online.

const gateLine = (state: GateState) => ({ event: 'gate', position: state.position, beam: state.beam, fault: state.fault });

const pulseSwitch = {
  pulse: 'OPENS THE GATE once (one timed pulse of its relay) after the board comes online; without it the probe only watches',
} as const;

const gateFlags = {
  'pulse-ms': 'how long the --pulse closes the open contact, 50–5000 ms (default 500)',
} as const;

/** The gate on `output` of `board`, with the pulse and the board's relay and input changes driven by the probe. */
function gateProbing(board: RelayBoard, output: number, flags: ProbeFlags, beam: { input: number; activeWhen: 'on' | 'off' } | undefined, lookFirst?: (print: Print) => Promise<void>): Probing<GateState> {
  const gate = new Gate({ name: 'probe', board, output, beam, pulseMs: wholeNumber(flags, 'pulse-ms', 50, 5000) });
  return {
    device: gate,
    async drive(print, signal) {
      const relays = (snapshot: RelaySnapshot): void => print({ event: 'relays', outputs: snapshot.outputs, inputs: snapshot.inputs });
      const unsubscribe = board.onSnapshot(relays);
      try {
        await lookFirst?.(print);
        if (flags.pulse === 'yes' && (await online(gate, signal))) {
          print({ event: 'pulse', output, detail: `opening the gate: relay output ${output} closes for one pulse` });
          try {
            await gate.openGate();
            print({ event: 'pulsed', output });
          } catch (error) {
            print({ event: 'error', message: messageOf(error) });
          }
        }
        await aborted(signal);
      } finally {
        unsubscribe();
      }
    },
  };
}

/** --beam and --beam-active: the input the passage beam is wired to, from 0. */
function beamInput(flags: ProbeFlags, inputs: number): { input: number; activeWhen: 'on' | 'off' } | undefined {
  const input = wholeNumber(flags, 'beam', 0, 63);
  if (input === undefined) {
    if (flags['beam-active'] !== undefined) throw new ProbeUsageError('--beam-active needs --beam (the input the beam sensor is wired to)');
    return undefined;
  }
  if (input >= inputs) throw new ProbeUsageError(`--beam ${input} is beyond the board's ${inputs} inputs (--inputs)`);
  const activeWhen = flags['beam-active'] === undefined ? 'on' : oneOf('beam-active', flags['beam-active'], ['on', 'off'] as const);
  return { input, activeWhen };
}

export const modbusRtuGateProbe = defineProbe<GateState>({
  kind: 'gate',
  protocol: 'modbus-rtu',
  flags: {
    baud: 'bits per second (default 9600)',
    parity: 'none, even or odd',
    'stop-bits': '1 or 2',
    'slave-id': 'the module\'s Modbus address, 1–247 (default 1)',
    coils: 'relay outputs on the module (default 8)',
    inputs: 'discrete inputs on the module (default: none, or up to --beam)',
    coil: 'the relay (from 0) wired to the gate\'s open contact (default 0)',
    beam: 'the input (from 0) the passage beam sensor is wired to',
    'beam-active': 'the input level meaning "broken": on (default) or off (a normally closed sensor)',
    ...gateFlags,
  },
  switches: pulseSwitch,
  create(port, flags) {
    const coils = wholeNumber(flags, 'coils', 1, 64) ?? 8;
    const beamAt = wholeNumber(flags, 'beam', 0, 63);
    const inputs = wholeNumber(flags, 'inputs', 0, 64) ?? (beamAt === undefined ? 0 : beamAt + 1);
    const coil = wholeNumber(flags, 'coil', 0, 63) ?? 0;
    if (coil >= coils) throw new ProbeUsageError(`--coil ${coil} is beyond the module's ${coils} coils (--coils)`);
    const beam = beamInput(flags, inputs);
    const board = new ModbusRelayBoard({ path: port, ...serialLine(flags), slaveId: wholeNumber(flags, 'slave-id', 1, 247), coils, inputs });
    return gateProbing(board, coil, flags, beam);
  },
  report: gateLine,
});

export const usbRelayGateProbe = defineProbe<GateState>({
  kind: 'gate',
  protocol: 'usb-relay',
  flags: {
    'board-id': 'the 5-character id of one board among several',
    channel: 'the relay (1–8, as printed on the board) wired to the gate\'s open contact (default 1)',
    'command-style': 'feature (default, the vendor tool) or write (usbrelay)',
    ...gateFlags,
  },
  switches: pulseSwitch,
  create(port, flags) {
    const where = hidPort(port);
    const channel = wholeNumber(flags, 'channel', 1, 8) ?? 1;
    const boardId = flags['board-id'];
    if (boardId !== undefined && !/^[\x20-\x7e]{1,5}$/.test(boardId)) throw new ProbeUsageError(`--board-id is the board's id of 1 to 5 printable ASCII characters (such as QAAMZ), got "${boardId}"`);
    const commandStyle = flags['command-style'] === undefined ? undefined : oneOf('command-style', flags['command-style'], ['feature', 'write'] as const);
    const board = new UsbRelayBoard({ ...where, boardId, commandStyle });
    const usbId = 'path' in where ? where.path : `${hex4(where.vendorId)}:${hex4(where.productId)}`;
    // The board only says "not found" in its status; a technician is told plainly, once, at the start.
    const lookFirst = async (print: Print): Promise<void> => {
      let found: boolean;
      try {
        const devices = await nodeHid.devices();
        found = devices.some((device) =>
          'path' in where ? device.path === where.path : device.vendorId === where.vendorId && device.productId === where.productId,
        );
      } catch (error) {
        print({ event: 'error', message: `cannot list USB HID devices: ${messageOf(error)}` });
        return;
      }
      if (!found) {
        const usual = `${hex4(USB_RELAY_VENDOR_ID)}:${hex4(USB_RELAY_PRODUCT_ID)}`;
        print({
          event: 'error',
          message: `no USB relay board found at ${usbId} (boards are USB ${usual}, "USBRelay1"…"USBRelay8"): check the cable and the udev rule for its /dev/hidraw node; still looking`,
        });
      }
    };
    return gateProbing(board, channel - 1, flags, undefined, lookFirst);
  },
  report: gateLine,
});

