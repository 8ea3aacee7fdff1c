import { MagellanScannerScale } from '../scale/magellan.ts';
import { MtSicsScale } from '../scale/mt-sics.ts';
import type { ScaleReading } from '../scale/scale.ts';
import { Toledo8217Scale } from '../scale/toledo-8217.ts';
import type { ScanData } from '../scanner/scan-data.ts';
import { aborted, defineProbe, oneOf, serialLine, serialLineFlags, wholeNumber, type ProbeFlags, type ProbeLine } from './probe-kit.ts';
import { scanLine } from './scanner-probes.ts';

// Scale probes: the driver polls the scale as the lane does, and every reading that differs from
// the one before is printed (whole grams, the unit and digits the scale shows, its state).

const reading = (data: ScaleReading): ProbeLine => ({
  event: 'reading',
  grams: data.grams,
  unit: data.unit,
  shown: data.shown,
  state: data.state,
  net: data.net,
});

const scaleFlags = { ...serialLineFlags, 'poll-ms': 'milliseconds between polls (default: 200 for a scale\'s weight, 1000 for a printer\'s status)' } as const;

function scaleOptions(port: string, flags: ProbeFlags) {
  return { name: 'probe', path: port, ...serialLine(flags), pollMs: wholeNumber(flags, 'poll-ms', 20, 10_000) };
}

export const toledo8217Probe = defineProbe<ScaleReading>({
  kind: 'scale',
  protocol: 'toledo-8217',
  flags: { ...scaleFlags, unit: 'kg (default) or lb: what the scale is set to weigh in (its replies carry digits only)' },
  create(port, flags) {
    const unit = flags.unit === undefined ? undefined : oneOf('unit', flags.unit, ['kg', 'lb'] as const);
    return { device: new Toledo8217Scale({ ...scaleOptions(port, flags), unit }) };
  },
  report: reading,
});

export const mtSicsProbe = defineProbe<ScaleReading>({
  kind: 'scale',
  protocol: 'mt-sics',
  flags: scaleFlags,
  create: (port, flags) => ({ device: new MtSicsScale(scaleOptions(port, flags)) }),
  report: reading,
});

export const magellanProbe = defineProbe<ScaleReading>({
  kind: 'scale',
  protocol: 'magellan',
  flags: {
    ...scaleFlags,
    'zero-unit': 'kg (default) or lb: the unit of a stable zero before any weight was shown',
    framing: 'cr (default) or stx-etx (the NCR variant: messages in STX … ETX)',
  },
  create(port, flags) {
    const zeroUnit = flags['zero-unit'] === undefined ? undefined : oneOf('zero-unit', flags['zero-unit'], ['kg', 'lb'] as const);
    const framing = flags.framing === undefined ? undefined : oneOf('framing', flags.framing, ['cr', 'stx-etx'] as const);
    const scale = new MagellanScannerScale({ ...scaleOptions(port, flags), zeroUnit, framing });
    return {
      device: scale,
      // The scanner half of the scanner-scale: its labels arrive on the same cable.
      async drive(print, signal) {
        const label = (scan: ScanData): void => print(scanLine(scan));
        scale.on('scan', label);
        await aborted(signal);
        scale.off('scan', label);
      },
    };
  },
  report: reading,
});
