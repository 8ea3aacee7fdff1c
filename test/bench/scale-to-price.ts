import { performance } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import { MAGELLAN_POLL_MS, MagellanScannerScale } from '../../drivers/scale/magellan.ts';
import { MT_SICS_POLL_MS, MtSicsScale } from '../../drivers/scale/mt-sics.ts';
import { isStable, type Scale, type ScaleReading } from '../../drivers/scale/scale.ts';
import { TOLEDO_8217_POLL_MS, Toledo8217Scale } from '../../drivers/scale/toledo-8217.ts';
import { MagellanSimulator } from '../../drivers/sim/magellan-sim.ts';
import { MtSicsSimulator } from '../../drivers/sim/mt-sics-sim.ts';
import { PtyPair } from '../../drivers/sim/pty-pair.ts';
import type { ScaleSimulator } from '../../drivers/sim/scale-sim.ts';
import { Toledo8217Simulator } from '../../drivers/sim/toledo-8217-sim.ts';
import { summarise, type Summary } from './stats.ts';

export interface ScaleToPriceResult {
  readonly what: string;
  /** Each protocol's default poll interval (as a lane runs it); a placed weight waits for the next poll. */
  readonly protocols: Readonly<Record<string, { readonly pollMs: number; readonly scaleToReading: Summary; readonly baseline: Summary & { readonly what: string } }>>;
}

interface Protocol {
  readonly name: string;
  /** The request the driver polls with, for the baseline exchange. */
  readonly request: Buffer;
  /** The reply's last byte(s), which end the baseline exchange. */
  readonly terminator: Buffer;
  readonly lineFormat: { dataBits: 7 | 8; parity: 'none' | 'even' | 'odd' };
  /** The driver's default poll interval. */
  readonly pollMs: number;
  device(path: string): ScaleSimulator;
  driver(path: string): Scale;
}

function protocol(
  name: string,
  wire: { request: string; terminator: string; lineFormat: Protocol['lineFormat']; pollMs: number },
  device: Protocol['device'],
  driver: Protocol['driver'],
): Protocol {
  const { lineFormat, pollMs } = wire;
  return { name, request: Buffer.from(wire.request, 'latin1'), terminator: Buffer.from(wire.terminator, 'latin1'), lineFormat, pollMs, device, driver };
}

const protocols: readonly Protocol[] = [
  protocol(
    'toledo-8217',
    { request: 'W', terminator: '\r', lineFormat: { dataBits: 7, parity: 'even' }, pollMs: TOLEDO_8217_POLL_MS },
    (path) => new Toledo8217Simulator({ path }),
    (path) => new Toledo8217Scale({ name: 'Bench scale', path }),
  ),
  protocol(
    'mt-sics',
    { request: 'SI\r\n', terminator: '\r\n', lineFormat: { dataBits: 8, parity: 'none' }, pollMs: MT_SICS_POLL_MS },
    (path) => new MtSicsSimulator({ path }),
    (path) => new MtSicsScale({ name: 'Bench scale', path }),
  ),
  protocol(
    'magellan',
    { request: 'S14\r', terminator: '\r', lineFormat: { dataBits: 7, parity: 'odd' }, pollMs: MAGELLAN_POLL_MS },
    (path) => new MagellanSimulator({ path }),
    (path) => new MagellanScannerScale({ name: 'Bench scale', path }),
  ),
];

/**
 * From a weight placed on the simulated platter (settle time 0) until the driver emits the stable
 * reading of that weight, for each protocol, at the line's real byte pace (≈1 ms a byte at 9600).
 * It includes the wait for the driver's next poll, which is most of it.
 * Baseline: one request and its reply exchanged over the same pty pair with a bare serial port.
 */
export async function benchScaleToPrice(readings: number): Promise<ScaleToPriceResult> {
  const results: Record<string, { pollMs: number; scaleToReading: Summary; baseline: Summary & { what: string } }> = {};
  for (const protocol of protocols) {
    const pair = await PtyPair.open();
    const simulator = protocol.device(pair.simPath);
    try {
      await simulator.open();
      simulator.platter.place(1000);
      const baseline = await exchange(pair.posPath, protocol, readings);
      const samples = await placeAndRead(pair.posPath, protocol, simulator, readings);
      results[protocol.name] = {
        pollMs: protocol.pollMs,
        scaleToReading: summarise(samples),
        baseline: { what: `${protocol.request.toString('latin1').trim()} and its reply through the pty pair, bare serial port`, ...summarise(baseline) },
      };
    } finally {
      await simulator.close();
      await pair.dispose();
    }
  }
  return { what: 'weight placed on the simulated scale → stable reading emitted by the driver', protocols: results };
}

async function placeAndRead(posPath: string, protocol: Protocol, simulator: ScaleSimulator, count: number): Promise<number[]> {
  const driver = protocol.driver(posPath);
  await driver.open();
  await driver.claim();
  await driver.enable();
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      // A new weight each time, so each placement makes a new reading.
      const grams = 1001 + i;
      const seen = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${protocol.name}: no stable ${grams} g reading within 10 s`)), 10_000);
        const onData = (reading: ScaleReading): void => {
          if (!isStable(reading) || reading.grams !== grams) return;
          clearTimeout(timer);
          driver.off('data', onData);
          resolve(performance.now());
        };
        driver.on('data', onData);
      });
      // A real shopper puts the item down at any moment of the poll cycle: spread the placements
      // evenly over it (golden-ratio steps), instead of always just after a poll.
      await new Promise((resolve) => setTimeout(resolve, ((i * 0.618034) % 1) * protocol.pollMs));
      const placed = performance.now();
      simulator.platter.place(grams);
      samples.push((await seen) - placed);
    }
  } finally {
    await driver.close();
  }
  return samples;
}

/** The floor: one request and its reply over the pty pair, read with the same serialport binding. */
async function exchange(posPath: string, protocol: Protocol, count: number): Promise<number[]> {
  const port = new SerialPort({ path: posPath, baudRate: 9600, ...protocol.lineFormat, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      let received = Buffer.alloc(0);
      const replied = new Promise<number>((resolve) => {
        const onData = (chunk: Buffer): void => {
          received = Buffer.concat([received, chunk]);
          if (!received.subarray(-protocol.terminator.length).equals(protocol.terminator)) return;
          port.off('data', onData);
          resolve(performance.now());
        };
        port.on('data', onData);
      });
      const sent = performance.now();
      await new Promise<void>((resolve, reject) => port.write(protocol.request, (error) => (error ? reject(error) : resolve())));
      samples.push((await replied) - sent);
    }
  } finally {
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
  return samples;
}
