// `npm start`: the terminal with the embedded demo store on simulated devices, under Electron when
// its binary is here, otherwise under the browser host (same core, UI in any Chromium at the
// printed URL). The simulators (drivers/sim, the same as `npm run sim`) run as child processes;
// everything started here stops when this process ends, however it ends.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DemoRig, demoDevicesFor, SocatUnavailableError } from '../drivers/sim/demo-rig.ts';
import { runBrowserHost } from '../main/host/cli.ts';
import { ConfigError, loadConfig } from '../main/terminal/config.ts';
import { buildElectron, buildRenderer } from './build.ts';
import { findElectronBinary } from './electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..');
const say = (text: string): boolean => process.stdout.write(`${text}\n`);

/** Why the lane's own devices are used instead of simulators; null when the demo simulators should run. */
function ownDevices(dataDir: string): string | null {
  if (process.env.TERMINAL_SIMULATORS === '0') return 'TERMINAL_SIMULATORS=0 is set';
  if (process.env.TERMINAL_DEVICES) return 'TERMINAL_DEVICES declares the devices';
  try {
    const file: unknown = JSON.parse(fs.readFileSync(path.join(dataDir, 'terminal.json'), 'utf8'));
    if (typeof file === 'object' && file !== null && 'devices' in file) return `${path.join(dataDir, 'terminal.json')} declares the devices`;
  } catch {
    // No (readable) terminal.json: loadConfig reports a broken one.
  }
  return null;
}

async function startSimulators(): Promise<DemoRig | null> {
  let config;
  try {
    config = loadConfig({ appRoot: root });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return null; // the terminal says what is wrong with the configuration when it starts
  }
  if (demoDevicesFor(config.role).length === 0) return null; // an attendant station has no devices of its own
  const own = ownDevices(config.dataDir);
  if (own) {
    say(`Simulated devices are not started: ${own}.`);
    return null;
  }
  try {
    const rig = await DemoRig.start({ role: config.role, appRoot: root });
    // Development only: the terminal's simulator panel drives these simulators through this socket.
    process.env.TERMINAL_DEVICES = JSON.stringify(rig.devices);
    process.env.TERMINAL_SIM_CONTROL = rig.controlPath;
    say(`Simulated devices: ${rig.simulated.join(', ')} (their output: ${rig.logFile}).`);
    return rig;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const fix = error instanceof SocatUnavailableError ? '' : '\n(TERMINAL_SIMULATORS=0 npm start skips them.)';
    say(`${'!'.repeat(72)}\nThe simulated devices could not start: ${why}.\nThe lane starts WITHOUT devices (a simulated card terminal only): scan with the keyboard.${fix}\n${'!'.repeat(72)}`);
    return null;
  }
}

const build = !process.argv.includes('--no-build');
if (build) await buildRenderer();
const rig = await startSimulators();
let ending: Promise<never> | null = null;
const end = (code: number): Promise<never> =>
  (ending ??= (async () => {
    await rig?.stop();
    process.exit(code);
  })());

const electron = findElectronBinary(root);
if (electron.available && process.env.TERMINAL_BROWSER_HOST !== '1') {
  if (build) await buildElectron();
  const child = spawn(electron.path, [root], { stdio: 'inherit', env: process.env });
  child.on('exit', (code) => void end(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
} else {
  const why = electron.available ? 'TERMINAL_BROWSER_HOST=1 is set' : electron.reason;
  say(`Electron is not used: ${why}. Starting the browser host instead.`);
  await runBrowserHost({ beforeExit: () => rig?.stop() ?? Promise.resolve() }).catch(async (error: unknown) => {
    process.stderr.write(`The terminal could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    await end(1);
  });
}
