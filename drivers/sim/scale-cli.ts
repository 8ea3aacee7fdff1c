// npm run sim -- scale --protocol <toledo-8217|mt-sics|magellan> --pos <path>: a scale on a socat
// pseudo-terminal pair. The terminal opens <path> as its scale port; commands typed here (or piped
// in) act on the platter. Output is JSON lines. Ends (removing the links) on end of input or SIGTERM.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { MagellanSimulator } from './magellan-sim.ts';
import { MtSicsSimulator } from './mt-sics-sim.ts';
import { PtyPair } from './pty-pair.ts';
import type { ScaleSimulator } from './scale-sim.ts';
import { Toledo8217Simulator } from './toledo-8217-sim.ts';

export const scaleUsage = `usage: npm run sim -- scale --protocol toledo-8217|mt-sics|magellan --pos <path> [options]
  --pos         where the terminal's end of the cable appears (its device "path");
                an existing folder means <folder>/scale
  --unit        kg or lb (toledo-8217, magellan; default kg), g or kg (mt-sics; default g)
  --settle      milliseconds a placed weight swings before it is stable (default 300)
  --capacity    capacity in grams (default 15000)
  --parity-bit  even|odd: put a parity bit in bit 7, as a 7-bit scale looks to a port opened 8N1
  --fragment    split every reply into random small writes
  --framing     cr (default) or stx-etx: magellan only, stx-etx is the NCR variant (STX … ETX)
then type: weigh <grams>, remove, motion, settle, underzero, overcapacity, zeroerror,
           mute, unmute, noise <hex bytes>, scan <code> (magellan), unplug, replug`;

const protocols = ['toledo-8217', 'mt-sics', 'magellan'] as const;
type Protocol = (typeof protocols)[number];

/** A command line the user got wrong; the caller prints it with the usage and exits 2. */
export class ScaleUsageError extends Error {
  override readonly name = 'ScaleUsageError';
}

interface ScaleSimSettings {
  readonly protocol: Protocol;
  readonly posPath: string;
  readonly unit: string | undefined;
  readonly settleMs: number;
  readonly capacityGrams: number;
  readonly parityBit: 'even' | 'odd' | null;
  readonly fragment: boolean;
  /** Magellan only: `stx-etx` is the NCR variant. */
  readonly framing: 'cr' | 'stx-etx';
}

function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^[0-9]+$/.test(text)) throw new ScaleUsageError(`--${name} takes a whole number, got "${text}"`);
  return Number(text);
}

function settingsFrom(args: string[]): ScaleSimSettings {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        protocol: { type: 'string' },
        pos: { type: 'string' },
        unit: { type: 'string' },
        settle: { type: 'string' },
        capacity: { type: 'string' },
        'parity-bit': { type: 'string' },
        fragment: { type: 'boolean', default: false },
        framing: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new ScaleUsageError(error instanceof Error ? error.message : String(error));
  }
  const protocol = protocols.find((name) => name === values.protocol);
  if (!protocol) throw new ScaleUsageError(`--protocol must be one of ${protocols.join(', ')}, got "${values.protocol ?? ''}"`);
  if (!values.pos) throw new ScaleUsageError('--pos is required');
  const units = protocol === 'mt-sics' ? ['g', 'kg'] : ['kg', 'lb'];
  if (values.unit !== undefined && !units.includes(values.unit)) {
    throw new ScaleUsageError(`--unit for ${protocol} must be ${units.join(' or ')}, got "${values.unit}"`);
  }
  const framing = values.framing;
  if (framing !== undefined && (protocol !== 'magellan' || (framing !== 'cr' && framing !== 'stx-etx'))) {
    throw new ScaleUsageError(`--framing is cr or stx-etx, for --protocol magellan only; got "${framing}" for ${protocol}`);
  }
  const parity = values['parity-bit'];
  if (parity !== undefined && parity !== 'even' && parity !== 'odd') throw new ScaleUsageError(`--parity-bit must be even or odd, got "${parity}"`);
  const pos = values.pos;
  return {
    protocol,
    posPath: statSync(pos, { throwIfNoEntry: false })?.isDirectory() ? path.resolve(pos, 'scale') : path.resolve(pos),
    unit: values.unit,
    settleMs: wholeNumber('settle', values.settle, 300),
    capacityGrams: wholeNumber('capacity', values.capacity, 15_000),
    parityBit: parity ?? null,
    fragment: values.fragment,
    framing: framing === 'stx-etx' ? 'stx-etx' : 'cr',
  };
}

