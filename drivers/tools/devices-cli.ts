// npm run devices -- list | probe: the field technician's view of a lane's hardware.
// `list` prints every serial port and HID device as JSON lines with a guess of what it is;
// `probe` opens one device through the lane's own driver and prints what it reports as JSON
// lines until Ctrl-C or SIGTERM. Bad arguments exit 2 with a message naming the flag.
import { parseArgs } from 'node:util';
import { SerialPort } from 'serialport';
import { nodeHid } from '../hid/hid-backend.ts';
import { describeHidDevice, describeSerialPort, type ListedDevice } from './device-list.ts';
import { findProbe, ProbeUsageError, probes, type ProbeFlags, type ProbeLine } from './probes.ts';

const KINDS = ['scanner', 'scale', 'payment', 'gate', 'printer'] as const;

function usage(): string {
  const flagHelp = new Map<string, string>();
  for (const probe of probes) for (const [flag, help] of Object.entries(probe.flags)) if (!flagHelp.has(flag)) flagHelp.set(flag, help);
  const switchHelp = new Map<string, { help: string; probes: string[] }>();
  for (const probe of probes) {
    for (const [flag, help] of Object.entries(probe.switches)) {
      const entry = switchHelp.get(flag) ?? { help, probes: [] };
      entry.probes.push(`${probe.kind} ${probe.protocol}`);
      switchHelp.set(flag, entry);
    }
  }
  return [
    'usage: npm run devices -- list',
    `       npm run devices -- probe --kind <${KINDS.join('|')}> --protocol <name> --port <path> [options]`,
    '  list    serial ports and HID devices, one JSON line each, with a guess of kind and protocol',
    '  probe   opens the device with the lane\'s driver and prints what it reports until Ctrl-C',
    '  --port  a serial device path (/dev/ttyACM0, /dev/serial/by-id/…), for HID a hidraw path or vid:pid (0c2e:0b07),',
    '          for a payment terminal or printer on the network tcp:HOST:PORT (tcp:192.168.1.50:9100)',
    '  a probe only watches: it opens a gate or prints only when given --pulse or --test-print, and never takes a payment',
    `  probes in this build: ${probes.map((probe) => `${probe.kind} ${probe.protocol}`).join(', ')}`,
    ...[...flagHelp].map(([flag, help]) => `  --${flag.padEnd(18)}${help}`),
    ...[...switchHelp].map(([flag, { help, probes: which }]) => `  --${flag.padEnd(18)}${help} (${which.join(', ')})`),
  ].join('\n');
}

function fail(message: string): never {
  process.stderr.write(`devices: ${message}\n${usage()}\n`);
  process.exit(2);
}

function print(line: ProbeLine | ListedDevice): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function list(args: string[]): Promise<void> {
  if (args.length > 0) fail(`list takes no arguments, got "${args.join(' ')}"`);
  const [serial, hid] = await Promise.allSettled([SerialPort.list(), nodeHid.devices()]);
  if (serial.status === 'fulfilled') for (const port of serial.value) print(describeSerialPort(port));
  else process.stderr.write(`devices: cannot list serial ports (is udev installed?): ${messageOf(serial.reason)}\n`);
  if (hid.status === 'fulfilled') for (const device of hid.value) print(describeHidDevice(device));
  else process.stderr.write(`devices: cannot list HID devices: ${messageOf(hid.reason)}\n`);
  if (serial.status === 'rejected' && hid.status === 'rejected') process.exit(1);
}

async function probe(args: string[]): Promise<void> {
  const extraFlags = new Set(probes.flatMap((entry) => Object.keys(entry.flags)));
  const switches = new Set(probes.flatMap((entry) => Object.keys(entry.switches)));
  const options = Object.fromEntries([
    ...['kind', 'protocol', 'port', ...extraFlags].map((flag) => [flag, { type: 'string' as const }] as const),
    ...[...switches].map((flag) => [flag, { type: 'boolean' as const }] as const),
  ]);
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (error) {
    fail(messageOf(error));
  }
  const text = (flag: string): string | undefined => {
    const value = values[flag];
    return typeof value === 'string' ? value : undefined;
  };
  const kind = text('kind');
  const protocol = text('protocol');
  const port = text('port');
  if (kind === undefined) fail('--kind is required');
  if (!(KINDS as readonly string[]).includes(kind)) fail(`--kind must be one of ${KINDS.join(', ')}, got "${kind}"`);
  if (protocol === undefined) fail('--protocol is required');
  if (port === undefined || port === '') fail('--port is required');
  const chosen = findProbe(kind, protocol);
  if (!chosen) {
    const forKind = probes.filter((entry) => entry.kind === kind).map((entry) => entry.protocol);
    const known = forKind.length > 0 ? `${kind} protocols this build can probe: ${forKind.join(', ')}` : `this build cannot probe any ${kind} yet`;
    fail(`no probe for ${kind} protocol "${protocol}"; ${known} (all probes: ${probes.map((entry) => `${entry.kind} ${entry.protocol}`).join(', ')})`);
  }
  const flags: Record<string, string | undefined> = {};
  const takes = (): string => [...Object.keys(chosen.flags), ...Object.keys(chosen.switches)].map((name) => `--${name}`).join(', ') || 'no options';
  for (const flag of extraFlags) {
    const value = text(flag);
    if (value === undefined) continue;
    if (!(flag in chosen.flags)) fail(`--${flag} does not apply to ${kind} ${protocol} (it takes: ${takes()})`);
    flags[flag] = value;
  }
  for (const flag of switches) {
    if (values[flag] !== true) continue;
    if (!(flag in chosen.switches)) fail(`--${flag} does not apply to ${kind} ${protocol} (it takes: ${takes()})`);
    flags[flag] = 'yes';
  }

  let run;
  try {
    run = chosen.prepare(port, flags as ProbeFlags);
  } catch (error) {
    if (error instanceof ProbeUsageError || error instanceof TypeError) fail(error.message);
    throw error;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  print({ event: 'probing', kind, protocol, port });
  await run(print, stop.signal);
  print({ event: 'closed' });
}

const [command, ...rest] = process.argv.slice(2);
const run = command === 'list' ? list : command === 'probe' ? probe : null;
if (!run) fail(command ? `unknown command "${command}" (list or probe)` : 'name a command: list or probe');
await run(rest).catch((error: unknown) => {
  process.stderr.write(`devices: ${messageOf(error)}\n`);
  process.exit(1);
});
