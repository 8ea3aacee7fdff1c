import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { RoleSchema } from '../../common/api/contract.ts';
import { ModbusRelayOptionsSchema, UsbRelayOptionsSchema } from '../../drivers/gate/relay-options.ts';

const SerialScannerConfigSchema = z.object({
  kind: z.literal('scanner'),
  protocol: z.literal('serial'),
  name: z.string().min(1).default('Scanner'),
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  prefix: z.string().max(8).default(''),
  suffix: z.enum(['CR', 'CRLF', 'TAB', 'ETX']).default('CR'),
});

/** A USB vendor or product id: a number, or hex as lsusb and `npm run devices -- list` print it ("0c2e", "0x0c2e"). */
const UsbIdSchema = z.union(
  [
    z.number().int().min(0).max(0xffff),
    z
      .string()
      .regex(/^(0x)?[0-9a-fA-F]{4}$/)
      .transform((hex) => Number.parseInt(hex.replace(/^0x/, ''), 16)),
  ],
  { error: 'a USB id is 4 hex digits such as "0c2e", or a number up to 65535' },
);

const HidPosScannerConfigSchema = z
  .object({
    kind: z.literal('scanner'),
    protocol: z.literal('hid-pos'),
    name: z.string().min(1).default('Scanner'),
    vendorId: UsbIdSchema.optional(),
    productId: UsbIdSchema.optional(),
    /** Tells two scanners of the same model apart. */
    serialNumber: z.string().min(1).optional(),
    /** A hidraw path; vendorId/productId survives a replug to another port, a path may not. */
    path: z.string().min(1).optional(),
    /** The vendor's input report layout (Honeywell and Access-IS share one). */
    layout: z.enum(['honeywell', 'microscan']).default('honeywell'),
  })
  .refine((config) => config.path !== undefined || (config.vendorId !== undefined && config.productId !== undefined), {
    message: 'give vendorId and productId, or path',
    path: ['vendorId'],
  });

const SimulatedPaymentConfigSchema = z.object({
  kind: z.literal('payment'),
  protocol: z.literal('simulator'),
  name: z.string().min(1).default('Payment terminal (simulator)'),
  /** Total time the simulated shopper takes to present a card, in milliseconds. */
  delayMs: z.number().int().min(0).max(120_000).default(1500),
});

/** A serial scale; `role` says whether it prices items sold by weight or guards the bagging area. */
function scaleConfigSchema<P extends string>(protocol: P, line: { dataBits: 7 | 8; parity: 'none' | 'even' | 'odd' }, name: string) {
  return z.object({
    kind: z.literal('scale'),
    protocol: z.literal(protocol),
    name: z.string().min(1).default(name),
    path: z.string().min(1),
    role: z.enum(['pricing', 'bagging']).default('pricing'),
    baudRate: z.number().int().positive().default(9600),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(line.dataBits),
    parity: z.enum(['none', 'even', 'odd']).default(line.parity),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    /** Milliseconds between weight requests; each protocol's driver has its own default (toledo-8217 and magellan 50, mt-sics 75). */
    pollMs: z.number().int().min(20).max(10_000).optional(),
  });
}

/** Mettler Toledo 8217 (PROTOCOLS §2.1): 9600 7E1; `unit` is what the scale is set to weigh in. */
const Toledo8217ConfigSchema = scaleConfigSchema('toledo-8217', { dataBits: 7, parity: 'even' }, 'Scale').extend({
  unit: z.enum(['kg', 'lb']).default('kg'),
});
/** MT-SICS (PROTOCOLS §2.4): 9600 8N1. */
const MtSicsConfigSchema = scaleConfigSchema('mt-sics', { dataBits: 8, parity: 'none' }, 'Scale');
/** Magellan single-cable scanner-scale (PROTOCOLS §2.2): 9600 7O1; also the lane's scanner. */
const MagellanConfigSchema = scaleConfigSchema('magellan', { dataBits: 7, parity: 'odd' }, 'Scanner-scale').extend({
  /** `stx-etx` for the NCR variant (messages in STX … ETX); `cr` (messages ending in CR) otherwise. */
  framing: z.enum(['cr', 'stx-etx']).default('cr'),
});

