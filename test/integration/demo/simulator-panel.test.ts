import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorPanelView } from '../../../common/simulator.ts';
import { DemoRig } from '../../../drivers/sim/demo-rig.ts';
import { loadConfig } from '../../../main/terminal/config.ts';
import { createLogger } from '../../../main/terminal/log.ts';
import { askSimulators } from '../../../main/terminal/simulator-panel.ts';
import { startTerminal, type RunningTerminal } from '../../../main/terminal/terminal.ts';
import { demoTerminalConfig } from '../../support/terminal-config.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

let rig: DemoRig;
let dataDir: string;
let terminal: RunningTerminal;
let request = 0;

beforeAll(async () => {
  // A gate lane's simulators: the serial scanner and the Modbus gate module.
  rig = await DemoRig.start({ role: 'gate', appRoot: root });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-panel-'));
  const config = demoTerminalConfig({ dataDir, role: 'self-checkout', laneId: 'L05', devices: [...rig.devices, { kind: 'payment', protocol: 'simulator', delayMs: 0 }] });
  terminal = await startTerminal({ ...config, simulatorControl: rig.controlPath }, createLogger('test', 'silent'));
}, 60_000);

afterAll(async () => {
  await terminal.stop();
  await rig.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function act(action: Record<string, unknown>): Promise<SimulatorPanelView> {
  const result = await terminal.api.dispatch('simulator.act', { requestId: `req-panel-${(request += 1)}`, action });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as SimulatorPanelView;
}

const deviceState = (name: string): string | undefined => terminal.lane.state().devices.find((device) => device.name === name)?.state;

describe('the simulator panel of a development lane', () => {
  it('lists the simulated devices and demo labels named from the catalog', async () => {
    const result = await terminal.api.dispatch('simulator.panel', {});
    expect(result.ok).toBe(true);
    const view = result.ok ? (result.value as SimulatorPanelView) : null;
    expect(view?.devices).toEqual(['scanner', 'gate']);
    expect(view?.unplugged).toEqual([]);
    expect(view?.barcodes).toContainEqual({ code: '4006381333931', label: 'Sourdough Loaf' });
    expect(view?.barcodes).toContainEqual({ code: '1234567890128', label: 'Unknown item' });
  });

  it('scans a label on the serial scanner simulator, which the lane sells', async () => {
    await act({ action: 'scan', code: '4006381333931' });
    await expect.poll(() => terminal.lane.state().basket?.lines.map((line) => line.name), { timeout: 10_000 }).toEqual(['Sourdough Loaf']);
  });

  it('unplugs and replugs a device; the lane sees it go and come back', async () => {
    await expect.poll(() => deviceState('Scanner'), { timeout: 10_000 }).toBe('online');
    expect((await act({ action: 'unplug', device: 'scanner' })).unplugged).toEqual(['scanner']);
    await expect.poll(() => deviceState('Scanner'), { timeout: 10_000 }).toBe('offline');
    expect((await act({ action: 'replug', device: 'scanner' })).unplugged).toEqual([]);
    await expect.poll(() => deviceState('Scanner'), { timeout: 10_000 }).toBe('online');
  });

  it('refuses a device the lane does not simulate, and input that is out of range, naming it', async () => {
    await expect(act({ action: 'weigh', device: 'scale', grams: 500 })).rejects.toThrow(/DEVICE_UNAVAILABLE: this lane has no simulated scale/);
    const result = await terminal.api.dispatch('simulator.act', { requestId: 'req-panel-bad', action: { action: 'weigh', device: 'bagging', grams: -5 } });
    expect(result.ok ? null : result.error).toMatchObject({ code: 'INVALID_INPUT', field: 'input.action.grams' });
  });

  it('answers a malformed control request with an error line, and lists the simulators when asked', async () => {
    expect(await askSimulators(rig.controlPath, { device: 'toaster', line: 'on' })).toMatchObject({ event: 'error', message: expect.stringMatching(/^device must be one of/) as string });
    expect(await askSimulators(rig.controlPath, { list: true })).toEqual({ event: 'devices', devices: ['scanner', 'gate'] });
  });
});

describe('a lane without the simulators’ control socket', () => {
  it('has no panel, and refuses panel actions', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-nopanel-'));
    const plain = await startTerminal(demoTerminalConfig({ dataDir: dir, role: 'self-checkout', laneId: 'L06', devices: [] }), createLogger('test', 'silent'));
    try {
      expect(await plain.api.dispatch('simulator.panel', {})).toEqual({ ok: true, value: null });
      const refused = await plain.api.dispatch('simulator.act', { requestId: 'req-nopanel-1', action: { action: 'scan', code: '4011' } });
      expect(refused.ok ? null : refused.error.code).toBe('DEVICE_UNAVAILABLE');
    } finally {
      await plain.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the control socket from the environment only, never from terminal.json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-nopanel-'));
    try {
      expect(loadConfig({ env: { TERMINAL_DATA_DIR: dir, TERMINAL_SIM_CONTROL: '/tmp/x/control.sock' }, appRoot: root }).simulatorControl).toBe('/tmp/x/control.sock');
      expect(loadConfig({ env: { TERMINAL_DATA_DIR: dir }, appRoot: root }).simulatorControl).toBeNull();
      fs.writeFileSync(path.join(dir, 'terminal.json'), JSON.stringify({ simulatorControl: '/tmp/x/control.sock' }));
      expect(() => loadConfig({ env: { TERMINAL_DATA_DIR: dir }, appRoot: root })).toThrow(/Unrecognized key/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

