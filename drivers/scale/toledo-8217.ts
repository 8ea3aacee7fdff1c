import { z } from 'zod';
import { parseOptions } from '../link/serial-link.ts';
import { hexPreview } from '../scanner/frame.ts';
import { ScaleError, type ScaleReading, type ScaleState } from './scale.ts';
import { SerialScale, scaleOptionsSchema, type ScaleDriverOptions, type ScaleRequest } from './serial-scale.ts';
import { toGrams } from './units.ts';

// Mettler Toledo 8217 / 8213 ECR protocol, also the "standard RS-232 scale" (PROTOCOLS §2.1).

const STX = 0x02;

/**
 * `W` and its 8-byte reply take ≈ 10 ms at 9600 7E1. Odoo polls every 0.5 s, which leaves a placed
 * item waiting a quarter of a second on average; 50 ms is still a light load for the scale.
 */
export const TOLEDO_8217_POLL_MS = 50;

const ToledoOptionsSchema = scaleOptionsSchema({ dataBits: 7, parity: 'even' }, TOLEDO_8217_POLL_MS).extend({
  /** The unit the scale is set to weigh in; its replies carry digits only. */
  unit: z.enum(['kg', 'lb']).default('kg'),
});

export interface Toledo8217Options extends ScaleDriverOptions {
  readonly unit?: 'kg' | 'lb';
}

/** The states the status byte of `STX ? <status> CR` encodes, most serious first (bit 6 is always 1, bit 7 parity). */
export function toledoStatus(status: number): { state: Exclude<ScaleState, 'stable'>; net: boolean } {
  const bits = status & 0x7f;
  if ((bits & 0x40) === 0) throw new RangeError(`status byte 0x${status.toString(16)} lacks bit 6, which the 8217 always sets`);
  const net = (bits & 0x20) !== 0;
  if (bits & 0x02) return { state: 'overCapacity', net };
  if (bits & 0x04) return { state: 'underZero', net };
  if (bits & 0x08) return { state: 'zeroError', net };
  if (bits & 0x01) return { state: 'motion', net };
  return { state: 'notReady', net };
}

/**
 * Decodes one 8217 reply (the bytes before its CR): `STX 01.234` (stable, `N` appended when net)
 * or `STX ? <status>`. Bytes before the last STX are line noise. Undefined when the frame holds no
 * STX at all; a `ScaleError` for anything else that is not a weight reply.
 */
export function decodeToledoReply(frame: Buffer, unit: 'kg' | 'lb', at: number, scale = 'scale'): ScaleReading | undefined {
  const start = frame.lastIndexOf(STX);
  if (start < 0) return undefined;
  const body = frame.subarray(start + 1);
  if (body.length === 2 && body[0] === 0x3f) {
    try {
      return { grams: null, unit, shown: '', ...toledoStatus(body[1] ?? 0), at };
    } catch (error) {
      throw new ScaleError(scale, 'protocol', `${(error as Error).message} [${hexPreview(frame)}]`);
    }
  }
  const text = body.toString('latin1');
  const match = /^([0-9]{1,4}\.[0-9]{1,4})(N?)$/.exec(text);
  if (!match?.[1]) {
    throw new ScaleError(scale, 'protocol', `"${printable(text)}" is neither a weight nor a status [${hexPreview(frame)}]`);
  }
  const shown = match[1];
  return { grams: toGrams(shown, unit), unit, shown, state: 'stable', net: match[2] === 'N', at };
}

const printable = (text: string): string => text.replace(/[^\x20-\x7e]/g, '·');

/**
 * A Mettler Toledo 8217 scale: polls `W`; the scale answers with a weight only when it is stable
 * and legal, otherwise with its status bits. `Z`, `T` and `C` get no reply, so zero and tare are
 * confirmed by reading the weight back.
 */
export class Toledo8217Scale extends SerialScale {
  readonly #unit: 'kg' | 'lb';

  constructor(options: Toledo8217Options) {
    const settings = parseOptions(ToledoOptionsSchema, options, 'toledo-8217 scale');
    super(settings, 'CR', { zero: true, tare: true });
    this.#unit = settings.unit;
  }

  protected override weightRequest(): ScaleRequest<ScaleReading> {
    return { bytes: Buffer.from('W', 'latin1'), what: 'W', reply: (frame, at) => decodeToledoReply(frame, this.#unit, at, this.name) };
  }

  protected override async zeroScale(): Promise<void> {
    await this.send(Buffer.from('Z', 'latin1'));
    const after = await this.readWeight();
    if (after.state !== 'stable') throw new ScaleError(this.name, after.state, 'after Z');
    if (after.grams !== 0) throw new ScaleError(this.name, 'refused', `zero not taken: the scale still reads ${after.shown} ${after.unit}`);
  }

  protected override async tareScale(): Promise<void> {
    await this.send(Buffer.from('T', 'latin1'));
    const after = await this.readWeight();
    if (after.state !== 'stable') throw new ScaleError(this.name, after.state, 'after T');
    if (!after.net || after.grams !== 0) throw new ScaleError(this.name, 'refused', `tare not taken: the scale reads ${after.shown} ${after.unit}${after.net ? ' net' : ''}`);
  }

  /** Clears the tare (`C`); later readings are gross. */
  async clearTare(): Promise<void> {
    await this.send(Buffer.from('C', 'latin1'));
  }
}