const timeoutMs = z.number().int().positive().max(600_000).optional();

/** A card terminal speaking `stx-etx` (drivers/payment/stx-etx/PROTOCOL.md) on a serial port or TCP. */
const StxEtxPaymentConfigSchema = z
  .object({
    kind: z.literal('payment'),
    protocol: z.literal('stx-etx'),
    name: z.string().min(1).default('Payment terminal'),
    /** Serial device path (`/dev/serial/by-id/…`, a socat link); or give `tcp`. */
    path: z.string().min(1).optional(),
    /** `host:port` of a terminal on the network; or give `path`. */
    tcp: z
      .string()
      .regex(/^[^\s:]+:\d{1,5}$/, 'host:port, e.g. 192.168.1.50:10009')
      .refine((value) => Number(value.split(':')[1]) <= 65535, 'port must be at most 65535')
      .optional(),
    baudRate: z.number().int().positive().default(19200),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
    parity: z.enum(['none', 'even', 'odd']).default('none'),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    ackTimeoutMs: timeoutMs,
    replyTimeoutMs: timeoutMs,
    transactionTimeoutMs: timeoutMs,
    statusCheckMs: timeoutMs,
    recoveryTimeoutMs: timeoutMs,
    partialApproval: z.enum(['accept', 'reverse']).default('accept'),
  })
  .refine((config) => (config.path === undefined) !== (config.tcp === undefined), {
    message: 'give exactly one of path (serial) or tcp (host:port)',
    path: ['path'],
  });

/** Where a USB HID relay board is: its board id (several boards share one USB serial) or its HID path. */
const UsbRelayBoardFields = {
  protocol: z.literal('usb-relay'),
  ...UsbRelayOptionsSchema.pick({ boardId: true, path: true, vendorId: true, productId: true, commandStyle: true }).shape,
};

/** A Modbus RTU relay/IO module on a serial (RS-485) port: coils are its relays, discrete inputs its sensors. */
const ModbusBoardFields = {
  protocol: z.literal('modbus-rtu'),
  ...ModbusRelayOptionsSchema.pick({
    path: true,
    baudRate: true,
    parity: true,
    stopBits: true,
    slaveId: true,
    coils: true,
    inputs: true,
    timeoutMs: true,
    retries: true,
  }).shape,
};

const GateFields = {
  kind: z.literal('gate'),
  name: z.string().min(1).default('Gate'),
  /** How long the gate's open contact is closed (gates take 200–1000 ms). */
  pulseMs: z.number().int().min(50).max(5000).default(500),
};

const LightFields = {
  kind: z.literal('light'),
  name: z.string().min(1).default('Lane light'),
  flashMs: z.number().int().min(100).max(5000).default(500),
};

const SensorInput = z.object({ input: z.number().int().min(0).max(63), activeWhen: z.enum(['on', 'off']).default('on') });

const UsbRelayConfigSchema = z.discriminatedUnion('kind', [
  z.object({ ...UsbRelayBoardFields, ...GateFields, channel: z.number().int().min(1).max(8).default(1) }),
  z.object({ ...UsbRelayBoardFields, ...LightFields, greenChannel: z.number().int().min(1).max(8), redChannel: z.number().int().min(1).max(8).optional() }),
]);

const ModbusRtuConfigSchema = z.discriminatedUnion('kind', [
  z.object({ ...ModbusBoardFields, ...GateFields, coil: z.number().int().min(0).max(63).default(0), beam: SensorInput.optional(), openSense: SensorInput.optional() }),
  z.object({ ...ModbusBoardFields, ...LightFields, greenCoil: z.number().int().min(0).max(63), redCoil: z.number().int().min(0).max(63).optional() }),
]);

