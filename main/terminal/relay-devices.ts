import { Gate } from '../../drivers/gate/gate.ts';
import { ModbusRelayBoard } from '../../drivers/gate/modbus-relay-board.ts';
import type { RelayBoard } from '../../drivers/gate/relay-board.ts';
import { UsbRelayBoard } from '../../drivers/gate/usb-relay-board.ts';
import { LaneLight } from '../../drivers/light/lane-light.ts';
import type { DeviceConfig } from './config.ts';

// The gate and the lane light, built from their config entries. Loaded by devices.ts only for a
// lane that has them, so other lanes start without the relay drivers.

export type RelayConfig = Extract<DeviceConfig, { protocol: 'usb-relay' | 'modbus-rtu' }>;

function isRelayConfig(config: DeviceConfig): config is RelayConfig {
  return config.protocol === 'usb-relay' || config.protocol === 'modbus-rtu';
}

/** Which physical board a config entry means; a gate and a lane light may share one. */
function boardKey(config: RelayConfig): string {
  if (config.protocol === 'modbus-rtu') return `modbus:${config.path}:${config.slaveId}`;
  return `usb:${config.vendorId}:${config.productId}:${config.boardId ?? ''}:${config.path ?? ''}`;
}

/** The inputs a gate entry reads (beam, gate-open contact), so the board polls enough of them. */
function inputsNeeded(config: RelayConfig): number {
  if (config.protocol !== 'modbus-rtu') return 0;
  const sensed = config.kind === 'gate' ? [config.beam?.input, config.openSense?.input].filter((input) => input !== undefined) : [];
  return Math.max(config.inputs, ...sensed.map((input) => input + 1));
}

/**
 * The relay boards a lane's configuration names, one instance per physical board, so the gate
 * and the lane light on the same module share its port (a serial port opens only once).
 */
export function relayBoards(configs: readonly DeviceConfig[]): (config: RelayConfig) => RelayBoard {
  const relays = configs.filter(isRelayConfig);
  const boards = new Map<string, RelayBoard>();
  return (config) => {
    const key = boardKey(config);
    const existing = boards.get(key);
    if (existing) return existing;
    const sharing = relays.filter((other) => boardKey(other) === key);
    let board: RelayBoard;
    if (config.protocol === 'modbus-rtu') {
      const { path, baudRate, parity, stopBits, slaveId, timeoutMs, retries } = config;
      const coils = Math.max(...sharing.map((other) => (other.protocol === 'modbus-rtu' ? other.coils : 0)));
      const inputs = Math.max(...sharing.map(inputsNeeded));
      board = new ModbusRelayBoard({ path, baudRate, parity, stopBits, slaveId, timeoutMs, retries, coils, inputs });
    } else {
      const { boardId, path, vendorId, productId, commandStyle } = config;
      board = new UsbRelayBoard({ boardId, path, vendorId, productId, commandStyle });
    }
    boards.set(key, board);
    return board;
  };
}

/** The gate an entry declares; outputs are numbered from 0 (a USB board's channel 1 is output 0). */
export function gateFrom(config: Extract<RelayConfig, { kind: 'gate' }>, board: RelayBoard): Gate {
  const common = { name: config.name, board, pulseMs: config.pulseMs };
  return config.protocol === 'usb-relay'
    ? new Gate({ ...common, output: config.channel - 1 })
    : new Gate({ ...common, output: config.coil, beam: config.beam, openSense: config.openSense });
}

export function lightFrom(config: Extract<RelayConfig, { kind: 'light' }>, board: RelayBoard): LaneLight {
  const [green, red] =
    config.protocol === 'usb-relay'
      ? [config.greenChannel - 1, config.redChannel === undefined ? undefined : config.redChannel - 1]
      : [config.greenCoil, config.redCoil];
  return new LaneLight({ name: config.name, board, green, red, flashMs: config.flashMs });
}
