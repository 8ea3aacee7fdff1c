import { HidPosScanner } from '../scanner/hid-pos.ts';
import type { ScanData } from '../scanner/scan-data.ts';
import { SerialScanner } from '../scanner/serial-scanner.ts';
import { defineProbe, hidPort, oneOf, serialLine, serialLineFlags, type ProbeLine } from './probe-kit.ts';

// Scanner probes: each label with its symbology.

export const scanLine = (scan: ScanData): ProbeLine => ({ event: 'scan', code: scan.code, symbology: scan.symbology, aim: scan.aim });

export const serialScannerProbe = defineProbe<ScanData>({
  kind: 'scanner',
  protocol: 'serial',
  flags: { ...serialLineFlags, prefix: 'text the scanner sends before each label', suffix: 'CR, CRLF, TAB or ETX (default CR)' },
  create(port, flags) {
    const suffix = flags.suffix === undefined ? undefined : oneOf('suffix', flags.suffix, ['CR', 'CRLF', 'TAB', 'ETX'] as const);
    return { device: new SerialScanner({ name: 'probe', path: port, ...serialLine(flags), prefix: flags.prefix, suffix }) };
  },
  report: scanLine,
});

export const hidPosScannerProbe = defineProbe<ScanData>({
  kind: 'scanner',
  protocol: 'hid-pos',
  flags: { 'serial-number': 'which of several scanners of one model', layout: 'honeywell (default, also Access-IS) or microscan' },
  create(port, flags) {
    const layout = flags.layout === undefined ? undefined : oneOf('layout', flags.layout, ['honeywell', 'microscan'] as const);
    return { device: new HidPosScanner({ name: 'probe', ...hidPort(port), serialNumber: flags['serial-number'], layout }) };
  },
  report: scanLine,
});