const EscPosPrinterConfigSchema = z
  .object({
    kind: z.literal('printer'),
    protocol: z.literal('escpos'),
    name: z.string().min(1).default('Receipt printer'),
    /** A serial (or USB virtual COM) port… */
    path: z.string().min(1).optional(),
    baudRate: z.number().int().positive().default(9600),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
    parity: z.enum(['none', 'even', 'odd']).default('none'),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    rtscts: z.boolean().default(false),
    /** …or a network printer's address and raw port. */
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).default(9100),
    columns: z.union([z.literal(32), z.literal(35), z.literal(42), z.literal(44), z.literal(48)]).default(42),
    codepage: z.string().min(1).default('cp858'),
    drawerPin: z.union([z.literal(2), z.literal(5)]).default(2),
    drawerOpenWhen: z.enum(['high', 'low']).default('high'),
  })
  .refine((printer) => (printer.path === undefined) !== (printer.host === undefined), {
    path: ['path'],
    message: 'give either path (serial) or host (TCP), not both',
  });

export const DeviceConfigSchema = z.discriminatedUnion('protocol', [
  SerialScannerConfigSchema,
  HidPosScannerConfigSchema,
  SimulatedPaymentConfigSchema,
  StxEtxPaymentConfigSchema,
  Toledo8217ConfigSchema,
  MtSicsConfigSchema,
  MagellanConfigSchema,
  UsbRelayConfigSchema,
  ModbusRtuConfigSchema,
  EscPosPrinterConfigSchema,
]);
export type DeviceConfig = z.infer<typeof DeviceConfigSchema>;

const LaneIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'letters, digits and - (at most 16)');

/** Another terminal of the store, by the lane id it answers as and the address of its peer API. */
export const StorePeerSchema = z.object({
  lane: LaneIdSchema,
  url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// address such as http://10.0.0.21:7401' }),
});
export type StorePeer = z.infer<typeof StorePeerSchema>;

/** The shared secret of the store's terminals: long enough that it cannot be guessed offline. */
const StoreKeySchema = z.string().min(32, 'the store key must be at least 32 characters (e.g. openssl rand -hex 32)').max(256);

const StoreFileSchema = z
  .object({
    /** Better set through TERMINAL_STORE_KEY than written into the file. */
    key: StoreKeySchema,
    /** Where this terminal's peer API listens; give the lane's store-network address to reach it from other lanes. */
    listen: z.object({ host: z.string().min(1), port: z.number().int().min(0).max(65535) }).partial(),
    peers: z.array(StorePeerSchema).max(64),
  })
  .partial()
  .strict();

/** The store network: this terminal's peer API and the other terminals it watches (main/store/). */
export interface StoreNetworkConfig {
  readonly key: string;
  readonly listen: { readonly host: string; readonly port: number };
  readonly peers: readonly StorePeer[];
}
const EntryConfigSchema = z.object({
  storeId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, '1–64 letters, digits and . _ : -'),
  secret: z.string().min(32, 'at least 32 characters (e.g. 16 random bytes as hex)'),
});
export type EntryConfig = z.infer<typeof EntryConfigSchema>;

/** The terminal's configuration file (`terminal.json` in the data folder); every field optional. */
export const ConfigFileSchema = z
  .object({
    role: RoleSchema,
    laneId: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'letters, digits and - (at most 16)'),
    storeFile: z.string().min(1),
    operatorsFile: z.string().min(1),
    promotionsFile: z.string().min(1),
    http: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(0).max(65535),
        /** Who may ask GET /health: this machine only (default) or the store network too. */
        health: z.enum(['local', 'network']),
      })
      .partial(),
    kiosk: z.boolean(),
    devices: z.array(DeviceConfigSchema),
    noReceiptReturnDays: z.number().int().min(1).max(365),
    store: StoreFileSchema,
    /** The store's app entry key (gates): shared with the app backend that mints entry codes. */
    entry: EntryConfigSchema,
    /** Scan with the screen's camera: on by default at a gate (app QR codes), off at lanes. */
    camera: z.boolean(),
  })
  .partial()
  .strict();

