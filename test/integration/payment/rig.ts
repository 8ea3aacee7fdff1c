import { collect, nextEvent, type Collected } from '../../support/events.ts';
import type { PaymentEvents } from '../../../drivers/payment/payment-terminal.ts';
import { StxEtxPaymentTerminal, type StxEtxOptions } from '../../../drivers/payment/stx-etx/stx-etx-payment-terminal.ts';
import { PaymentTerminalSimulator, type PaymentSimOptions } from '../../../drivers/sim/payment-terminal-sim.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';

export type Wire = 'serial' | 'tcp';

/** A driver and a simulator joined by a socat pty pair (real serialport on both ends) or loopback TCP. */
export interface PaymentRig {
  readonly wire: Wire;
  readonly driver: StxEtxPaymentTerminal;
  readonly sim: PaymentTerminalSimulator;
  readonly prompts: Collected<PaymentEvents['prompt'][0]>;
  /** Pulls the cable (serial: socat killed, links gone; TCP: connection dropped, listener closed). */
  unplug(): Promise<void>;
  replug(): Promise<void>;
  /** Resolves when the driver reports `online` again (bounded). */
  online(timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

/** Link and recovery times for tests: short enough to recover quickly, and nothing asserts on them. */
export const fastDriver: Partial<StxEtxOptions> = {
  ackTimeoutMs: 1000,
  interByteTimeoutMs: 1000,
  replyTimeoutMs: 3000,
  statusCheckMs: 2000,
  statusPollMs: 100,
  recoveryTimeoutMs: 30_000,
  presenceCheckMs: 50,
  reconnect: { initialMs: 50, maxMs: 300 },
};

export async function openRig(wire: Wire, driverOptions: Partial<StxEtxOptions> = {}, simOptions: PaymentSimOptions = {}): Promise<PaymentRig> {
  const sim = new PaymentTerminalSimulator({ cardDelayMs: 20, hostDelayMs: 20, ackTimeoutMs: 2000, ...simOptions });
  let pair: PtyPair | null = null;
  let connection: StxEtxOptions['connection'];
  if (wire === 'serial') {
    pair = await PtyPair.open();
    await sim.openSerial(pair.simPath);
    connection = { kind: 'serial', path: pair.posPath };
  } else {
    const { host, port } = await sim.listenTcp();
    connection = { kind: 'tcp', host, port };
  }
  const driver = new StxEtxPaymentTerminal({ name: 'Card terminal', connection, ...fastDriver, ...driverOptions });
  const prompts = collect<PaymentEvents, 'prompt'>(driver, 'prompt');
  const online = async (timeoutMs = 10_000): Promise<void> => {
    if (driver.status().state === 'online') return;
    await nextEvent<PaymentEvents, 'status'>(driver, 'status', (status) => status.state === 'online', timeoutMs);
  };
  await driver.open();
  await driver.claim();
  await driver.enable();
  await online();
  return {
    wire,
    driver,
    sim,
    prompts,
    online,
    async unplug() {
      await sim.unplug();
      await pair?.kill();
    },
    async replug() {
      if (pair) {
        await pair.restart();
        await sim.openSerial(pair.simPath);
      } else await sim.replugTcp();
    },
    async dispose() {
      await driver.close();
      await sim.close();
      await pair?.dispose();
    },
  };
}

/** Resolves once the simulator has received a message with command `id` (bounded). */
export function simReceives(sim: PaymentTerminalSimulator, id: string, timeoutMs = 10_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const listener = (received: string): void => {
      if (received !== id) return;
      clearTimeout(timer);
      sim.off('request', listener);
      resolve();
    };
    const timer = setTimeout(() => {
      sim.off('request', listener);
      reject(new Error(`the simulator received no ${id} within ${timeoutMs} ms`));
    }, timeoutMs);
    sim.on('request', listener);
  });
}
