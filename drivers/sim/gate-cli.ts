// npm run sim -- gate --pos <path>: a Modbus RTU relay/IO module (a gate's relay and beam sensor)
// on a socat pseudo-terminal pair. JSON lines out; commands in (see `usage`).
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ModbusRelaySimulator } from './modbus-relay-sim.ts';
import { PtyPair } from './pty-pair.ts';
import { hexBytes, runSession, say, UsageError } from './sim-session.ts';

export const gateUsage = `usage: npm run sim -- gate --pos <path> [--slave 1] [--coils 8] [--inputs 8] [--beam-input 0]
  --pos         where the terminal's end of the RS-485 cable appears (the gate's "path" in TERMINAL_DEVICES);
                an existing folder means <folder>/gate
then: beam broken|clear, input <n> on|off, deaf on|off, delay <ms>, noise <hex bytes>, unplug, replug
prints: ready, coil {coil, on} on every relay switch, and one line per command`;

function count(name: string, value: string, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > max) throw new UsageError(`--${name} must be a whole number 0…${max}, got "${value}"`);
  return parsed;
}

export async function runGate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      pos: { type: 'string' },
      slave: { type: 'string', default: '1' },
      coils: { type: 'string', default: '8' },
      inputs: { type: 'string', default: '8' },
      'beam-input': { type: 'string', default: '0' },
    },
  });
  if (!values.pos) throw new UsageError('--pos is required');
  const slaveId = count('slave', values.slave, 247);
  const coils = count('coils', values.coils, 64);
  const inputs = count('inputs', values.inputs, 64);
  const beamInput = count('beam-input', values['beam-input'], Math.max(0, inputs - 1));
  const posPath = statSync(values.pos, { throwIfNoEntry: false })?.isDirectory() ? path.resolve(values.pos, 'gate') : path.resolve(values.pos);
  mkdirSync(path.dirname(posPath), { recursive: true });

  let pair: PtyPair | null = null;
  let module: ModbusRelaySimulator | null = null;
  const plugIn = async (cable: PtyPair): Promise<void> => {
    const fresh = new ModbusRelaySimulator({ path: cable.simPath, slaveId, coils, inputs });
    if (module) fresh.inputs.splice(0, inputs, ...module.inputs); // sensors keep their state across a replug
    fresh.events.on('coil', ({ coil, on }) => say('coil', { coil, on }));
    await fresh.open();
    module = fresh;
  };
  const device = (): ModbusRelaySimulator => {
    if (!module) throw new UsageError('the module is unplugged (replug first)');
    return module;
  };
  await runSession({
    async start() {
      pair = await PtyPair.open({ dir: path.dirname(posPath), posName: path.basename(posPath), simName: `${path.basename(posPath)}.device` });
      await plugIn(pair);
      return { posPath: pair.posPath, slaveId };
    },
    async handle(line) {
      const [command = '', ...words] = line.split(/\s+/);
      if (command === 'beam' && (words[0] === 'broken' || words[0] === 'clear')) {
        device().setInput(beamInput, words[0] === 'broken');
        say('beam', { state: words[0], input: beamInput });
      } else if (command === 'input' && words.length === 2 && (words[1] === 'on' || words[1] === 'off')) {
        device().setInput(count('input', words[0] ?? '', inputs - 1), words[1] === 'on');
        say('input', { input: Number(words[0]), on: words[1] === 'on' });
      } else if (command === 'deaf' && (words[0] === 'on' || words[0] === 'off')) {
        device().deaf = words[0] === 'on';
        say('deaf', { on: device().deaf });
      } else if (command === 'delay' && words.length === 1) {
        device().replyDelayMs = count('delay', words[0] ?? '', 60_000);
        say('delay', { ms: device().replyDelayMs });
      } else if (command === 'noise') {
        const bytes = hexBytes(words.join(' '));
        await device().noise(bytes);
        say('noise', { bytes: bytes.length });
      } else if (line === 'unplug') {
        await module?.close();
        module = null;
        await pair?.kill();
        say('unplugged');
      } else if (line === 'replug' && pair) {
        await module?.close();
        await pair.restart();
        await plugIn(pair);
        say('replugged', { posPath: pair.posPath });
      } else throw new UsageError(`unknown command "${line}" (beam broken|clear, input <n> on|off, deaf on|off, delay <ms>, noise <hex>, unplug, replug)`);
    },
    async stop() {
      await module?.close();
      await pair?.kill();
    },
  });
}