export interface TerminalConfig {
  readonly role: z.infer<typeof RoleSchema>;
  readonly laneId: string;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly storeFile: string;
  /** Operators loaded into the ledger on first start (PINs and badges are stored only hashed). */
  readonly operatorsFile: string;
  /** Promotions and coupons; null when the store runs none. */
  readonly promotionsFile: string | null;
  readonly http: { readonly host: string; readonly port: number; readonly health?: 'local' | 'network' };
  readonly kiosk: boolean;
  readonly devices: readonly DeviceConfig[];
  /** How many days back a return without a receipt looks for the lowest price paid; 30 when absent. */
  readonly noReceiptReturnDays?: number;
  /** Absent when no store key is set: the terminal then works alone, with no peer API. */
  readonly store?: StoreNetworkConfig;
  /** The store's app entry key; absent or null when the gate takes receipts only. */
  readonly entry?: EntryConfig | null;
  /** Whether the renderer scans with the camera (default: at a gate yes, at lanes no). */
  readonly camera?: boolean;
  /**
   * Development only: the control socket of the simulators `npm start` runs (TERMINAL_SIM_CONTROL),
   * which turns the on-screen simulator panel on. Never read from terminal.json, and dropped by an
   * installed (packaged) app.
   */
  readonly simulatorControl?: string | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}


/** The platform's per-user data folder for an installed terminal. */
export function platformDataDir(appName = 'lane-terminal'): string {
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), appName);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', appName);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), appName);
}

