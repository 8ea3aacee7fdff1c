import { parseOptions } from '../link/serial-link.ts';
import { hexPreview } from '../scanner/frame.ts';
import { ScaleError, type ScaleReading, type WeightUnit } from './scale.ts';
import { SerialScale, scaleOptionsSchema, type ScaleDriverOptions, type ScaleRequest } from './serial-scale.ts';
import { toGrams } from './units.ts';

// Mettler Toledo Standard Interface Command Set (PROTOCOLS §2.4): CR LF lines, 8N1 by default.

const units: Readonly<Record<string, WeightUnit>> = { g: 'g', kg: 'kg', lb: 'lb', oz: 'oz' };

/** A reply line split into its words (the weight field is padded with spaces). */
function words(frame: Buffer): string[] {
  // Noise before the reply (a byte glued to the start of the line) is not part of it.
  const text = frame.toString('latin1').replace(/^[^A-Z]+/, '');
  return text.split(/ +/).filter((word) => word.length > 0);
}

/** The `ES`/`ET`/`EL` replies any command may get instead of its own. */
function commandError(id: string | undefined, command: string, scale: string, frame: Buffer): ScaleError | null {
  switch (id) {
    case 'ES':
      return new ScaleError(scale, 'protocol', `${command}: the scale reports a syntax error (ES)`);
    case 'ET':
      return new ScaleError(scale, 'protocol', `${command}: the scale reports a transmission error (ET) [${hexPreview(frame)}]`);
    case 'EL':
      return new ScaleError(scale, 'refused', `${command}: the scale reports a logical error (EL)`);
    default:
      return null;
  }
}

/**
 * Decodes the reply to `S` or `SI`: `S S <weight> <unit>` stable, `S D …` dynamic, `S I` not
 * executable, `S +` overload, `S -` underload. Undefined for a line that answers something else.
 * Replies without a weight carry no unit either: `lastUnit` (the unit last seen) stands in.
 */
export function decodeSicsWeight(frame: Buffer, at: number, net: boolean, scale = 'scale', lastUnit: WeightUnit = 'g'): ScaleReading | undefined {
  const [id, status, weight, unitText] = words(frame);
  const error = commandError(id, 'SI', scale, frame);
  if (error) throw error;
  if (id !== 'S') return undefined;
  switch (status) {
    case 'I':
      return { grams: null, unit: lastUnit, shown: '', state: 'notReady', net, at };
    case '+':
      return { grams: null, unit: lastUnit, shown: '', state: 'overCapacity', net, at };
    case '-':
      return { grams: null, unit: lastUnit, shown: '', state: 'underZero', net, at };
    case 'S':
    case 'D': {
      const unit = units[unitText ?? ''];
      if (!weight || !unit || !/^-?[0-9]+(\.[0-9]+)?$/.test(weight)) {
        throw new ScaleError(scale, 'protocol', `malformed weight reply "${words(frame).join(' ')}" [${hexPreview(frame)}]`);
      }
      const grams = toGrams(weight, unit);
      const state = status === 'D' ? 'motion' : grams < 0 ? 'underZero' : 'stable';
      return { grams, unit, shown: weight, state, net, at };
    }
    default:
      throw new ScaleError(scale, 'protocol', `unknown weight reply "${words(frame).join(' ')}" [${hexPreview(frame)}]`);
  }
}

/** Decodes the reply to `Z` (`Z A` done) or `T` (`T S <tare> <unit>` done): the tare in grams, 0 for Z. */
export function decodeSicsZeroOrTare(frame: Buffer, command: 'Z' | 'T', scale = 'scale'): number | undefined {
  const [id, status, weight, unitText] = words(frame);
  const error = commandError(id, command, scale, frame);
  if (error) throw error;
  if (id !== command) return undefined;
  if (command === 'Z' && status === 'A') return 0;
  if (command === 'T' && status === 'S') {
    const unit = units[unitText ?? ''];
    if (!weight || !unit) throw new ScaleError(scale, 'protocol', `malformed tare reply "${words(frame).join(' ')}"`);
    return toGrams(weight, unit);
  }
  if (status === 'I') throw new ScaleError(scale, 'refused', `${command} not executable now (the weight is not stable or the scale is busy)`);
  if (status === '+' || status === '-') {
    throw new ScaleError(scale, command === 'Z' ? 'zeroError' : 'refused', `${command} ${status}: outside the ${command === 'Z' ? 'zero' : 'tare'} range`);
  }
  throw new ScaleError(scale, 'protocol', `unknown ${command} reply "${words(frame).join(' ')}"`);
}

export type MtSicsOptions = ScaleDriverOptions;

/** `SI` and its ≈ 20-byte reply take ≈ 25 ms at 9600 8N1; the gap leaves a slow balance time to answer. */
export const MT_SICS_POLL_MS = 75;

/** A scale or weigh module speaking MT-SICS: polls `SI` (live weight with its stability), zeroes with `Z`, tares with `T`. */
export class MtSicsScale extends SerialScale {
  /** True once a tare is in place; SICS weight replies do not say whether they are net. */
  #net = false;
  #unit: WeightUnit = 'g';

  constructor(options: MtSicsOptions) {
    super(parseOptions(scaleOptionsSchema({ dataBits: 8, parity: 'none' }, MT_SICS_POLL_MS), options, 'mt-sics scale'), 'CRLF', { zero: true, tare: true });
  }

  protected override weightRequest(): ScaleRequest<ScaleReading> {
    return {
      bytes: Buffer.from('SI\r\n', 'latin1'),
      what: 'SI',
      reply: (frame, at) => {
        const reading = decodeSicsWeight(frame, at, this.#net, this.name, this.#unit);
        if (reading) this.#unit = reading.unit;
        return reading;
      },
    };
  }

  protected override async zeroScale(): Promise<void> {
    await this.request({ bytes: Buffer.from('Z\r\n', 'latin1'), what: 'Z', reply: (frame) => decodeSicsZeroOrTare(frame, 'Z', this.name) });
  }

  protected override async tareScale(): Promise<void> {
    const tare = await this.request({ bytes: Buffer.from('T\r\n', 'latin1'), what: 'T', reply: (frame) => decodeSicsZeroOrTare(frame, 'T', this.name) });
    this.#net = tare !== 0;
  }
}
