import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCheck } from '../../../drivers/scale/line-check.ts';
import { decodeMagellanLabel, decodeMagellanScale } from '../../../drivers/scale/magellan.ts';
import { decodeSicsWeight, decodeSicsZeroOrTare } from '../../../drivers/scale/mt-sics.ts';
import { ScaleError } from '../../../drivers/scale/scale.ts';
import { decodeToledoReply, toledoStatus } from '../../../drivers/scale/toledo-8217.ts';
import { toGrams } from '../../../drivers/scale/units.ts';

const bytes = (...values: number[]): Buffer => Buffer.from(values);
const text = (value: string): Buffer => Buffer.from(value, 'latin1');

describe('weight units to grams', () => {
  it.each([
    ['01.234', 'kg', 1234],
    ['00.000', 'kg', 0],
    ['15.000', 'kg', 15_000],
    ['100.00', 'g', 100],
    ['100.49', 'g', 100],
    ['100.50', 'g', 101],
    ['-12.50', 'g', -13],
    ['01.00', 'lb', 454], // 453.59237 g
    ['02.72', 'lb', 1234], // 1233.77 g
    ['1', 'oz', 28], // 28.349523125 g
    ['0.0005', 'kg', 1],
  ] as const)('%s %s is %i g', (shown, unit, grams) => {
    expect(toGrams(shown, unit)).toBe(grams);
  });

  it('refuses text that is not a decimal weight', () => {
    for (const shown of ['', '.', '1.2.3', '12a', '--1', '1e3']) expect(() => toGrams(shown, 'kg')).toThrow(/not a decimal weight/);
  });

  it('converts kilograms with three decimals exactly, for every weight up to 100 kg', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), (grams) => {
        const shown = `${String(Math.floor(grams / 1000)).padStart(2, '0')}.${String(grams % 1000).padStart(3, '0')}`;
        expect(toGrams(shown, 'kg')).toBe(grams);
      }),
    );
  });
});

describe('Toledo 8217 replies', () => {
  it('decodes the golden stable kg frame 02 30 31 2E 32 33 34 (PROTOCOLS §2.1)', () => {
    expect(decodeToledoReply(bytes(0x02, 0x30, 0x31, 0x2e, 0x32, 0x33, 0x34), 'kg', 7)).toEqual({
      grams: 1234,
      unit: 'kg',
      shown: '01.234',
      state: 'stable',
      net: false,
      at: 7,
    });
  });

  it('reads a net weight, a pound weight, and drops line noise before the STX', () => {
    expect(decodeToledoReply(text('\x0200.500N'), 'kg', 0)).toMatchObject({ grams: 500, net: true });
    expect(decodeToledoReply(text('\x0201.23'), 'lb', 0)).toMatchObject({ grams: 558, unit: 'lb', shown: '01.23' });
    expect(decodeToledoReply(text('\x00\x13\x02\x0201.234'), 'kg', 0)).toMatchObject({ grams: 1234 });
  });

  it.each([
    ['?@', 'notReady', false],
    ['?A', 'motion', false],
    ['?B', 'overCapacity', false],
    ['?D', 'underZero', false],
    ['?H', 'zeroError', false],
    ['?P', 'notReady', false],
    ['?Q', 'motion', false],
    ['?a', 'motion', true],
    ['?G', 'overCapacity', false],
  ] as const)('decodes the status %s by its bits as %s', (status, state, net) => {
    expect(decodeToledoReply(text(`\x02${status}`), 'kg', 0)).toMatchObject({ grams: null, state, net });
  });

  it('ignores the parity bit of the status byte and refuses one without bit 6', () => {
    expect(toledoStatus(0xc1)).toEqual({ state: 'motion', net: false });
    expect(() => toledoStatus(0x01)).toThrow(/bit 6/);
  });

  it('returns nothing for a frame without STX and refuses garbage where the digits belong', () => {
    expect(decodeToledoReply(text('hello'), 'kg', 0)).toBeUndefined();
    expect(() => decodeToledoReply(bytes(0x02, 0x30, 0xb1, 0x2e, 0x32, 0x33, 0x34), 'kg', 0)).toThrow(ScaleError);
    expect(() => decodeToledoReply(text('\x021234'), 'kg', 0)).toThrow(/neither a weight nor a status/);
  });
});

