// npm run sim -- scanner --pos <path>: a serial barcode scanner on a socat pseudo-terminal pair.
// The terminal opens <path> as its scanner port; each line typed here (or piped in) is scanned.
// Commands: a barcode, `noise <hex bytes>`, `unplug`, `replug`. Output is JSON lines; `scanned`
// is printed once the last byte is on the wire. Ends (removing the links) on end of input or SIGTERM.
// Also `gate` (a Modbus RTU relay/beam module, gate-cli.ts) and `printer` (ESC/POS, printer-cli.ts).
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { PtyPair } from './pty-pair.ts';
import { SerialScannerSimulator } from './serial-scanner-sim.ts';
import { gateUsage, runGate } from './gate-cli.ts';
import { printerUsage, runPrinter } from './printer-cli.ts';
import { UsageError } from './sim-session.ts';

const usage = `usage: npm run sim -- scanner --pos <path> [--suffix CR|CRLF|TAB|ETX] [--prefix <text>] [--aim]
  --pos     where the terminal's end of the cable appears (its device "path" in TERMINAL_DEVICES);
            an existing folder means <folder>/scanner (--link is the same option)
  --suffix  frame terminator the scanner sends (default CR)
  --prefix  text sent before every label
  --aim     send AIM symbology identifiers (]E0 …)
then type a barcode and Enter to scan it; also: noise <hex bytes>, unplug, replug`;

const suffixes = { CR: '\r', CRLF: '\r\n', TAB: '\t', ETX: '\x03' } as const;

function fail(message: string): never {
  process.stderr.write(`sim: ${message}\n${usage}\n`);
  process.exit(2);
}

function say(event: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
}

function isSuffix(name: string): name is keyof typeof suffixes {
  return name in suffixes;
}

async function runScanner(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        pos: { type: 'string' },
        link: { type: 'string' },
        suffix: { type: 'string', default: 'CR' },
        prefix: { type: 'string', default: '' },
        aim: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { link, suffix, prefix, aim } = parsed.values;
  const pos = parsed.values.pos ?? link;
  if (parsed.values.pos !== undefined && link !== undefined) fail('give --pos or --link, not both');
  if (!pos) fail('--pos is required');
  if (!isSuffix(suffix)) fail(`--suffix must be one of ${Object.keys(suffixes).join(', ')}, got "${suffix}"`);
  const posPath = statSync(pos, { throwIfNoEntry: false })?.isDirectory() ? path.resolve(pos, 'scanner') : path.resolve(pos);
  mkdirSync(path.dirname(posPath), { recursive: true });
  // Installed before anything is created or announced, so a SIGTERM sent on `ready` is never missed.
  let simulator: SerialScannerSimulator | null = null;
  let pair: PtyPair | null = null;
  let ending: Promise<void> | null = null;
  const shutdown = (): Promise<void> =>
    (ending ??= (async () => {
      await simulator?.close();
      await pair?.kill(); // a socat still starting is killed by PtyPair's exit hook
      process.exit(0);
    })());
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const plugIn = async (cable: PtyPair): Promise<SerialScannerSimulator> => {
    const device = new SerialScannerSimulator({ path: cable.simPath, suffix: suffixes[suffix], prefix, aimIds: aim });
    await device.open();
    return device;
  };
  const cable = await PtyPair.open({ dir: path.dirname(posPath), posName: path.basename(posPath), simName: `${path.basename(posPath)}.device` });
  pair = cable;
  simulator = await plugIn(cable);
  say('ready', { posPath: cable.posPath });

  const lines = readline.createInterface({ input: process.stdin });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    try {
      if (line === 'unplug') {
        await simulator.close();
        await cable.kill();
        say('unplugged');
      } else if (line === 'replug') {
        await simulator.close();
        await cable.restart();
        simulator = await plugIn(cable);
        say('replugged', { posPath: cable.posPath });
      } else if (line.startsWith('noise ')) {
        const hex = line.slice('noise '.length).replace(/\s+/g, '');
        if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new Error(`noise takes hex bytes such as "00 ff 0d", got "${line.slice(6)}"`);
        await simulator.noise(Buffer.from(hex, 'hex'));
        say('noise', { bytes: hex.length / 2 });
      } else {
        await simulator.scan(line);
        say('scanned', { code: line });
      }
    } catch (error) {
      say('error', { message: error instanceof Error ? error.message : String(error) });
    }
  }
  await shutdown();
}

const [device, ...rest] = process.argv.slice(2);
if (device === 'scanner') {
  await runScanner(rest).catch((error: unknown) => {
    process.stderr.write(`sim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
} else if (device === 'gate' || device === 'printer') {
  const [run, help] = device === 'gate' ? [runGate, gateUsage] : [runPrinter, printerUsage];
  await run(rest).catch((error: unknown) => {
    const misused = error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`sim: ${error instanceof Error ? error.message : String(error)}\n${misused ? `${help}\n` : ''}`);
    process.exit(misused ? 2 : 1);
  });
} else fail(device ? `unknown device "${device}" (this release simulates: scanner, gate, printer)` : 'name the device to simulate');
