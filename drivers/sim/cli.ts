// npm run sim -- scanner --pos <path>: a serial barcode scanner on a socat pseudo-terminal pair.
// The terminal opens <path> as its scanner port; each line typed here (or piped in) is scanned.
// Commands: a barcode, `noise <hex bytes>`, `unplug`, `replug`. Output is JSON lines; `scanned`
// is printed once the last byte is on the wire. Ends (removing the links) on end of input or SIGTERM.
// npm run sim -- scale --protocol <toledo-8217|mt-sics|magellan> --pos <path>: a scale (scale-cli.ts).
// Also `gate` (a Modbus RTU relay/beam module, gate-cli.ts) and `printer` (ESC/POS, printer-cli.ts).
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { PtyPair } from './pty-pair.ts';
import { runScaleSim, ScaleUsageError, scaleUsage } from './scale-cli.ts';
import { SerialScannerSimulator } from './serial-scanner-sim.ts';
import { PaymentTerminalSimulator, type Scenario } from './payment-terminal-sim.ts';
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

// npm run sim -- payment --tcp 127.0.0.1:PORT | --pos <path>: a card terminal speaking `stx-etx`
// (drivers/payment/stx-etx/PROTOCOL.md) on TCP or on a socat pseudo-terminal pair.
const paymentUsage = `usage: npm run sim -- payment (--tcp 127.0.0.1:<port> | --pos <path>) [--card-ms N] [--host-ms N] [--customer-timeout-ms N]
then commands, one a line:
  next approve [authcode] | next decline <code> [text] | next partial <amount> | next timeout | next hold
  next reboot | next lose-response     what the next transaction does (default: approve)
  present                              the shopper presents the card to a held sale
  reboot                               restart the terminal now
  corrupt-lrc [n] | swallow-ack [n]    damage the next n blocks sent / leave n received blocks unacknowledged
  fragment on|off | noise on|off       split writes into small pieces / garbage before every block
  noise <hex bytes>                    put bytes on the line now
  raw-card on|off                      PCI canary: the test PAN 4111111111111111 in the raw card fields
  unplug | replug                      pull and re-insert the cable (or drop and restore the TCP listener)
  charges                              print the charges taken so far`;

function paymentFail(message: string): never {
  process.stderr.write(`sim: ${message}\n${paymentUsage}\n`);
  process.exit(2);
}

function parseScenario(words: string[]): Scenario {
  const [kind, first, ...more] = words;
  switch (kind) {
    case 'approve':
      if (first !== undefined && !/^[A-Za-z0-9]{1,12}$/.test(first)) throw new Error(`an auth code is 1–12 letters or digits, got "${first}"`);
      return first === undefined ? { kind: 'approve' } : { kind: 'approve', authCode: first };
    case 'decline':
      if (!first || !/^[A-Za-z0-9]{1,4}$/.test(first)) throw new Error('next decline takes the issuer reason code, e.g. "next decline 05"');
      return more.length > 0 ? { kind: 'decline', code: first, text: more.join(' ').toUpperCase() } : { kind: 'decline', code: first };
    case 'partial': {
      const amount = Number(first);
      if (!first || !Number.isInteger(amount) || amount <= 0) throw new Error('next partial takes the approved amount in minor units, e.g. "next partial 500"');
      return { kind: 'partial', amount };
    }
    case 'timeout':
    case 'hold':
    case 'reboot':
    case 'lose-response':
      return { kind };
    default:
      throw new Error(`unknown outcome "${kind ?? ''}" (approve, decline, partial, timeout, hold, reboot, lose-response)`);
  }
}

function count(word: string | undefined): number {
  if (word === undefined) return 1;
  const n = Number(word);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`expected a count from 1 to 100, got "${word}"`);
  return n;
}

function onOff(word: string | undefined): boolean {
  if (word === 'on') return true;
  if (word === 'off') return false;
  throw new Error(`expected on or off, got "${word ?? ''}"`);
}

