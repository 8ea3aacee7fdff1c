import { z } from 'zod';

// The options of the relay boards, apart from the drivers so the lane configuration can use
// them without loading serial or HID code.

const reconnect = z
  .object({ initialMs: z.number().int().positive().default(250), maxMs: z.number().int().positive().default(5000) })
  .prefault({});

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
  reconnect,
});

export type ModbusRelayOptions = z.input<typeof ModbusRelayOptionsSchema>;

/** A dcttech / V-USB "USBRelayN" board (PROTOCOLS §4.1): VID 0x16C0, PID 0x05DF. */
export const UsbRelayOptionsSchema = z.object({
  /** The 5-character id in the board's feature report, to pick one board among several. */
  boardId: z.string().regex(/^[\x20-\x7e]{1,5}$/, '1 to 5 printable ASCII characters').optional(),
  /** A HID path (`/dev/hidraw3`), when the board must be this one. */
  path: z.string().min(1).optional(),
  vendorId: z.number().int().min(0).max(0xffff).default(0x16c0),
  productId: z.number().int().min(0).max(0xffff).default(0x05df),
  /** How commands are sent: as feature reports (the vendor tool) or as output reports (usbrelay). */
  commandStyle: z.enum(['feature', 'write']).default('feature'),
  pollMs: z.number().int().positive().default(250),
  reconnect,
});

export type UsbRelayOptions = z.input<typeof UsbRelayOptionsSchema>;
