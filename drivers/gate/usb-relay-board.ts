import type { z } from 'zod';
import { closeHidQuietly, nodeHid, usbId as formatUsbId, type HidBackend, type HidConnection } from '../hid/hid-backend.ts';
import { parseOptions } from '../options.ts';
import { watchUsbIds } from '../link/hotplug.ts';
import { Reconnector, type Connector, type LinkProblem } from '../link/reconnector.ts';
import { errorCode } from '../link/serial-port.ts';
import { RelayBoard, RelayError, type RelaySnapshot } from './relay-board.ts';
import { UsbRelayOptionsSchema, type UsbRelayOptions } from './relay-options.ts';

export type { UsbRelayOptions } from './relay-options.ts';

// dcttech / V-USB "USBRelayN" boards (PROTOCOLS §4.1).
export const USB_RELAY_VENDOR_ID = 0x16c0;
export const USB_RELAY_PRODUCT_ID = 0x05df;
const RELAY_ON = 0xff;
const RELAY_OFF = 0xfd;
const STATE_REPORT = 0x01;

interface OpenBoard {
  readonly handle: HidConnection;
  readonly path: string;
  readonly id: string;
  readonly relays: number;
}

/** The board's state report: bytes 0–4 the board id, byte 7 one bit per relay (bit 0 = relay 1). */
export function readStateReport(report: Buffer): { id: string; bits: number } {
  // Some HID backends put the report id in front (PROTOCOLS §4.1): 9 bytes instead of 8.
  const bytes = report.length >= 9 ? report.subarray(1, 9) : report;
  if (bytes.length < 8) throw new RelayError(`relay board state report has ${bytes.length} bytes, expected 8`);
  return { id: bytes.subarray(0, 5).toString('latin1').replace(/\0+$/, ''), bits: bytes[7] ?? 0 };
}

class NoBoardError extends Error {}

/**
 * A USB HID relay board. It has relays only (no inputs); the poll that reads the relay states
 * back notices an unplug, and udev's plug events (where there are any) make it noticed at once.
 * The board is then looked for again with back-off, or at once when udev says it is back, by its
 * board id when one is configured.
 */
export class UsbRelayBoard extends RelayBoard {
  readonly #settings: z.output<typeof UsbRelayOptionsSchema>;
  readonly #link: Reconnector<OpenBoard>;

  constructor(options: UsbRelayOptions, hid: HidBackend = nodeHid) {
    const settings = parseOptions(UsbRelayOptionsSchema, options, 'USB relay options');
    const usbId = formatUsbId(settings.vendorId, settings.productId);
    super(`USB relay ${settings.boardId ?? settings.path ?? usbId}`, settings.pollMs);
    this.#settings = settings;
    this.#link = new Reconnector(this.#connector(hid, usbId), settings.reconnect, (link) => this.setLink(link));
  }

  /** The relays on the board: the digit of its product name once found, 8 until then. */
  get outputCount(): number {
    return this.#link.connection?.relays ?? 8;
  }

  get inputCount(): number {
    return 0;
  }

  protected override get reconnector(): Reconnector<OpenBoard> {
    return this.#link;
  }

  protected override async readState(): Promise<RelaySnapshot> {
    const board = this.#board();
    const { bits } = readStateReport(await board.handle.getFeatureReport(STATE_REPORT, 8));
    return { outputs: Array.from({ length: board.relays }, (_, relay) => ((bits >> relay) & 1) === 1), inputs: [] };
  }

  protected override async writeOutput(output: number, on: boolean): Promise<void> {
    const board = this.#board();
    const command = [0x00, on ? RELAY_ON : RELAY_OFF, output + 1, 0, 0, 0, 0, 0, 0];
    try {
      if (this.#settings.commandStyle === 'feature') await board.handle.sendFeatureReport(command);
      else await board.handle.write(command);
    } catch (error) {
      this.#link.drop(`relay ${output + 1} could not be switched: ${error instanceof Error ? error.message : String(error)}`);
      throw new RelayError(`${this.address}: relay ${output + 1} could not be switched ${on ? 'on' : 'off'} (board unplugged?)`);
    }
    const { bits } = readStateReport(await board.handle.getFeatureReport(STATE_REPORT, 8));
    if ((((bits >> output) & 1) === 1) !== on) {
      throw new RelayError(`${this.address}: relay ${output + 1} did not switch ${on ? 'on' : 'off'} (board reports 0x${bits.toString(16).padStart(2, '0')})`);
    }
  }

  protected override pollFailed(error: Error): void {
    this.#link.drop(`no state report: ${error.message}`);
  }

  #board(): OpenBoard {
    const board = this.#link.connection;
    if (!board) throw new RelayError(`${this.address} is not connected`);
    return board;
  }

  #connector(hid: HidBackend, usbId: string): Connector<OpenBoard> {
    const { boardId, path, vendorId, productId } = this.#settings;
    return {
      address: this.address,
      connect: async (lost) => {
        const candidates = (await hid.devices()).filter(
          (device) => device.vendorId === vendorId && device.productId === productId && device.path !== undefined && (path === undefined || device.path === path),
        );
        const seen: string[] = [];
        for (const device of candidates) {
          const relays = Number(/^USBRelay([1-8])$/.exec(device.product ?? '')?.[1] ?? 0);
          if (relays === 0 || device.path === undefined) continue;
          const handle = await hid.open(device.path);
          let id: string;
          try {
            id = readStateReport(await handle.getFeatureReport(STATE_REPORT, 8)).id;
          } catch (error) {
            await closeHidQuietly(handle);
            throw error;
          }
          if (boardId !== undefined && id !== boardId) {
            seen.push(id);
            await closeHidQuietly(handle);
            continue;
          }
          handle.on('error', (error) => lost(`HID error: ${error instanceof Error ? error.message : String(error)}`));
          return { handle, path: device.path, id, relays };
        }
        const others = seen.length > 0 ? ` (found boards ${seen.join(', ')})` : '';
        throw new NoBoardError(`no USBRelay board ${boardId ?? path ?? ''} on USB ${usbId}${others}`.replace(/  +/g, ' '));
      },
      disconnect: async (board) => {
        await closeHidQuietly(board.handle);
      },
      describeFailure: (error): LinkProblem => {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof NoBoardError) return { state: 'offline', detail: `${message} (unplugged?)` };
        if (errorCode(error) === 'EACCES' || /permission|cannot open device/i.test(message)) {
          return { state: 'error', detail: `${this.address}: cannot open the HID device (${message}); a udev rule for ${usbId} is needed` };
        }
        return { state: 'offline', detail: `${this.address}: ${message}` };
      },
      // udev's plug events of the board's USB ids; a test's fake bus has no kernel behind it.
      watchPlug: hid === nodeHid ? watchUsbIds(this.#settings.vendorId, this.#settings.productId) : undefined,
    };
  }
}
