import { modbusRtuGateProbe, usbRelayGateProbe } from './gate-probes.ts';
import { stxEtxProbe } from './payment-probe.ts';
import { escposProbe } from './printer-probe.ts';
import type { Probe } from './probe-kit.ts';
import { magellanProbe, mtSicsProbe, toledo8217Probe } from './scale-probes.ts';
import { hidPosScannerProbe, serialScannerProbe } from './scanner-probes.ts';

// What `npm run devices -- probe` can open. A new driver is one more entry in `probes` below,
// defined with `defineProbe` (probe-kit.ts) next to the other probes of its kind.

export { hidPort, ProbeUsageError, serialLine, type Probe, type ProbeFlags, type ProbeLine } from './probe-kit.ts';

/** Every probe this build has, keyed by kind and protocol (the protocol names of the lane config). */
export const probes: readonly Probe[] = [
  serialScannerProbe,
  hidPosScannerProbe,
  toledo8217Probe,
  mtSicsProbe,
  magellanProbe,
  stxEtxProbe,
  modbusRtuGateProbe,
  usbRelayGateProbe,
  escposProbe,
];

export function findProbe(kind: string, protocol: string): Probe | undefined {
  return probes.find((probe) => probe.kind === kind && probe.protocol === protocol);
}
