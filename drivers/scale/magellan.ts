import { z } from 'zod';
import type { ScanData } from '../scanner/scan-data.ts';
import { hexPreview } from '../scanner/frame.ts';
import { LabelError, parseLabel, type ScanLabel } from '../scanner/symbology.ts';
import { parseOptions } from '../link/serial-link.ts';
import { ScaleError, type ScaleEvents, type ScaleReading, type WeightUnit } from './scale.ts';
import { SerialScale, scaleOptionsSchema, type ScaleDriverOptions, type ScaleRequest } from './serial-scale.ts';
import { toGrams } from './units.ts';

// Datalogic Magellan single-cable scanner-scale (PROTOCOLS §2.2): one port, "S" + CR framing,
// scale replies and unsolicited scanner labels interleaved. 9600 7O1 as CORE-POS opens it. The
// NCR variant wraps the same messages in real STX (02) … ETX (03) instead of ending them in CR.

/** How messages are framed on the wire: `cr` (`S14` CR, the default) or the NCR `stx-etx` (STX `S14` ETX). */
export type MagellanFraming = 'cr' | 'stx-etx';

/** One message as it goes on the wire in `framing`. */
export function magellanFrame(message: string, framing: MagellanFraming): Buffer {
  return Buffer.from(framing === 'stx-etx' ? `\x02${message}\x03` : `${message}\r`, 'latin1');
}

/** The Magellan's label ids and the AIM identifier that names the same symbology (longest id first). */
const labelIds: readonly (readonly [string, string])[] = [
  ['FF', ']E4'], // EAN-8
  ['F', ']E0'], // EAN-13
  ['A', ']E0'], // UPC-A
  ['E', ']E0'], // UPC-E
  ['B1', ']A0'], // Code 39
  ['B2', ']I0'], // Interleaved 2 of 5
  ['B3', ']C0'], // Code 128
  ['R', ']e0'], // GS1 DataBar
];

/** Reads an `S08<id><data>` label; the check digits of EAN/UPC labels are verified. */
export function decodeMagellanLabel(text: string): ScanLabel {
  const body = text.slice(3);
  for (const [id, aim] of labelIds) {
    if (!body.startsWith(id)) continue;
    const data = body.slice(id.length);
    // UPC-A travels as 12 digits here; as 13 under ]E0, so one label yields one code either way.
    const label = parseLabel(`${aim}${id === 'A' ? `0${data}` : data}`);
    return { ...label, aim: null };
  }
  if (body.length === 0) throw new LabelError('empty Magellan label');
  return { code: body, symbology: 'unknown', aim: null };
}

/**
 * Decodes a scale reply: `S11wwww` / `S144wwww` a stable weight (4 digits: hundredths of a pound;
 * 5 digits: thousandths of a kilogram; no decimal point), `S140` cannot find zero, `S141` motion,
 * `S142` over capacity, `S143` stable zero, `S145` under zero. Undefined for other frames.
 */
export function decodeMagellanScale(text: string, at: number, zeroUnit: WeightUnit, scale = 'scale'): ScaleReading | undefined {
  const weight = /^S(?:11|144)([0-9]{4,5})$/.exec(text);
  if (weight?.[1]) {
    const digits = weight[1];
    const unit = digits.length === 4 ? 'lb' : 'kg';
    const shown = `${digits.slice(0, 2)}.${digits.slice(2)}`;
    return { grams: toGrams(shown, unit), unit, shown, state: 'stable', net: false, at };
  }
  if (!/^S14[0-9]/.test(text)) return undefined;
  const blank = { grams: null, unit: zeroUnit, shown: '', net: false, at } as const;
  switch (text) {
    case 'S140':
      return { ...blank, state: 'zeroError' };
    case 'S141':
      return { ...blank, state: 'motion' };
    case 'S142':
      return { ...blank, state: 'overCapacity' };
    case 'S143':
      return { ...blank, grams: 0, state: 'stable' };
    case 'S145':
      return { ...blank, state: 'underZero' };
    default:
      throw new ScaleError(scale, 'protocol', `unknown scale status "${text}"`);
  }
}

/** Magellan frames may carry noise glued in front; the frame proper starts at its `S`. */
function frameText(frame: Buffer): string {
  const text = frame.toString('latin1');
  const at = text.search(/S(?:08|1[14]|3)/);
  return at < 0 ? '' : text.slice(at);
}

/** `S14` and its ≤ 10-byte reply take ≈ 15 ms at 9600 7O1; CORE-POS re-sends S14 after every reply. */
export const MAGELLAN_POLL_MS = 50;

const MagellanOptionsSchema = scaleOptionsSchema({ dataBits: 7, parity: 'odd' }, MAGELLAN_POLL_MS).extend({
  zeroUnit: z.enum(['kg', 'lb']).default('kg'),
  framing: z.enum(['cr', 'stx-etx']).default('cr'),
});

export type MagellanEvents = ScaleEvents & { scan: [ScanData] };

export interface MagellanOptions extends ScaleDriverOptions {
  /** The unit to report a stable zero in before the scale has shown any weight. */
  readonly zeroUnit?: 'kg' | 'lb';
  /** `stx-etx` for the NCR variant; `cr` (the default) otherwise. */
  readonly framing?: MagellanFraming;
}

/**
 * A Magellan scanner-scale on one cable. As a scale it polls `S14` (status with the weight when
 * stable); labels arrive unsolicited as `S08…` and are emitted as `scan` events, so the lane can
 * use it as a scanner too. Zero and tare are done on the scale itself (the protocol has none).
 */
export class MagellanScannerScale extends SerialScale<MagellanEvents> {
  #unit: WeightUnit;
  readonly #framing: MagellanFraming;

  constructor(options: MagellanOptions) {
    const settings = parseOptions(MagellanOptionsSchema, options, 'magellan scanner-scale');
    // A frame ends at ETX in the NCR variant; its leading STX is dropped with any noise (frameText).
    super(settings, settings.framing === 'stx-etx' ? 'ETX' : 'CR', { zero: false, tare: false });
    this.#unit = settings.zeroUnit;
    this.#framing = settings.framing;
  }

  protected override weightRequest(): ScaleRequest<ScaleReading> {
    return {
      bytes: magellanFrame('S14', this.#framing),
      what: 'S14',
      reply: (frame, at) => {
        const reading = decodeMagellanScale(frameText(frame), at, this.#unit, this.name);
        if (reading?.grams) this.#unit = reading.unit;
        return reading;
      },
    };
  }

  protected override unsolicited(frame: Buffer, _at: number): boolean {
    const text = frameText(frame);
    if (!text.startsWith('S08')) return false;
    try {
      const label = decodeMagellanLabel(text);
      if (this.enabled) this.emit('scan', { ...label, source: 'scanner', device: this.name });
    } catch (error) {
      if (!(error instanceof LabelError)) throw error;
      this.reportError(new ScaleError(this.name, 'protocol', `unreadable label: ${error.message} [${hexPreview(frame)}]`));
    }
    return true;
  }
}
