import fs from 'node:fs';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { SerialScannerSimulator } from '../../../drivers/sim/serial-scanner-sim.ts';

/** A serial scanner on a socat pseudo-terminal pair, with the simulator on the device side. */
export interface SerialScannerRig {
  readonly posPath: string;
  scan(code: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function serialScannerRig(): Promise<SerialScannerRig> {
  const pair = await PtyPair.open();
  const simulator = new SerialScannerSimulator({ path: pair.simPath });
  await simulator.open();
  return {
    posPath: pair.posPath,
    scan: (code) => simulator.scan(code),
    async dispose() {
      await simulator.close();
      await pair.dispose();
    },
  };
}

/** The lane's devices as TERMINAL_DEVICES: the serial scanner and a quick payment simulator. */
export function laneDevices(scannerPath: string): string {
  return JSON.stringify([
    { kind: 'scanner', protocol: 'serial', name: 'Lane scanner', path: scannerPath },
    { kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 800 },
  ]);
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
