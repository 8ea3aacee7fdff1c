import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { RoleSchema } from '../../common/api/contract.ts';

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

const SimulatedPaymentConfigSchema = z.object({
  kind: z.literal('payment'),
  protocol: z.literal('simulator'),
  name: z.string().min(1).default('Payment terminal (simulator)'),
  /** Total time the simulated shopper takes to present a card, in milliseconds. */
  delayMs: z.number().int().min(0).max(120_000).default(1500),
});

export const DeviceConfigSchema = z.discriminatedUnion('protocol', [SerialScannerConfigSchema, SimulatedPaymentConfigSchema]);
export type DeviceConfig = z.infer<typeof DeviceConfigSchema>;

/** The terminal's configuration file (`terminal.json` in the data folder); every field optional. */
export const ConfigFileSchema = z
  .object({
    role: RoleSchema,
    laneId: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'letters, digits and - (at most 16)'),
    storeFile: z.string().min(1),
    promotionsFile: z.string().min(1),
    http: z.object({ host: z.string().min(1), port: z.number().int().min(0).max(65535) }).partial(),
    kiosk: z.boolean(),
    devices: z.array(DeviceConfigSchema),
  })
  .partial()
  .strict();

export interface TerminalConfig {
  readonly role: z.infer<typeof RoleSchema>;
  readonly laneId: string;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly storeFile: string;
  /** Promotions and coupons; null when the store runs none. */
  readonly promotionsFile: string | null;
  readonly http: { readonly host: string; readonly port: number };
  readonly kiosk: boolean;
  readonly devices: readonly DeviceConfig[];
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
  return {
    role,
    laneId,
    dataDir,
    databaseFile: path.join(dataDir, 'ledger.sqlite'),
    storeFile,
    promotionsFile,
    http: { host: env.TERMINAL_HTTP_HOST || file.http?.host || '127.0.0.1', port: port ?? file.http?.port ?? 5170 },
    kiosk: env.TERMINAL_KIOSK === '1' || (file.kiosk ?? false),
    devices,
  };
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
