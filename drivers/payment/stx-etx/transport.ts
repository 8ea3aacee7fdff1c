import { serialConnector, tcpConnector, type ByteChannel } from '../../link/byte-channel.ts';
import type { Connector } from '../../link/reconnector.ts';

/**
 * A byte pipe to the terminal, serial or TCP. `connect` opens it; afterwards `onLost` fires at
 * most once, when the pipe is gone (close, error, unplug). A transport is used for one
 * connection: reconnecting makes a new one.
 */
export interface Transport {
  /** Where the terminal is, for status details: a device path or host:port. */
  readonly where: string;
  connect(onData: (chunk: Buffer) => void, onLost: (reason: string) => void): Promise<void>;
  write(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

export type TransportSettings =
  | {
      readonly kind: 'serial';
      readonly path: string;
      readonly baudRate: number;
      readonly dataBits: 7 | 8;
      readonly parity: 'none' | 'even' | 'odd';
      readonly stopBits: 1 | 2;
      /** How often the device path is checked: a pulled pty does not signal on reads (PROTOCOLS §6). */
      readonly presenceCheckMs: number;
    }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number; readonly connectTimeoutMs: number };

export function createTransport(settings: TransportSettings): Transport {
  switch (settings.kind) {
    case 'serial':
      return new ChannelTransport(settings.path, (onData) => serialConnector(settings, onData));
    case 'tcp':
      return new ChannelTransport(`${settings.host}:${settings.port}`, (onData) => tcpConnector({ ...settings, device: 'terminal' }, onData));
    default: {
      const unreachable: never = settings;
      throw new Error(`unknown transport ${JSON.stringify(unreachable)}`);
    }
  }
}

/** One connection over the shared serial or TCP connector; the payment driver does its own reconnecting. */
class ChannelTransport implements Transport {
  readonly where: string;
  readonly #connectorFor: (onData: (chunk: Buffer) => void) => Connector<ByteChannel>;
  #connector: Connector<ByteChannel> | null = null;
  #channel: ByteChannel | null = null;
  #lost: ((reason: string) => void) | null = null;

  constructor(where: string, connectorFor: (onData: (chunk: Buffer) => void) => Connector<ByteChannel>) {
    this.where = where;
    this.#connectorFor = connectorFor;
  }

  async connect(onData: (chunk: Buffer) => void, onLost: (reason: string) => void): Promise<void> {
    const connector = this.#connectorFor(onData);
    let channel: ByteChannel;
    try {
      channel = await connector.connect((reason) => this.#gone(reason));
    } catch (error) {
      throw new Error(connector.describeFailure(error).detail, { cause: error });
    }
    this.#connector = connector;
    this.#channel = channel;
    this.#lost = onLost;
  }

  async write(bytes: Buffer): Promise<void> {
    const channel = this.#channel;
    if (!channel) throw new Error(`not connected to ${this.where}`);
    try {
      await channel.write(bytes);
    } catch (error) {
      this.#gone(`write failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#lost = null;
    const channel = this.#channel;
    this.#channel = null;
    if (channel) await this.#connector?.disconnect(channel);
  }

  #gone(reason: string): void {
    const lost = this.#lost;
    this.#lost = null;
    const channel = this.#channel;
    this.#channel = null;
    if (channel) void this.#connector?.disconnect(channel);
    lost?.(reason);
  }
}
