import fs from 'node:fs';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { SerialScannerSimulator } from '../../../drivers/sim/serial-scanner-sim.ts';
import { Toledo8217Simulator } from '../../../drivers/sim/toledo-8217-sim.ts';

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

/** A Toledo 8217 pricing scale on a socat pseudo-terminal pair: its lane device, and the simulator's platter. */
export interface ToledoScaleRig {
  readonly device: { kind: 'scale'; protocol: 'toledo-8217'; name: string; path: string; role: 'pricing'; pollMs: number };
  readonly scale: Toledo8217Simulator;
  dispose(): Promise<void>;
}

export async function toledoScaleRig(): Promise<ToledoScaleRig> {
  const pair = await PtyPair.open();
  const scale = new Toledo8217Simulator({ path: pair.simPath });
  await scale.open();
  return {
    device: { kind: 'scale', protocol: 'toledo-8217', name: 'Produce scale', path: pair.posPath, role: 'pricing', pollMs: 100 },
    scale,
    async dispose() {
      await scale.close();
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
