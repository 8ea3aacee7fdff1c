import type { z } from 'zod';
import { parseOptions } from '../options.ts';
import { serialConnector, type ByteChannel } from '../link/byte-channel.ts';
import { Reconnector } from '../link/reconnector.ts';
import { ModbusExceptionError, ModbusLinkError, ModbusMaster, ModbusTimeoutError } from './modbus-master.ts';
import { RelayBoard, type RelaySnapshot } from './relay-board.ts';
import { ModbusRelayOptionsSchema, type ModbusRelayOptions } from './relay-options.ts';

export type { ModbusRelayOptions } from './relay-options.ts';

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
