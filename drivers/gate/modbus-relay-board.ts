import { z } from 'zod';
import { parseOptions } from '../options.ts';
import { serialConnector, type ByteChannel } from '../link/byte-channel.ts';
import { Reconnector } from '../link/reconnector.ts';
import { ModbusExceptionError, ModbusLinkError, ModbusMaster, ModbusTimeoutError } from './modbus-master.ts';
import { RelayBoard, type RelaySnapshot } from './relay-board.ts';

export const ModbusRelayOptionsSchema = z.object({
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  slaveId: z.number().int().min(1).max(247).default(1),
  /** Coils (relay outputs) from address 0. */
  coils: z.number().int().min(1).max(64).default(8),
  /** Discrete inputs (beam sensors, door contacts) from address 0; 0 when none are wired. */
  inputs: z.number().int().min(0).max(64).default(0),
  timeoutMs: z.number().int().positive().default(250),
  retries: z.number().int().min(0).max(5).default(2),
  pollMs: z.number().int().positive().default(250),
  presenceCheckMs: z.number().int().positive().default(500),
  reconnect: z
    .object({ initialMs: z.number().int().positive().default(250), maxMs: z.number().int().positive().default(5000) })
    .prefault({}),
});

export type ModbusRelayOptions = z.input<typeof ModbusRelayOptionsSchema>;

/**
 * A Modbus RTU relay/IO module on RS-485 (PROTOCOLS §4.2): coils are the relays (FC 05 to switch,
 * FC 01 to read back), discrete inputs carry the sensors (FC 02). A lost port is reopened with
 * back-off; a slave that stops answering on an open port is reported offline until it answers.
 */
export class ModbusRelayBoard extends RelayBoard {
  readonly #settings: z.output<typeof ModbusRelayOptionsSchema>;
  readonly #master: ModbusMaster;
  readonly #link: Reconnector<ByteChannel>;

  constructor(options: ModbusRelayOptions) {
    const settings = parseOptions(ModbusRelayOptionsSchema, options, 'Modbus relay options');
    super(`${settings.path} (Modbus slave ${settings.slaveId})`, settings.pollMs);
    this.#settings = settings;
    const connector = serialConnector({ ...settings, dataBits: 8 }, (chunk) => this.#master.receive(chunk));
    this.#link = new Reconnector(connector, settings.reconnect, (link) => {
      if (link.state !== 'online') this.#master.linkLost(link.detail);
      this.setLink(link);
    });
    this.#master = new ModbusMaster({
      slaveId: settings.slaveId,
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
      send: async (frame) => {
        const channel = this.#link.connection;
        if (!channel) throw new ModbusLinkError(`${settings.path} is not open`);
        await channel.write(frame);
      },
    });
  }

  get outputCount(): number {
    return this.#settings.coils;
  }

  get inputCount(): number {
    return this.#settings.inputs;
  }

  protected override get reconnector(): Reconnector<ByteChannel> {
    return this.#link;
  }

  protected override async readState(): Promise<RelaySnapshot> {
    const outputs = await this.#master.readCoils(0, this.#settings.coils);
    const inputs = this.#settings.inputs > 0 ? await this.#master.readDiscreteInputs(0, this.#settings.inputs) : [];
    this.#answering();
    return { outputs, inputs };
  }

  protected override async writeOutput(output: number, on: boolean): Promise<void> {
    try {
      await this.#master.writeCoil(output, on);
    } catch (error) {
      this.pollFailed(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    this.#answering();
  }

  protected override pollFailed(error: Error): void {
    if (!this.connected) return; // the reconnector reports a lost port itself
    if (error instanceof ModbusTimeoutError) {
      this.setLink({ state: 'offline', detail: `${this.address} does not answer (powered off, wrong slave id or wiring?)` });
    } else if (error instanceof ModbusExceptionError) {
      this.setLink({ state: 'error', detail: `${this.address}: ${error.message} (check the coil and input counts)` });
    } else if (error instanceof ModbusLinkError && /EIO|not open|closed/i.test(error.message)) {
      // A write on a pulled pty fails with EIO before the port reports anything (PROTOCOLS §6).
      this.#link.drop(error.message);
    }
  }

  /** A reply came: the slave is there again after a spell of time-outs. */
  #answering(): void {
    if (this.connected && this.link().state !== 'online') this.setLink({ state: 'online', detail: `ready on ${this.address}` });
  }
}
