import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { SerialScannerSimulator } from '../../../drivers/sim/serial-scanner-sim.ts';
import { startCli, type CliProcess } from '../../support/cli-process.ts';

// `npm run devices` as a technician runs it: a child process printing JSON lines.

const cli = path.resolve(import.meta.dirname, '../../../drivers/tools/devices-cli.ts');
let child: CliProcess | null;
let pair: PtyPair | null;
let simulator: SerialScannerSimulator | null;

beforeEach(() => {
  child = null;
  pair = null;
  simulator = null;
});

afterEach(async () => {
  await child?.kill();
  await simulator?.close();
  await pair?.dispose();
});

function start(args: string[]): CliProcess {
  child = startCli(cli, args);
  return child;
}

describe('npm run devices -- list', () => {
  it('prints one JSON object per serial port and HID device (or nothing), each with a kind guess', async () => {
    const run = start(['list']);
    const { code, stderr } = await run.exited;
    expect(code, stderr).toBe(0);
    for (const line of run.lines) {
      expect(['serial', 'hid']).toContain(line.bus);
      expect(line).toHaveProperty('path');
      expect(line).toHaveProperty('kind');
      expect(line).toHaveProperty('protocol');
    }
  });
});

describe('npm run devices -- probe', () => {
  it('opens a serial scanner with the lane driver and prints each label with its symbology until SIGTERM', async () => {
    pair = await PtyPair.open();
    const probe = start(['probe', '--kind', 'scanner', '--protocol', 'serial', '--port', pair.posPath, '--baud', '9600', '--suffix', 'CR']);
    expect(await probe.next('probing')).toEqual({ event: 'probing', kind: 'scanner', protocol: 'serial', port: pair.posPath });
    let status = await probe.next('status');
    while (status.state !== 'online') status = await probe.next('status');
    expect(status.detail).toBe(`ready on ${pair.posPath}`);

    simulator = new SerialScannerSimulator({ path: pair.simPath, byteTimeMs: 0, aimIds: true });
    await simulator.open();
    await simulator.scan('036000291452');
    expect(await probe.next('scan')).toEqual({ event: 'scan', code: '036000291452', symbology: 'upc-a', aim: ']E0' });
    await simulator.noise(']E04006381333932\r'); // a bad check digit is shown, not hidden
    expect((await probe.next('error')).message).toMatch(/check digit/);
    await simulator.scan('LANE-7');
    expect(await probe.next('scan')).toEqual({ event: 'scan', code: 'LANE-7', symbology: 'code-128', aim: ']C0' });

    probe.process.kill('SIGTERM');
    await probe.next('closed');
    expect((await probe.exited).code).toBe(0);
  });

  it('looks for a HID POS scanner given as vid:pid, says it is not there, and ends cleanly on SIGTERM', async () => {
    const probe = start(['probe', '--kind', 'scanner', '--protocol', 'hid-pos', '--port', 'fffe:fffd']);
    let status = await probe.next('status');
    while (status.state !== 'offline') status = await probe.next('status');
    expect(status.detail).toBe('HID POS scanner fffe:fffd not found (unplugged?); reconnecting');
    probe.process.kill('SIGTERM');
    await probe.next('closed');
    expect((await probe.exited).code).toBe(0);
  });

  it.each([
    [[], /name a command: list or probe/],
    [['scan'], /unknown command "scan"/],
    [['list', '--all'], /list takes no arguments/],
    [['probe', '--protocol', 'serial', '--port', '/dev/ttyS0'], /--kind is required/],
    [['probe', '--kind', 'till', '--protocol', 'serial', '--port', '/dev/ttyS0'], /--kind must be one of scanner, scale, payment, gate, printer, got "till"/],
    [['probe', '--kind', 'scanner', '--port', '/dev/ttyS0'], /--protocol is required/],
    [['probe', '--kind', 'scanner', '--protocol', 'serial'], /--port is required/],
    [['probe', '--kind', 'scale', '--protocol', 'cas-pd', '--port', '/dev/ttyS0'], /no probe for scale protocol "cas-pd"; scale protocols this build can probe: toledo-8217, mt-sics, magellan \(all probes: scanner serial, scanner hid-pos, scale toledo-8217/],
    [['probe', '--kind', 'scanner', '--protocol', 'usb', '--port', '/dev/ttyS0'], /no probe for scanner protocol "usb"; scanner protocols this build can probe: serial, hid-pos/],
    [['probe', '--kind', 'scanner', '--protocol', 'serial', '--port', '/dev/ttyS0', '--baud', 'fast'], /--baud must be a whole number.*got "fast"/],
    [['probe', '--kind', 'scanner', '--protocol', 'serial', '--port', '/dev/ttyS0', '--parity', 'mark'], /--parity must be one of none, even, odd, got "mark"/],
    [['probe', '--kind', 'scanner', '--protocol', 'serial', '--port', '/dev/ttyS0', '--suffix', 'LF'], /--suffix must be one of CR, CRLF, TAB, ETX, got "LF"/],
    [['probe', '--kind', 'scanner', '--protocol', 'hid-pos', '--port', '0c2e:0b07', '--baud', '9600'], /--baud does not apply to scanner hid-pos \(it takes: --serial-number, --layout\)/],
    [['probe', '--kind', 'scanner', '--protocol', 'hid-pos', '--port', 'c2e:b07'], /--port of a HID device is a path such as \/dev\/hidraw0, or vid:pid in hex/],
    [['probe', '--kind', 'scanner', '--protocol', 'serial', '--port', '/dev/ttyS0', '--speed', '1'], /Unknown option '--speed'/],
  ])('refuses %j with a clear message and exit code 2, before opening anything', async (args, message) => {
    const run = start(args);
    const { code, stderr } = await run.exited;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/usage: npm run devices -- list/);
    expect(run.lines).toEqual([]);
  });
});
