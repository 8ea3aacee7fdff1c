import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../main/terminal/config.ts';

const load = (devices: unknown) => loadConfig({ env: { TERMINAL_DEVICES: JSON.stringify(devices), TERMINAL_DATA_DIR: '/nonexistent-terminal-data' } });

describe('stx-etx payment terminal configuration', () => {
  it('takes a terminal on TCP with defaults for the rest', () => {
    expect(load([{ kind: 'payment', protocol: 'stx-etx', tcp: '192.168.1.50:10009' }]).devices).toEqual([
      { kind: 'payment', protocol: 'stx-etx', name: 'Payment terminal', tcp: '192.168.1.50:10009', baudRate: 19200, dataBits: 8, parity: 'none', stopBits: 1, partialApproval: 'accept' },
    ]);
  });

  it('takes a serial terminal with its line settings and timeouts', () => {
    const [device] = load([{ kind: 'payment', protocol: 'stx-etx', path: '/dev/serial/by-id/usb-terminal', baudRate: 9600, parity: 'even', dataBits: 7, ackTimeoutMs: 1500, partialApproval: 'reverse' }]).devices;
    expect(device).toMatchObject({ path: '/dev/serial/by-id/usb-terminal', baudRate: 9600, parity: 'even', dataBits: 7, ackTimeoutMs: 1500, partialApproval: 'reverse' });
  });

  it.each([
    [{ kind: 'payment', protocol: 'stx-etx' }, /TERMINAL_DEVICES: 0\.path: give exactly one of path \(serial\) or tcp \(host:port\)/],
    [{ kind: 'payment', protocol: 'stx-etx', path: '/dev/ttyS0', tcp: '10.0.0.1:9' }, /give exactly one of path/],
    [{ kind: 'payment', protocol: 'stx-etx', tcp: '10.0.0.1' }, /0\.tcp: host:port/],
    [{ kind: 'payment', protocol: 'stx-etx', tcp: '10.0.0.1:70000' }, /0\.tcp: port must be at most 65535/],
    [{ kind: 'payment', protocol: 'stx-etx', tcp: '10.0.0.1:9', ackTimeoutMs: 0 }, /0\.ackTimeoutMs/],
  ])('refuses %j naming the field', (device, message) => {
    expect(() => load([device])).toThrow(ConfigError);
    expect(() => load([device])).toThrow(message);
  });
});
