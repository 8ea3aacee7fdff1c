import path from 'node:path';
import { DeviceConfigSchema, type TerminalConfig } from '../../main/terminal/config.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * A terminal configuration for an in-process test: the demo store and operators, no promotions,
 * a random loopback port, and the given devices (raw config entries, validated as the config file's are).
 */
export function demoTerminalConfig(options: {
  readonly dataDir: string;
  readonly role: TerminalConfig['role'];
  readonly laneId: string;
  readonly devices: readonly unknown[];
}): TerminalConfig {
  return {
    role: options.role,
    laneId: options.laneId,
    dataDir: options.dataDir,
    databaseFile: path.join(options.dataDir, 'ledger.sqlite'),
    storeFile: path.join(root, 'data', 'demo-store.json'),
    operatorsFile: path.join(root, 'data', 'demo-operators.json'),
    promotionsFile: null,
    http: { host: '127.0.0.1', port: 0 },
    kiosk: false,
    devices: options.devices.map((device) => DeviceConfigSchema.parse(device)),
  };
}