async function runPayment(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        tcp: { type: 'string' },
        pos: { type: 'string' },
        'card-ms': { type: 'string', default: '1500' },
        'host-ms': { type: 'string', default: '800' },
        'customer-timeout-ms': { type: 'string', default: '60000' },
      },
    });
  } catch (error) {
    paymentFail(error instanceof Error ? error.message : String(error));
  }
  const { tcp, pos } = parsed.values;
  if ((tcp === undefined) === (pos === undefined)) paymentFail('give --tcp <host:port> or --pos <path> (one of them)');
  const number = (name: 'card-ms' | 'host-ms' | 'customer-timeout-ms'): number => {
    const value = Number(parsed.values[name]);
    if (!Number.isInteger(value) || value < 0) paymentFail(`--${name} must be a whole number of milliseconds, got "${parsed.values[name]}"`);
    return value;
  };
  const simulator = new PaymentTerminalSimulator({ cardDelayMs: number('card-ms'), hostDelayMs: number('host-ms'), customerTimeoutMs: number('customer-timeout-ms') });
  let pair: PtyPair | null = null;
  let ending: Promise<void> | null = null;
  const shutdown = (): Promise<void> =>
    (ending ??= (async () => {
      await simulator.close();
      await pair?.kill();
      process.exit(0);
    })());
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  simulator.on('charge', (charge) => say('charge', { ecrRef: charge.ecrRef, terminalRef: charge.terminalRef, amount: charge.amount }));
  simulator.on('result', (result) => say('result', result));
  simulator.on('rebooted', (bootId) => say('rebooted', { bootId }));

  if (tcp !== undefined) {
    const match = /^(.+):(\d{1,5})$/.exec(tcp);
    if (!match?.[1] || !match[2] || Number(match[2]) > 65535) paymentFail(`--tcp takes host:port, got "${tcp}"`);
    const address = await simulator.listenTcp(match[1], Number(match[2]));
    say('ready', { tcp: `${address.host}:${address.port}` });
  } else if (pos !== undefined) {
    const posPath = statSync(pos, { throwIfNoEntry: false })?.isDirectory() ? path.resolve(pos, 'payment') : path.resolve(pos);
    mkdirSync(path.dirname(posPath), { recursive: true });
    pair = await PtyPair.open({ dir: path.dirname(posPath), posName: path.basename(posPath), simName: `${path.basename(posPath)}.device` });
    await simulator.openSerial(pair.simPath);
    say('ready', { posPath: pair.posPath });
  }

  const lines = readline.createInterface({ input: process.stdin });
  for await (const raw of lines) {
    const words = raw.trim().split(/\s+/).filter((word) => word !== '');
    const [command, ...rest] = words;
    if (!command) continue;
    try {
      switch (command) {
        case 'next':
          simulator.next(parseScenario(rest));
          say('queued', { outcome: rest.join(' ') });
          break;
        case 'present':
          simulator.present();
          say('presented');
          break;
        case 'reboot':
          simulator.reboot();
          say('rebooting');
          break;
        case 'corrupt-lrc':
          simulator.faults.corruptLrc += count(rest[0]);
          say('fault', { corruptLrc: simulator.faults.corruptLrc });
          break;
        case 'swallow-ack':
          simulator.faults.swallowAcks += count(rest[0]);
          say('fault', { swallowAcks: simulator.faults.swallowAcks });
          break;
        case 'fragment':
          simulator.faults.fragment = onOff(rest[0]);
          say('fault', { fragment: simulator.faults.fragment });
          break;
        case 'noise':
          if (rest[0] === 'on' || rest[0] === 'off') {
            simulator.faults.noise = onOff(rest[0]);
            say('fault', { noise: simulator.faults.noise });
          } else {
            const hex = rest.join('');
            if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new Error('noise takes on, off or hex bytes such as "00 ff 41"');
            await simulator.noise(Buffer.from(hex, 'hex'));
            say('noise', { bytes: hex.length / 2 });
          }
          break;
        case 'raw-card':
          simulator.rawCard = onOff(rest[0]);
          say('raw-card', { on: simulator.rawCard });
          break;
        case 'unplug':
          await simulator.unplug();
          await pair?.kill();
          say('unplugged');
          break;
        case 'replug':
          if (pair) {
            await pair.restart();
            await simulator.openSerial(pair.simPath);
          } else await simulator.replugTcp();
          say('replugged');
          break;
        case 'charges':
          say('charges', { charges: simulator.charges.map(({ ecrRef, terminalRef, amount, voided }) => ({ ecrRef, terminalRef, amount, voided })) });
          break;
        default:
          throw new Error(`unknown command "${command}"`);
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
} else if (device === 'scale') {
  await runScaleSim(rest).catch((error: unknown) => {
    if (error instanceof ScaleUsageError) process.stderr.write(`sim: ${error.message}\n${scaleUsage}\n`);
    else process.stderr.write(`sim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ScaleUsageError ? 2 : 1);
  });
} else if (device === 'payment') {
  await runPayment(rest).catch((error: unknown) => {
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
} else fail(device ? `unknown device "${device}" (this release simulates: scanner, scale, payment, gate, printer)` : 'name the device to simulate');