function makeSimulator(settings: ScaleSimSettings, simPath: string): ScaleSimulator {
  const common = { path: simPath, settleMs: settings.settleMs, capacityGrams: settings.capacityGrams, parityBit: settings.parityBit, fragment: settings.fragment };
  switch (settings.protocol) {
    case 'toledo-8217':
      return new Toledo8217Simulator({ ...common, unit: settings.unit === 'lb' ? 'lb' : 'kg' });
    case 'mt-sics':
      return new MtSicsSimulator({ ...common, unit: settings.unit === 'kg' ? 'kg' : 'g' });
    case 'magellan':
      return new MagellanSimulator({ ...common, unit: settings.unit === 'lb' ? 'lb' : 'kg', framing: settings.framing });
    default: {
      const unreachable: never = settings.protocol;
      throw new Error(`unknown protocol ${String(unreachable)}`);
    }
  }
}

function say(event: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
}

/** One platter or line command; returns the JSON line that reports it done. */
type Command = (argument: string, rig: { simulator: ScaleSimulator; cable: PtyPair }) => Promise<Record<string, unknown>>;

function grams(argument: string): number {
  if (!/^-?[0-9]+$/.test(argument)) throw new Error(`weigh takes whole grams such as "weigh 1234", got "${argument}"`);
  return Number(argument);
}

/**
 * Runs the scale simulator until end of input or a signal. Throws `ScaleUsageError` for a bad
 * command line before anything is created.
 */
export async function runScaleSim(args: string[]): Promise<void> {
  const settings = settingsFrom(args);
  mkdirSync(path.dirname(settings.posPath), { recursive: true });
  const rig: { simulator: ScaleSimulator | null; cable: PtyPair | null } = { simulator: null, cable: null };
  let ending: Promise<void> | null = null;
  const shutdown = (): Promise<void> =>
    (ending ??= (async () => {
      await rig.simulator?.close();
      await rig.cable?.kill(); // a socat still starting is killed by PtyPair's exit hook
      process.exit(0);
    })());
  // Installed before anything is created or announced, so a SIGTERM sent on `ready` is never missed.
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const commands: Record<string, Command> = {
    weigh: async (argument, { simulator }) => (simulator.platter.place(grams(argument)), { event: 'weighed', grams: grams(argument) }),
    remove: async (_, { simulator }) => (simulator.platter.remove(), { event: 'removed' }),
    motion: async (_, { simulator }) => (simulator.platter.shake(), { event: 'motion' }),
    settle: async (_, { simulator }) => (simulator.platter.settle(), { event: 'settled' }),
    underzero: async (_, { simulator }) => (simulator.platter.liftBelowZero(), { event: 'underzero' }),
    overcapacity: async (_, { simulator }) => (simulator.platter.overload(), { event: 'overcapacity' }),
    zeroerror: async (_, { simulator }) => (simulator.platter.failZero(), { event: 'zeroerror' }),
    mute: async (_, { simulator }) => ((simulator.muted = true), { event: 'muted' }),
    unmute: async (_, { simulator }) => ((simulator.muted = false), { event: 'unmuted' }),
    noise: async (argument, { simulator }) => {
      const hex = argument.replace(/\s+/g, '');
      if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new Error(`noise takes hex bytes such as "00 ff 0d", got "${argument}"`);
      await simulator.noise(Buffer.from(hex, 'hex'));
      return { event: 'noise', bytes: hex.length / 2 };
    },
    scan: async (argument, { simulator }) => {
      if (!(simulator instanceof MagellanSimulator)) throw new Error('scan needs --protocol magellan (a scanner-scale)');
      if (argument === '') throw new Error('scan takes a barcode, e.g. "scan 4006381333931"');
      await simulator.scan(argument);
      return { event: 'scanned', code: argument };
    },
    unplug: async (_, current) => {
      await current.simulator.close();
      await current.cable.kill();
      return { event: 'unplugged' };
    },
    replug: async (_, current) => {
      // The cable comes back under the same links; what lies on the platter stays there.
      await current.simulator.close();
      await current.cable.restart();
      await current.simulator.open();
      return { event: 'replugged', posPath: current.cable.posPath };
    },
  };

  const name = path.basename(settings.posPath);
  const cable = await PtyPair.open({ dir: path.dirname(settings.posPath), posName: name, simName: `${name}.device` });
  rig.cable = cable;
  const simulator = makeSimulator(settings, cable.simPath);
  rig.simulator = simulator;
  await simulator.open();
  say('ready', { posPath: cable.posPath, protocol: settings.protocol });

  for await (const raw of readline.createInterface({ input: process.stdin })) {
    const line = raw.trim();
    if (line === '') continue;
    const [word = '', ...rest] = line.split(/\s+/);
    const command = commands[word];
    try {
      if (!command) throw new Error(`unknown command "${word}" (${Object.keys(commands).join(', ')})`);
      const { event, ...fields } = await command(rest.join(' '), { simulator, cable });
      say(String(event), fields);
    } catch (error) {
      say('error', { message: error instanceof Error ? error.message : String(error) });
    }
  }
  await shutdown();
}
