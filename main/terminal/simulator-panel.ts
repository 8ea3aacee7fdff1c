import net from 'node:net';
import readline from 'node:readline';
import { TerminalError } from '../../common/api/result.ts';
import { SimulatedDeviceSchema, type SimulatedDevice, type SimulatorAction, type SimulatorPanelView } from '../../common/simulator.ts';

/** Demo labels worth scanning, and what each shows off (items are named from the catalog). */
const DEMO_LABELS: readonly { readonly code: string; readonly label?: string }[] = [
  { code: '4006381333931' },
  { code: '036000291452' },
  { code: '4011' },
  { code: '4046' },
  { code: '794865003497' },
  { code: '085123006016' },
  { code: '201001807494', label: 'Deli label, priced on the label' },
  { code: '412345678903', label: 'Harbor Rewards card' },
  { code: '9910000005015', label: 'Coupon: $5 off steak' },
  { code: '1234567890128', label: 'Unknown item' },
  { code: 'EMP-1001-K7QX', label: 'Badge: Alex Rivera, cashier' },
  { code: 'EMP-2001-V9LD', label: 'Badge: Sam Patel, supervisor' },
];

/** One line a simulator answered with. */
type Answer = { readonly event?: unknown; readonly message?: unknown } & Record<string, unknown>;

/** Sends one JSON request to the simulators' control socket and resolves with the one-line answer. */
export function askSimulators(socketPath: string, request: object, timeoutMs = 8000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    const done = (error: Error | null, answer?: Answer): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else if (answer) resolve(answer);
    };
    const timer = setTimeout(() => done(new Error(`the simulators did not answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', (error) => done(new Error(`the simulators cannot be reached at ${socketPath}: ${error.message}`)));
    readline.createInterface({ input: socket }).once('line', (line) => {
      try {
        done(null, JSON.parse(line) as Answer);
      } catch {
        done(new Error('the simulators answered something that is not JSON'));
      }
    });
    socket.write(`${JSON.stringify(request)}\n`);
  });
}

/** The simulator that carries out an action, and the command line it is given (the `npm run sim` commands). */
export function simulatorCommand(action: SimulatorAction): { device: SimulatedDevice; line: string } {
  switch (action.action) {
    case 'scan':
      return { device: 'scanner', line: action.code };
    case 'weigh':
      return { device: action.device, line: `weigh ${action.grams}` };
    case 'clearWeight':
      return { device: action.device, line: 'remove' };
    case 'nextPayment':
      return { device: 'payment', line: action.outcome === 'decline' ? 'next decline 05 DO NOT HONOR' : `next ${action.outcome}` };
    case 'paper':
      return { device: 'printer', line: `paper ${action.state}` };
    case 'beam':
      return { device: 'gate', line: `beam ${action.state}` };
    case 'unplug':
    case 'replug':
      return { device: action.device, line: action.action };
    default: {
      const unreachable: never = action;
      throw new Error(`unknown simulator action ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * The development lane's simulator panel: drives the simulators `npm start` runs, through their
 * control socket. Built only when the configuration names that socket (never in an installed app).
 */
export class SimulatorPanel {
  readonly #socketPath: string;
  readonly #nameOf: (code: string) => string | null;
  #devices: SimulatedDevice[] | null = null;
  readonly #unplugged = new Set<SimulatedDevice>();
  #last: string | null = null;

  constructor(options: { readonly socketPath: string; readonly nameOf: (code: string) => string | null }) {
    this.#socketPath = options.socketPath;
    this.#nameOf = options.nameOf;
  }

  async view(): Promise<SimulatorPanelView> {
    const devices = await this.#simulated();
    return {
      devices,
      unplugged: devices.filter((device) => this.#unplugged.has(device)),
      barcodes: devices.includes('scanner') ? DEMO_LABELS.map(({ code, label }) => ({ code, label: label ?? this.#nameOf(code) ?? code })) : [],
      last: this.#last,
    };
  }

  async act(action: SimulatorAction): Promise<SimulatorPanelView> {
    const { device, line } = simulatorCommand(action);
    if (!(await this.#simulated()).includes(device)) throw new TerminalError('DEVICE_UNAVAILABLE', `this lane has no simulated ${device}`);
    let answer: Answer;
    try {
      answer = await askSimulators(this.#socketPath, { device, line });
    } catch (error) {
      throw new TerminalError('DEVICE_UNAVAILABLE', error instanceof Error ? error.message : String(error));
    }
    if (answer.event === 'error') throw new TerminalError('DEVICE_UNAVAILABLE', `${device} simulator: ${String(answer.message)}`);
    if (action.action === 'unplug') this.#unplugged.add(device);
    if (action.action === 'replug') this.#unplugged.delete(device);
    this.#last = `${device}: ${line}`;
    return this.view();
  }

  async #simulated(): Promise<SimulatedDevice[]> {
    if (this.#devices) return this.#devices;
    let answer: Answer;
    try {
      answer = await askSimulators(this.#socketPath, { list: true });
    } catch (error) {
      throw new TerminalError('DEVICE_UNAVAILABLE', error instanceof Error ? error.message : String(error));
    }
    const parsed = SimulatedDeviceSchema.array().safeParse(answer.devices);
    if (!parsed.success) throw new TerminalError('DEVICE_UNAVAILABLE', 'the simulators did not say which devices they simulate');
    this.#devices = parsed.data;
    return this.#devices;
  }
}
