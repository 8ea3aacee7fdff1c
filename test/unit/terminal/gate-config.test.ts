import { describe, expect, it } from 'vitest';
import { ConfigFileSchema, loadConfig } from '../../../main/terminal/config.ts';
import { cameraScanning } from '../../../main/terminal/gate-setup.ts';

const SECRET = 'harbor-street-entry-secret-0123456789abcdef';
const env = (values: Record<string, string>): NodeJS.ProcessEnv => ({ TERMINAL_DATA_DIR: '/nonexistent-terminal-data', ...values });

describe('a gate’s entry key and the camera in the configuration', () => {
  it('takes the store id and entry secret from the environment', () => {
    expect(loadConfig({ env: env({ TERMINAL_ROLE: 'gate', TERMINAL_STORE_ID: 'harbor-street', TERMINAL_ENTRY_SECRET: SECRET }) }).entry).toEqual({ storeId: 'harbor-street', secret: SECRET });
    expect(loadConfig({ env: env({}) }).entry).toBeNull();
  });

  it('refuses a short or missing secret, naming the field and never echoing the secret', () => {
    let message = '';
    try {
      loadConfig({ env: env({ TERMINAL_STORE_ID: 'harbor-street', TERMINAL_ENTRY_SECRET: 'hunter2-short' }) });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/entry .*secret: at least 32 characters/);
    expect(message).not.toContain('hunter2');
    expect(() => loadConfig({ env: env({ TERMINAL_STORE_ID: 'harbor-street' }) })).toThrow(/secret/);
    expect(() => loadConfig({ env: env({ TERMINAL_ENTRY_SECRET: SECRET }) })).toThrow(/storeId/);
  });

  it('turns the camera on or off with TERMINAL_CAMERA, and leaves it to the role otherwise', () => {
    expect(loadConfig({ env: env({ TERMINAL_CAMERA: '1' }) }).camera).toBe(true);
    expect(loadConfig({ env: env({ TERMINAL_ROLE: 'gate', TERMINAL_CAMERA: '0' }) }).camera).toBe(false);
    expect(loadConfig({ env: env({}) }).camera).toBeUndefined();
    expect(() => loadConfig({ env: env({ TERMINAL_CAMERA: 'yes' }) })).toThrow(/TERMINAL_CAMERA/);
  });

  it('accepts entry and camera in terminal.json', () => {
    expect(ConfigFileSchema.parse({ camera: true, entry: { storeId: 'harbor-street', secret: SECRET } })).toEqual({ camera: true, entry: { storeId: 'harbor-street', secret: SECRET } });
    expect(ConfigFileSchema.safeParse({ entry: { storeId: 'harbor street', secret: SECRET } }).success).toBe(false);
  });

  it('scans QR codes and receipts with the camera at a gate by default, and retail codes at a lane only when turned on', () => {
    expect(cameraScanning({ role: 'gate' })).toEqual({ mode: 'gate' });
    expect(cameraScanning({ role: 'gate', camera: false })).toBeNull();
    expect(cameraScanning({ role: 'self-checkout' })).toBeNull();
    expect(cameraScanning({ role: 'self-checkout', camera: true })).toEqual({ mode: 'retail' });
    expect(cameraScanning({ role: 'associate', camera: true })).toEqual({ mode: 'retail' });
  });
});
