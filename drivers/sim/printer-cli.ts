// npm run sim -- printer [--pos <path>] [--tcp <port>]: an ESC/POS receipt printer on a socat
// pseudo-terminal pair and/or TCP 127.0.0.1. JSON lines out (each receipt as text); commands in.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EscPosPrinterSimulator } from './escpos-printer-sim.ts';
import { PtyPair } from './pty-pair.ts';
import { runSession, say, UsageError } from './sim-session.ts';

export const printerUsage = `usage: npm run sim -- printer [--pos <path>] [--tcp <port>] [--drawer-open-level high|low]
  --pos   a serial printer: where the terminal's end of the cable appears (an existing folder means <folder>/printer)
  --tcp   a network printer on 127.0.0.1:<port> (0 picks a free port; real printers use 9100)
then: paper ok|near-end|out, cover open|closed, drawer open|closed, unplug, replug
prints: ready, receipt {text, cut} on every cut, kick {pin} and drawer {state}, one line per command`;

export async function runPrinter(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { pos: { type: 'string' }, tcp: { type: 'string' }, 'drawer-open-level': { type: 'string', default: 'high' } },
  });
  if (values.pos === undefined && values.tcp === undefined) throw new UsageError('give --pos <path>, --tcp <port> or both');
  const level = values['drawer-open-level'];
  if (level !== 'high' && level !== 'low') throw new UsageError(`--drawer-open-level must be high or low, got "${level}"`);
  const tcpPort = values.tcp === undefined ? null : Number(values.tcp);
  if (tcpPort !== null && (!Number.isInteger(tcpPort) || tcpPort < 0 || tcpPort > 65535)) throw new UsageError(`--tcp must be a port number, got "${values.tcp}"`);
  let posPath: string | null = null;
  if (values.pos !== undefined) {
    posPath = statSync(values.pos, { throwIfNoEntry: false })?.isDirectory() ? path.resolve(values.pos, 'printer') : path.resolve(values.pos);
    mkdirSync(path.dirname(posPath), { recursive: true });
  }

  const printer = new EscPosPrinterSimulator({ drawerOpenLevel: level });
  printer.events.on('receipt', ({ text, cut }) => say('receipt', { text, cut }));
  printer.events.on('kick', ({ pin, realtime }) => say('kick', { pin, realtime }));
  printer.events.on('drawer', (state) => say('drawer', { state }));
  let pair: PtyPair | null = null;
  let listening: number | null = null;
  const plugIn = async (): Promise<void> => {
    if (pair) await printer.openSerial(pair.simPath);
    if (tcpPort !== null) listening = await printer.listen(listening ?? tcpPort);
  };
  await runSession({
    async start() {
      if (posPath) pair = await PtyPair.open({ dir: path.dirname(posPath), posName: path.basename(posPath), simName: `${path.basename(posPath)}.device` });
      await plugIn();
      return { ...(pair ? { posPath: pair.posPath } : {}), ...(listening !== null ? { tcp: { host: '127.0.0.1', port: listening } } : {}) };
    },
    async handle(line) {
      const [command = '', state = ''] = line.split(/\s+/);
      if (command === 'paper' && (state === 'ok' || state === 'near-end' || state === 'out')) {
        printer.setPaper(state);
        say('paper', { state });
      } else if (command === 'cover' && (state === 'open' || state === 'closed')) {
        printer.setCover(state === 'open');
        say('cover', { state });
      } else if (command === 'drawer' && (state === 'open' || state === 'closed')) {
        printer.setDrawer(state === 'open');
      } else if (line === 'unplug') {
        await printer.close();
        await pair?.kill();
        say('unplugged');
      } else if (line === 'replug') {
        await printer.close();
        await pair?.restart();
        await plugIn();
        say('replugged');
      } else throw new UsageError(`unknown command "${line}" (paper ok|near-end|out, cover open|closed, drawer open|closed, unplug, replug)`);
    },
    async stop() {
      await printer.close();
      await pair?.kill();
    },
  });
}
