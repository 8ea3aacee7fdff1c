import { afterEach } from 'vitest';
import type { DeviceEvents } from '../../../drivers/device.ts';
import { ScaleError, type ScaleReading } from '../../../drivers/scale/scale.ts';
import type { SerialScale } from '../../../drivers/scale/serial-scale.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import type { ScaleSimulator } from '../../../drivers/sim/scale-sim.ts';
import { collect, nextEvent, type Collected } from '../../support/events.ts';

export type ScaleDeviceEvents = DeviceEvents<ScaleReading>;

/** A scale driver and a simulated scale on the two ends of a socat pty pair, torn down by `dispose`. */
export interface ScaleRig<D extends SerialScale, S extends ScaleSimulator> {
  readonly pair: PtyPair;
  readonly driver: D;
  simulator: S;
  readonly readings: Collected<ScaleReading>;
  readonly errors: Collected<Error>;
  /** Pulls the cable (the simulator closes, socat dies) and waits for the driver to report the scale offline. */
  unplug(): Promise<void>;
  /** Plugs it back under the same paths and waits for the driver to report the scale online. */
  replug(): Promise<void>;
  /** Resolves (bounded) with the scale's current reading once it passes `accept`: the latest delivered, or the next. */
  reading(accept: (reading: ScaleReading) => boolean): Promise<ScaleReading>;
  dispose(): Promise<void>;
}

/** Options every rig driver gets: fast polling and reconnects, so tests wait on events, not seconds. */
export const fast = { reconnect: { initialMs: 50, maxMs: 200 }, presenceCheckMs: 50, pollMs: 50, replyTimeoutMs: 1000 } as const;

export async function scaleRig<D extends SerialScale, S extends ScaleSimulator>(
  makeDriver: (posPath: string) => D,
  makeSimulator: (simPath: string) => S,
  options: { enable?: boolean } = {},
): Promise<ScaleRig<D, S>> {
  const pair = await PtyPair.open();
  let simulator = makeSimulator(pair.simPath);
  const driver = makeDriver(pair.posPath);
  const readings = collect<ScaleDeviceEvents, 'data'>(driver, 'data');
  const rig: ScaleRig<D, S> = {
    pair,
    driver,
    get simulator() {
      return simulator;
    },
    set simulator(next: S) {
      simulator = next;
    },
    readings,
    errors: collect<ScaleDeviceEvents, 'error'>(driver, 'error'),
    async reading(accept) {
      const latest = readings.items.at(-1);
      if (latest && accept(latest)) return latest;
      const [reading] = await nextEvent<ScaleDeviceEvents, 'data'>(driver, 'data', accept);
      return reading;
    },
    async unplug() {
      const offline = nextEvent<ScaleDeviceEvents, 'status'>(driver, 'status', (status) => status.state === 'offline');
      await simulator.close();
      await pair.kill();
      await offline;
    },
    async replug() {
      const online = nextEvent<ScaleDeviceEvents, 'status'>(driver, 'status', (status) => status.state === 'online');
      await pair.restart();
      await simulator.open();
      await online;
    },
    async dispose() {
      await simulator.close();
      await driver.close();
      await pair.dispose();
    },
  };
  try {
    await simulator.open();
    await driver.open();
    await driver.claim();
    if (options.enable !== false) await driver.enable();
  } catch (error) {
    await rig.dispose();
    throw error;
  }
  return rig;
}

/** Resolves with the `ScaleError` a scale request fails with; rejects if it succeeds or fails otherwise. */
export function failure(promise: Promise<unknown>): Promise<ScaleError> {
  return promise.then(
    () => {
      throw new Error('expected the scale request to fail');
    },
    (error: unknown) => {
      if (!(error instanceof ScaleError)) throw error;
      return error;
    },
  );
}

/**
 * A rig starter for one protocol: each call builds a fresh rig (disposing the test's previous one),
 * and the rig of each test is disposed after it.
 */
export function scaleRigs<D extends SerialScale, S extends ScaleSimulator, DO, SO>(
  makeDriver: (posPath: string, options: DO) => D,
  makeSimulator: (simPath: string, options: SO) => S,
): (driver?: DO, device?: SO) => Promise<ScaleRig<D, S>> {
  let current: ScaleRig<D, S> | null = null;
  afterEach(async () => {
    await current?.dispose();
    current = null;
  });
  return async (driver = {} as DO, device = {} as SO) => {
    await current?.dispose();
    current = null;
    current = await scaleRig(
      (posPath) => makeDriver(posPath, driver),
      (simPath) => makeSimulator(simPath, device),
    );
    return current;
  };
}
