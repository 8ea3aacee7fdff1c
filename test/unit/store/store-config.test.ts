import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/terminal/config.ts';

const KEY = 'config-store-key-0123456789abcdef0123456789';
const env = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ TERMINAL_DATA_DIR: '/nonexistent-terminal-data', ...vars });

describe('the store network in the terminal configuration', () => {
  it('is absent without a store key: the terminal works alone', () => {
    expect(loadConfig({ env: env({}) }).store).toBeUndefined();
  });

  it('takes the key, the peers and the listening address from the environment', () => {
    const config = loadConfig({
      env: env({ TERMINAL_STORE_KEY: KEY, TERMINAL_STORE_PEERS: JSON.stringify([{ lane: 'SCO-1', url: 'http://10.0.0.21:7401' }]), TERMINAL_PEER_PORT: '7411' }),
    });
    expect(config.store).toEqual({ key: KEY, listen: { host: '127.0.0.1', port: 7411 }, peers: [{ lane: 'SCO-1', url: 'http://10.0.0.21:7401' }] });
  });

  it('reads store from terminal.json, the environment winning for the key', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-config-'));
    try {
      const store = { key: 'file-store-key-0123456789abcdef0123456789ab', listen: { host: '10.0.0.5', port: 7402 }, peers: [{ lane: 'SCO-2', url: 'https://10.0.0.22:7401' }] };
      fs.writeFileSync(path.join(dataDir, 'terminal.json'), JSON.stringify({ store }));
      expect(loadConfig({ env: { TERMINAL_DATA_DIR: dataDir } }).store).toEqual(store);
      expect(loadConfig({ env: { TERMINAL_DATA_DIR: dataDir, TERMINAL_STORE_KEY: KEY } }).store?.key).toBe(KEY);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a short key, peers without a key and a peer that is not an http address, naming what is wrong', () => {
    expect(() => loadConfig({ env: env({ TERMINAL_STORE_KEY: 'short-secret' }) })).toThrow(/TERMINAL_STORE_KEY.*at least 32 characters/);
    // The refusal never repeats the secret.
    expect(() => loadConfig({ env: env({ TERMINAL_STORE_KEY: 'short-secret' }) })).not.toThrow(/short-secret/);
    expect(() => loadConfig({ env: env({ TERMINAL_STORE_PEERS: JSON.stringify([{ lane: 'SCO-1', url: 'http://10.0.0.21:7401' }]) }) })).toThrow(/no store key/);
    expect(() => loadConfig({ env: env({ TERMINAL_STORE_KEY: KEY, TERMINAL_STORE_PEERS: JSON.stringify([{ lane: 'SCO-1', url: 'ftp://10.0.0.21' }]) }) })).toThrow(
      /TERMINAL_STORE_PEERS: 0\.url/,
    );
    expect(() => loadConfig({ env: env({ TERMINAL_STORE_KEY: KEY, TERMINAL_STORE_PEERS: '[{' }) })).toThrow(/TERMINAL_STORE_PEERS: not valid JSON/);
  });
});
