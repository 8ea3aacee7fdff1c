import { stat } from 'node:fs/promises';
import net from 'node:net';
import { SerialPort } from 'serialport';

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
      return new SerialTransport(settings);
    case 'tcp':
      return new TcpTransport(settings);
    default: {
      const unreachable: never = settings;
      throw new Error(`unknown transport ${JSON.stringify(unreachable)}`);
    }
  }
}

class SerialTransport implements Transport {
  readonly where: string;
  readonly #settings: Extract<TransportSettings, { kind: 'serial' }>;
  #port: SerialPort | null = null;
  #presence: NodeJS.Timeout | null = null;
  #lost: ((reason: string) => void) | null = null;

  constructor(settings: Extract<TransportSettings, { kind: 'serial' }>) {
    this.#settings = settings;
    this.where = settings.path;
  }

  async connect(onData: (chunk: Buffer) => void, onLost: (reason: string) => void): Promise<void> {
    const { path, baudRate, dataBits, parity, stopBits, presenceCheckMs } = this.#settings;
    const port = new SerialPort({ path, baudRate, dataBits, parity, stopBits, autoOpen: false, lock: true });
    port.on('error', (error: Error) => this.#gone(`port error: ${error.message}`));
    port.on('close', () => this.#gone('port closed'));
    port.on('data', onData);
    try {
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      throw new Error(describeOpenError(path, error), { cause: error });
    }
    this.#port = port;
    this.#lost = onLost;
    const device = await deviceNumber(path);
    this.#presence = setInterval(() => {
      void stat(path).then(
        (now) => {
          if (device !== null && now.rdev !== device) this.#gone('device path now leads to another device (replugged)');
        },
        () => this.#gone('device path is gone'),
      );
    }, presenceCheckMs);
  }

  write(bytes: Buffer): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) return Promise.reject(new Error(`${this.where} is not open`));
    return new Promise<void>((resolve, reject) => {
      port.write(bytes, (error) => {
        if (error) {
          this.#gone(`write failed: ${error.message}`);
          reject(error);
        } else resolve();
      });
    });
  }

  async close(): Promise<void> {
    this.#lost = null;
    this.#stopPresence();
    const port = this.#port;
    this.#port = null;
    if (port) await closePort(port);
  }

  #gone(reason: string): void {
    const lost = this.#lost;
    this.#lost = null;
    this.#stopPresence();
    if (!lost) return;
    const port = this.#port;
    this.#port = null;
    if (port) void closePort(port);
    lost(reason);
  }

  #stopPresence(): void {
    if (this.#presence) clearInterval(this.#presence);
    this.#presence = null;
  }
}

class TcpTransport implements Transport {
  readonly where: string;
  readonly #settings: Extract<TransportSettings, { kind: 'tcp' }>;
  #socket: net.Socket | null = null;
  #lost: ((reason: string) => void) | null = null;

  constructor(settings: Extract<TransportSettings, { kind: 'tcp' }>) {
    this.#settings = settings;
    this.where = `${settings.host}:${settings.port}`;
  }

  async connect(onData: (chunk: Buffer) => void, onLost: (reason: string) => void): Promise<void> {
    const { host, port, connectTimeoutMs } = this.#settings;
    const socket = net.connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer from ${this.where} within ${connectTimeoutMs} ms`));
      }, connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new Error(error.code === 'ECONNREFUSED' ? `${this.where} refused the connection (terminal off or not listening?)` : `cannot connect to ${this.where}: ${error.message}`));
      });
    });
    socket.removeAllListeners('error');
    socket.setNoDelay(true);
    // A terminal that loses power sends no FIN; keep-alive finds the dead peer eventually, reply time-outs sooner.
    socket.setKeepAlive(true, 5000);
    socket.on('data', onData);
    socket.on('error', (error: Error) => this.#gone(`connection error: ${error.message}`));
    socket.on('close', () => this.#gone('connection closed by the terminal'));
    this.#socket = socket;
    this.#lost = onLost;
  }

  write(bytes: Buffer): Promise<void> {
    const socket = this.#socket;
    if (!socket || socket.destroyed) return Promise.reject(new Error(`not connected to ${this.where}`));
    return new Promise<void>((resolve, reject) => {
      socket.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    this.#lost = null;
    const socket = this.#socket;
    this.#socket = null;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  #gone(reason: string): void {
    const lost = this.#lost;
    this.#lost = null;
    this.#socket?.destroy();
    this.#socket = null;
    lost?.(reason);
  }
}

async function deviceNumber(path: string): Promise<number | null> {
  try {
    return (await stat(path)).rdev;
  } catch {
    return null;
  }
}

function describeOpenError(path: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/no such file/i.test(message)) return `${path} not found (unplugged?)`;
  if (/permission denied/i.test(message)) return `no permission to open ${path} (is the user in the dialout group?)`;
  if (/lock|busy/i.test(message)) return `${path} is in use by another program`;
  return `cannot open ${path}: ${message}`;
}

/** Closes a port whatever its state; bounded, because a port whose device vanished may never answer. */
function closePort(port: SerialPort): Promise<void> {
  port.removeAllListeners('data');
  if (!port.isOpen) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    try {
      port.close(() => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
