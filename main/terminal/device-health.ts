import type { DeviceStatus } from '../../common/api/contract.ts';
import { deviceConnection, type DeviceConnection, type DeviceHealth } from '../../common/health.ts';

/** What the health log needs of a device: its status now, and its status and error events. */
export interface WatchedDevice {
  status(): DeviceStatus;
  on(event: 'status', listener: (status: DeviceStatus) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

interface Entry {
  readonly device: WatchedDevice;
  readonly protocol: string;
  connection: DeviceConnection;
  since: string;
  lastError: { message: string; at: string } | null;
}

/**
 * Keeps, for each of the lane's devices, since when it has been in its connection state and the
 * last problem it reported: what a technician asks first ("since when is the scale down, and why?").
 */
export class DeviceHealthLog {
  readonly #now: () => Date;
  readonly #entries: Entry[] = [];

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  watch(device: WatchedDevice, protocol: string): void {
    const status = device.status();
    const entry: Entry = { device, protocol, connection: deviceConnection(status), since: this.#now().toISOString(), lastError: null };
    this.#noteProblem(entry, status);
    this.#entries.push(entry);
    device.on('status', (next) => {
      const connection = deviceConnection(next);
      if (connection !== entry.connection) {
        entry.connection = connection;
        entry.since = this.#now().toISOString();
      }
      this.#noteProblem(entry, next);
    });
    device.on('error', (error) => {
      entry.lastError = { message: error.message, at: this.#now().toISOString() };
    });
  }

  snapshot(): DeviceHealth[] {
    return this.#entries.map(({ device, protocol, since, lastError }) => {
      const status = device.status();
      return { ...status, protocol, connection: deviceConnection(status), since, lastError };
    });
  }

  #noteProblem(entry: Entry, status: DeviceStatus): void {
    if (status.state === 'offline' || status.state === 'error') entry.lastError = { message: status.detail, at: this.#now().toISOString() };
  }
}
