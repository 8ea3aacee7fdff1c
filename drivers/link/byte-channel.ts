import net from 'node:net';
import { SerialPort } from 'serialport';
import { watchPortPath } from './hotplug.ts';
import type { Connector, LinkProblem } from './reconnector.ts';
import { closeQuietly, describeOpenError, deviceNumber, errorCode } from './serial-port.ts';

/** An open byte stream to a device, whatever carries it (serial port, TCP socket). */
export interface ByteChannel {
  /** Resolves once the bytes are handed to the OS; rejects when the device is gone. */
  write(bytes: Uint8Array): Promise<void>;
}

export interface SerialSettings {
  readonly path: string;
  readonly baudRate: number;
  readonly dataBits: 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
  /** RTS/CTS hardware flow control (serial printers raise "busy" when their buffer fills). */
  readonly rtscts?: boolean;
  /** How often the path is checked while open (a killed pty does not signal on reads, PROTOCOLS §6). */
  readonly presenceCheckMs: number;
  /** React to the port path appearing and disappearing (udev, inotify) as well as polling; default on. */
  readonly hotplug?: boolean;
}

interface SerialConnection extends ByteChannel {
  readonly port: SerialPort;
  readonly presence: NodeJS.Timeout;
}

/** A serial port (RS-232, RS-485 adapter, USB-CDC) that delivers what it reads to `onData`. */
export function serialConnector(settings: SerialSettings, onData: (chunk: Buffer) => void): Connector<ByteChannel> {
  const { path, baudRate, dataBits, parity, stopBits } = settings;
  const rtscts = settings.rtscts ?? false;
  return {
    address: path,
    async connect(lost) {
      const port = new SerialPort({ path, baudRate, dataBits, parity, stopBits, rtscts, autoOpen: false, lock: true });
      port.on('error', (error: Error) => lost(`port error: ${error.message}`));
      port.on('close', () => lost('port closed'));
      port.on('data', onData);
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
      const device = await deviceNumber(path);
      // The path must keep leading to the device that was opened; a fast replug gives a new one.
      const presence = setInterval(() => {
        deviceNumber(path, true).then(
          (now) => {
            if (device !== null && now !== device) lost('device path now leads to another device (replugged)');
          },
          (error: unknown) => {
            if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') lost('device path is gone');
          },
        );
      }, settings.presenceCheckMs);
      const connection: SerialConnection = {
        port,
        presence,
        write: (bytes) =>
          new Promise<void>((resolve, reject) => {
            if (!port.isOpen) return reject(new Error(`${path} is not open`));
            port.write(Buffer.from(bytes), (error) => {
              if (error) return reject(error);
              port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
            });
          }),
      };
      return connection;
    },
    async disconnect(connection) {
      const { port, presence } = connection as SerialConnection;
      clearInterval(presence);
      port.removeAllListeners('close');
      await closeQuietly(port);
    },
    describeFailure: (error) => describeOpenError(path, error),
    watchPlug: settings.hotplug === false ? undefined : watchPortPath(path),
  };
}

export interface TcpSettings {
  readonly host: string;
  readonly port: number;
  readonly connectTimeoutMs: number;
  /** What listens there, for the hint when it refuses: "printer", "terminal". */
  readonly device: string;
}

interface TcpConnection extends ByteChannel {
  readonly socket: net.Socket;
}

/** A raw TCP stream (a network printer's port 9100, a card terminal's port) that delivers what it reads to `onData`. */
export function tcpConnector(settings: TcpSettings, onData: (chunk: Buffer) => void): Connector<ByteChannel> {
  const address = `${settings.host}:${settings.port}`;
  return {
    address,
    connect: (lost) =>
      new Promise<ByteChannel>((resolve, reject) => {
        const socket = net.connect({ host: settings.host, port: settings.port });
        const timer = setTimeout(() => socket.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })), settings.connectTimeoutMs);
        socket.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        socket.once('connect', () => {
          clearTimeout(timer);
          socket.removeAllListeners('error');
          socket.setNoDelay(true);
          socket.setKeepAlive(true, 5000);
          socket.on('error', (error) => lost(`socket error: ${error.message}`));
          socket.on('close', () => lost('connection closed'));
          socket.on('data', onData);
          const connection: TcpConnection = {
            socket,
            write: (bytes) =>
              new Promise<void>((done, fail) => {
                if (socket.destroyed || !socket.writable) return fail(new Error(`connection to ${address} is closed`));
                socket.write(Buffer.from(bytes), (error) => (error ? fail(error) : done()));
              }),
          };
          resolve(connection);
        });
      }),
    async disconnect(connection) {
      const { socket } = connection as TcpConnection;
      socket.removeAllListeners('close');
      socket.removeAllListeners('data');
      socket.on('error', () => undefined);
      socket.destroy();
    },
    describeFailure: (error) => describeSocketError(address, settings.device, error),
  };
}

function describeSocketError(address: string, device: string, error: unknown): LinkProblem {
  const message = error instanceof Error ? error.message : String(error);
  switch (errorCode(error)) {
    case 'ECONNREFUSED':
      return { state: 'offline', detail: `${address} refused the connection (${device} off or port closed?)` };
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { state: 'offline', detail: `${address} does not answer (${message})` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { state: 'error', detail: `${address}: unknown host` };
    default:
      return { state: 'offline', detail: `cannot connect to ${address}: ${message}` };
  }
}