function readConfigFile(file: string): z.infer<typeof ConfigFileSchema> {
  if (!fs.existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = ConfigFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: ${(issue?.path ?? []).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function parseEnv<T>(name: string, value: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ConfigError(`${name}="${value}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/**
 * Resolves the configuration: environment variables win over `terminal.json` in the data
 * folder, which wins over the defaults. `defaultDataDir` is the platform folder when installed
 * and `./.terminal-data` when run from a checkout.
 */
export function loadConfig(options: { env?: NodeJS.ProcessEnv; appRoot?: string; defaultDataDir?: string } = {}): TerminalConfig {
  const env = options.env ?? process.env;
  // The app's own files: the checkout when run from source, the app folder when installed.
  const appRoot = options.appRoot ?? path.resolve(import.meta.dirname, '..', '..');
  const defaultDataDir = options.defaultDataDir ?? path.join(appRoot, '.terminal-data');
  const dataDir = path.resolve(env.TERMINAL_DATA_DIR || defaultDataDir);
  const file = readConfigFile(path.join(dataDir, 'terminal.json'));
  const role = parseEnv('TERMINAL_ROLE', env.TERMINAL_ROLE, RoleSchema) ?? file.role ?? 'self-checkout';
  const port = parseEnv('TERMINAL_HTTP_PORT', env.TERMINAL_HTTP_PORT, z.coerce.number().int().min(0).max(65535));
  const laneId =
    parseEnv('TERMINAL_LANE_ID', env.TERMINAL_LANE_ID, z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'letters, digits and - (at most 16)')) ??
    file.laneId ??
    'L01';
  const storeFile = path.resolve(env.TERMINAL_STORE_FILE || file.storeFile || path.join(appRoot, 'data', 'demo-store.json'));
  // The demo promotions name demo items, so they come with the demo store only.
  const demoStore = storeFile === path.resolve(appRoot, 'data', 'demo-store.json');
  const promotionsSetting = env.TERMINAL_PROMOTIONS_FILE || file.promotionsFile;
  const promotionsFile = promotionsSetting ? path.resolve(promotionsSetting) : demoStore ? path.join(appRoot, 'data', 'demo-promotions.json') : null;
  const devices = env.TERMINAL_DEVICES ? parseDevicesEnv(env.TERMINAL_DEVICES) : (file.devices ?? defaultDevices());
  const entry = entryConfig(env.TERMINAL_STORE_ID || file.entry?.storeId, env.TERMINAL_ENTRY_SECRET || file.entry?.secret);
  const camera = parseEnv('TERMINAL_CAMERA', env.TERMINAL_CAMERA, z.enum(['0', '1']).transform((flag) => flag === '1')) ?? file.camera;
  return {
    role,
    laneId,
    dataDir,
    databaseFile: path.join(dataDir, 'ledger.sqlite'),
    storeFile,
    operatorsFile: path.resolve(env.TERMINAL_OPERATORS_FILE || file.operatorsFile || path.join(appRoot, 'data', 'demo-operators.json')),
    promotionsFile,
    http: {
      host: env.TERMINAL_HTTP_HOST || file.http?.host || '127.0.0.1',
      port: port ?? file.http?.port ?? 5170,
      health: parseEnv('TERMINAL_HTTP_HEALTH', env.TERMINAL_HTTP_HEALTH, z.enum(['local', 'network'])) ?? file.http?.health ?? 'local',
    },
    kiosk: env.TERMINAL_KIOSK === '1' || (file.kiosk ?? false),
    devices,
    noReceiptReturnDays: parseEnv('TERMINAL_NO_RECEIPT_RETURN_DAYS', env.TERMINAL_NO_RECEIPT_RETURN_DAYS, z.coerce.number().int().min(1).max(365)) ?? file.noReceiptReturnDays ?? 30,
    ...storeNetwork(env, file.store),
    entry,
    ...(camera === undefined ? {} : { camera }),
    simulatorControl: env.TERMINAL_SIM_CONTROL ? path.resolve(env.TERMINAL_SIM_CONTROL) : null,
  };
}

/** The store network from TERMINAL_STORE_KEY / _PEERS / TERMINAL_PEER_HOST / _PORT, or the file's `store`. */
function storeNetwork(env: NodeJS.ProcessEnv, file: z.infer<typeof StoreFileSchema> | undefined): { store?: StoreNetworkConfig } {
  // A secret: a refusal names what is wrong with it, never the value.
  const envKey = env.TERMINAL_STORE_KEY ? StoreKeySchema.safeParse(env.TERMINAL_STORE_KEY) : null;
  if (envKey && !envKey.success) throw new ConfigError(`TERMINAL_STORE_KEY: ${envKey.error.issues[0]?.message ?? 'invalid'}`);
  const key = envKey?.data ?? file?.key;
  const peers = env.TERMINAL_STORE_PEERS ? parseJsonEnv('TERMINAL_STORE_PEERS', env.TERMINAL_STORE_PEERS, z.array(StorePeerSchema).max(64)) : (file?.peers ?? []);
  if (key === undefined) {
    if (peers.length > 0) throw new ConfigError('store.peers are configured but there is no store key: set TERMINAL_STORE_KEY (or store.key)');
    return {};
  }
  const port = parseEnv('TERMINAL_PEER_PORT', env.TERMINAL_PEER_PORT, z.coerce.number().int().min(0).max(65535));
  return {
    store: {
      key,
      listen: { host: env.TERMINAL_PEER_HOST || file?.listen?.host || '127.0.0.1', port: port ?? file?.listen?.port ?? 7401 },
      peers,
    },
  };
}

function parseJsonEnv<T>(name: string, value: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    throw new ConfigError(`${name}: not valid JSON`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${name}: ${(issue?.path ?? []).join('.')}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The entry key from the environment or the file; the secret is never echoed in an error. */
function entryConfig(storeId: string | undefined, secret: string | undefined): EntryConfig | null {
  if (storeId === undefined && secret === undefined) return null;
  const parsed = EntryConfigSchema.safeParse({ storeId, secret });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`entry (TERMINAL_STORE_ID / TERMINAL_ENTRY_SECRET): ${(issue?.path ?? []).join('.')}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function defaultDevices(): DeviceConfig[] {
  return [DeviceConfigSchema.parse({ kind: 'payment', protocol: 'simulator' })];
}

function parseDevicesEnv(value: string): DeviceConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    throw new ConfigError('TERMINAL_DEVICES: not valid JSON (expected an array of device objects)');
  }
  const parsed = z.array(DeviceConfigSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`TERMINAL_DEVICES: ${(issue?.path ?? []).join('.')}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
