import { z } from 'zod';
import { DeviceStatusSchema, RoleSchema, type DeviceStatus } from './api/contract.ts';

/**
 * What a device status detail ends with while its driver's reconnector waits to try again
 * (drivers/link/reconnector.ts writes it); the UI and the health endpoint read it back.
 */
export const RECONNECTING_SUFFIX = '; reconnecting';

/** How a device's link stands, for people: up, being retried, given up (needs someone), or switched off. */
export const DeviceConnectionSchema = z.enum(['connected', 'reconnecting', 'failed', 'off']);
export type DeviceConnection = z.infer<typeof DeviceConnectionSchema>;

/** The connection a device status stands for. An offline or faulty device its driver is not retrying has failed. */
export function deviceConnection(status: Pick<DeviceStatus, 'state' | 'detail'>): DeviceConnection {
  switch (status.state) {
    case 'online':
      return 'connected';
    case 'off':
      return 'off';
    case 'offline':
    case 'error':
      return status.detail.endsWith(RECONNECTING_SUFFIX) ? 'reconnecting' : 'failed';
    default: {
      const unreachable: never = status.state;
      throw new Error(`unknown device state ${String(unreachable)}`);
    }
  }
}

const Timestamp = z.iso.datetime();

export const DeviceHealthSchema = DeviceStatusSchema.extend({
  /** The protocol name of the lane config (`toledo-8217`, `stx-etx`, `simulator`…). */
  protocol: z.string().min(1),
  connection: DeviceConnectionSchema,
  /** When the device entered its current connection state. */
  since: Timestamp,
  /** The last problem it reported (an error event, or the detail of going offline), with when; null if none yet. */
  lastError: z.object({ message: z.string(), at: Timestamp }).nullable(),
});
export type DeviceHealth = z.infer<typeof DeviceHealthSchema>;

export const LedgerHealthSchema = z.object({
  /** `failed`: the ledger file cannot be read (closed, locked, corrupt, disk gone); nothing can be sold. */
  state: z.enum(['open', 'failed']),
  /** Sequence number of the last completed sale in the journal; null before the first sale or when failed. */
  lastSaleSeq: z.number().int().positive().nullable(),
  /** Outbox entries not yet acknowledged by HQ; null when failed. */
  outboxBacklog: z.number().int().nonnegative().nullable(),
  error: z.string().nullable(),
});
export type LedgerHealth = z.infer<typeof LedgerHealthSchema>;

/**
 * `GET /health` of the browser host. `canSell` decides the HTTP status (200 or 503); `status` is
 * `ok` with every device connected, `degraded` when the lane sells with something missing, `down`
 * when it cannot sell; `problems` says why in words.
 */
export const TerminalHealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  canSell: z.boolean(),
  problems: z.array(z.string()),
  role: RoleSchema,
  laneId: z.string(),
  version: z.string(),
  checkedAt: Timestamp,
  ledger: LedgerHealthSchema,
  devices: z.array(DeviceHealthSchema),
});
export type TerminalHealth = z.infer<typeof TerminalHealthSchema>;