describe('MT-SICS replies', () => {
  it('decodes the golden stable reply "S S     100.00 g"', () => {
    expect(decodeSicsWeight(text('S S     100.00 g'), 3, false)).toEqual({ grams: 100, unit: 'g', shown: '100.00', state: 'stable', net: false, at: 3 });
  });

  it.each([
    ['S D      12.34 kg', { grams: 12_340, state: 'motion', unit: 'kg' }],
    ['S S     -12.00 g', { grams: -12, state: 'underZero' }],
    ['S +', { grams: null, state: 'overCapacity' }],
    ['S -', { grams: null, state: 'underZero' }],
    ['S I', { grams: null, state: 'notReady' }],
  ])('decodes "%s"', (line, expected) => {
    expect(decodeSicsWeight(text(line), 0, false)).toMatchObject(expected);
  });

  it('gives a reply without a weight the unit last seen', () => {
    expect(decodeSicsWeight(text('S +'), 0, false, 'scale', 'kg')).toMatchObject({ unit: 'kg', grams: null, state: 'overCapacity' });
  });

  it('names the error replies ES, ET and EL, and ignores replies to other commands', () => {
    expect(() => decodeSicsWeight(text('ES'), 0, false)).toThrow(/syntax error/);
    expect(() => decodeSicsWeight(text('ET'), 0, false)).toThrow(/transmission error/);
    expect(() => decodeSicsWeight(text('EL'), 0, false)).toThrow(/logical error/);
    expect(decodeSicsWeight(text('Z A'), 0, false)).toBeUndefined();
    expect(() => decodeSicsWeight(text('S S 12,5 g'), 0, false)).toThrow(/malformed weight reply/);
    expect(() => decodeSicsWeight(text('S S 12.5 mg'), 0, false)).toThrow(/malformed weight reply/);
  });

  it('decodes zero and tare replies', () => {
    expect(decodeSicsZeroOrTare(text('Z A'), 'Z')).toBe(0);
    expect(decodeSicsZeroOrTare(text('T S     100.00 g'), 'T')).toBe(100);
    expect(() => decodeSicsZeroOrTare(text('Z I'), 'Z')).toThrow(/not executable/);
    expect(() => decodeSicsZeroOrTare(text('Z +'), 'Z')).toThrow(/outside the zero range/);
    expect(decodeSicsZeroOrTare(text('S S 1.00 g'), 'T')).toBeUndefined();
  });
});

describe('Magellan frames', () => {
  it('reads the golden label S08A036000291452 as UPC-A, and the other label ids', () => {
    expect(decodeMagellanLabel('S08A036000291452')).toEqual({ code: '036000291452', symbology: 'upc-a', aim: null });
    expect(decodeMagellanLabel('S08F4006381333931')).toEqual({ code: '4006381333931', symbology: 'ean-13', aim: null });
    expect(decodeMagellanLabel('S08FF96385074')).toEqual({ code: '96385074', symbology: 'ean-8', aim: null });
    expect(decodeMagellanLabel('S08E04252614')).toEqual({ code: '04252614', symbology: 'upc-e', aim: null });
    expect(decodeMagellanLabel('S08B3LANE-7')).toEqual({ code: 'LANE-7', symbology: 'code-128', aim: null });
    expect(() => decodeMagellanLabel('S08F4006381333932')).toThrow(/not a valid/);
  });

  it('reads weights without a decimal point: 4 digits are hundredths of a pound, 5 thousandths of a kilogram', () => {
    expect(decodeMagellanScale('S14401234', 0, 'kg')).toMatchObject({ grams: 1234, unit: 'kg', shown: '01.234', state: 'stable' });
    expect(decodeMagellanScale('S1440272', 0, 'kg')).toMatchObject({ grams: 1234, unit: 'lb', shown: '02.72' });
    expect(decodeMagellanScale('S1101234', 0, 'lb')).toMatchObject({ grams: 1234, unit: 'kg', state: 'stable' });
    expect(decodeMagellanScale('S110272', 0, 'kg')).toMatchObject({ grams: 1234, unit: 'lb', state: 'stable' });
  });

  it.each([
    ['S140', 'zeroError', null],
    ['S141', 'motion', null],
    ['S142', 'overCapacity', null],
    ['S143', 'stable', 0],
    ['S145', 'underZero', null],
  ] as const)('reads the scale status %s as %s', (frame, state, grams) => {
    expect(decodeMagellanScale(frame, 0, 'lb')).toMatchObject({ state, grams, unit: 'lb' });
  });

  it('leaves labels to the scanner side and refuses unknown statuses', () => {
    expect(decodeMagellanScale('S08A036000291452', 0, 'kg')).toBeUndefined();
    expect(() => decodeMagellanScale('S149', 0, 'kg')).toThrow(/unknown scale status/);
  });
});

describe('line settings check', () => {
  const sevenEven = (ascii: string): Buffer =>
    Buffer.from([...Buffer.from(ascii, 'latin1')].map((byte) => ([...byte.toString(2)].filter((bit) => bit === '1').length % 2 ? byte | 0x80 : byte)));

  it('recognises 7E1 bytes arriving on a port opened 8N1', () => {
    const check = new LineCheck({ dataBits: 8, parity: 'none' });
    expect(check.push(sevenEven('\x0201.234\r'))).toMatch(/7 data bits with even parity \(7E1\)/);
  });

  it('recognises 8-bit bytes arriving on a port opened 7E1', () => {
    const check = new LineCheck({ dataBits: 7, parity: 'even' });
    expect(check.push(bytes(0x02, 0xb0, 0xb1, 0x2e, 0xb2, 0x33, 0x34, 0x0d))).toMatch(/bit 7 set arrived on a port opened 7E1/);
  });

  it('does not blame the line settings for plain ASCII or a stray noise byte', () => {
    const eight = new LineCheck({ dataBits: 8, parity: 'none' });
    expect(eight.push(text('S S     100.00 g\r\n'))).toBeNull();
    expect(eight.push(bytes(0xff, 0x00))).toBeNull();
    const seven = new LineCheck({ dataBits: 7, parity: 'even' });
    expect(seven.push(bytes(0x02, 0x30, 0xff, 0x2e, 0x0d))).toBeNull();
  });
});
