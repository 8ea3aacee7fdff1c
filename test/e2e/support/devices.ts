import { PaymentTerminalSimulator } from '../../../drivers/sim/payment-terminal-sim.ts';
import { EscPosPrinterSimulator } from '../../../drivers/sim/escpos-printer-sim.ts';
import { MtSicsSimulator } from '../../../drivers/sim/mt-sics-sim.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import type { ScaleSimulator } from '../../../drivers/sim/scale-sim.ts';
import { Toledo8217Simulator } from '../../../drivers/sim/toledo-8217-sim.ts';
import { serialScannerRig, type SerialScannerRig } from './lane.ts';

/**
 * A self-checkout lane's full set of simulated devices, each speaking its real protocol: the
 * serial scanner and two scales on socat pseudo-terminals (a Toledo 8217 pricing scale, an
 * MT-SICS bagging scale), the STX/ETX card terminal and the ESC/POS printer on 127.0.0.1.
 */
export interface DeviceRig {
  readonly scanner: SerialScannerRig;
  readonly pricingScale: Toledo8217Simulator;
  readonly baggingScale: MtSicsSimulator;
  readonly payment: PaymentTerminalSimulator;
  readonly printer: EscPosPrinterSimulator;
  /** The lane's devices as TERMINAL_DEVICES. */
  readonly config: string;
  dispose(): Promise<void>;
}

export async function deviceRig(): Promise<DeviceRig> {
  const closers: (() => Promise<void>)[] = [];
  const dispose = async (): Promise<void> => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const scanner = await serialScannerRig();
    closers.push(() => scanner.dispose());
    const scale = async <S extends ScaleSimulator>(make: (path: string) => S): Promise<{ simulator: S; path: string }> => {
      const pair = await PtyPair.open();
      closers.push(() => pair.dispose());
      const simulator = make(pair.simPath);
      await simulator.open();
      closers.push(() => simulator.close());
      return { simulator, path: pair.posPath };
    };
    const pricing = await scale((path) => new Toledo8217Simulator({ path }));
    const bagging = await scale((path) => new MtSicsSimulator({ path }));
    const payment = new PaymentTerminalSimulator();
    const paymentAddress = await payment.listenTcp('127.0.0.1', 0);
    closers.push(() => payment.close());
    const printer = new EscPosPrinterSimulator();
    const printerPort = await printer.listen(0);
    closers.push(() => printer.close());
    const config = JSON.stringify([
      { kind: 'scanner', protocol: 'serial', name: 'Lane scanner', path: scanner.posPath },
      { kind: 'scale', protocol: 'toledo-8217', name: 'Produce scale', path: pricing.path, role: 'pricing', pollMs: 100 },
      { kind: 'scale', protocol: 'mt-sics', name: 'Bagging scale', path: bagging.path, role: 'bagging', pollMs: 100 },
      { kind: 'payment', protocol: 'stx-etx', name: 'Card terminal', tcp: `${paymentAddress.host}:${paymentAddress.port}` },
      { kind: 'printer', protocol: 'escpos', name: 'Receipt printer', host: '127.0.0.1', port: printerPort },
    ]);
    return { scanner, pricingScale: pricing.simulator, baggingScale: bagging.simulator, payment, printer, config, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
