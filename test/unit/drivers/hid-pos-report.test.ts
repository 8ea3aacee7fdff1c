import { describe, expect, it } from 'vitest';
import { HidLabelAssembler, HidReportError, layouts, type AssembledLabel } from '../../../drivers/scanner/hid-pos-report.ts';

// Report bytes are written out by hand from PROTOCOLS §1.2 (and the Microscan manual's layout it
// cites), not produced by the fake scanner, so these tests pin the decoder to the spec itself.

/** A 64-byte report: the given leading bytes, zeros, and the given bytes at fixed offsets. */
function report(head: readonly number[], at: Record<number, number> = {}, size = 64): Buffer {
  const bytes = Buffer.alloc(size);
  Buffer.from(head).copy(bytes);
  for (const [offset, value] of Object.entries(at)) bytes[Number(offset)] = value;
  return bytes;
}

const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];

/** PROTOCOLS §1.2: `02 0D 5D 45 30 34 30 30 36 33 38 31 33 33 33 39 33 31 00 … 00 64 00 00`. */
const GOLDEN_EAN13 = report([0x02, 0x0d, 0x5d, 0x45, 0x30, 0x34, 0x30, 0x30, 0x36, 0x33, 0x38, 0x31, 0x33, 0x33, 0x33, 0x39, 0x33, 0x31], { 61: 0x64 });

const labels = (results: AssembledLabel[]): { aim: string | null; text: string }[] =>
  results.map((result) => {
    if (result.kind !== 'label') throw new Error(`expected a label, got: ${result.reason}`);
    return { aim: result.aim, text: result.data.toString('latin1') };
  });

describe('Honeywell / Access-IS HID POS report layout', () => {
  const layout = layouts.honeywell;

  it('reads the golden EAN-13 report of PROTOCOLS §1.2: AIM id, 13 data bytes, no continuation', () => {
    expect(GOLDEN_EAN13).toHaveLength(64);
    const piece = layout.read(GOLDEN_EAN13);
    expect(piece).toEqual({ aim: ']E0', data: Buffer.from('4006381333931', 'latin1'), next: 'end' });
  });

  it('takes only the declared number of data bytes, whatever follows them in the padding', () => {
    const padded = report([0x02, 0x03, ...ascii(']C0ABC'), ...ascii('JUNK')], { 61: 0x6a });
    expect(layout.read(padded).data.toString('latin1')).toBe('ABC');
  });

  it('sees "more follows" in bit 0 of byte 63 only', () => {
    expect(layout.read(report([0x02, 0x01, ...ascii(']C0A')], { 63: 0x01 })).next).toBe('more');
    expect(layout.read(report([0x02, 0x01, ...ascii(']C0A')], { 63: 0xfe })).next).toBe('end');
  });

  it('reads a report without an AIM id (zeros in bytes 2–4) as a label without one', () => {
    expect(layout.read(report([0x02, 0x02, 0, 0, 0, ...ascii('42')]))).toMatchObject({ aim: null, next: 'end' });
  });

  it.each([
    [report([0x02, 0x01, ...ascii(']E0')], {}, 63), /64 bytes, got 63/],
    [report([0x02, 0x01, ...ascii(']E0')], {}, 65), /64 bytes, got 65/],
    [report([0x01, 0x01, ...ascii(']E0')]), /report ID 0x01 is not a Honeywell HID POS scanned-data report \(0x02\)/],
    [report([0x04, 0x01, ...ascii(']E0')]), /report ID 0x04/],
    [report([0x02, 57, ...ascii(']E0')]), /at most 56 data bytes, this one claims 57/],
    [report([0x02, 0x01, ...ascii('E0]')]), /bytes 2–4 are not an AIM identifier: 0x45 0x30 0x5d/],
  ])('refuses a bad report with a message naming what is wrong (%#)', (bytes, message) => {
    expect(() => layout.read(bytes)).toThrow(HidReportError);
    expect(() => layout.read(bytes)).toThrow(message);
  });
});

describe('Microscan HID report layout', () => {
  const layout = layouts.microscan;

  it('reads report ID 1, a length and up to 62 data bytes; the AIM id, if any, leads the data', () => {
    const bytes = report([0x01, 0x0a, ...ascii(']A02374938')]);
    expect(layout.read(bytes)).toEqual({ aim: null, data: Buffer.from(']A02374938', 'latin1'), next: 'end' });
  });

  it('cannot tell whether a full report is the last one', () => {
    expect(layout.read(report([0x01, 62, ...ascii('x'.repeat(62))])).next).toBe('maybe');
  });

  it.each([
    [report([0x02, 0x01, 0x41]), /report ID 0x02 is not a Microscan HID data report \(0x01\)/],
    [report([0x01, 63]), /at most 62 data bytes, this one claims 63/],
    [report([0x01, 0x01, 0x41], {}, 8), /64 bytes, got 8/],
  ])('refuses a bad report (%#)', (bytes, message) => {
    expect(() => layout.read(bytes)).toThrow(message);
  });
});

describe('putting labels together from reports', () => {
  /** A 60-byte label in two reports, as §1.2 describes: 56 bytes with byte 63 = 1, then 4 with byte 63 = 0. */
  const long = 'https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ-004217';

  it('delivers a one-report label at once', () => {
    const assembler = new HidLabelAssembler(layouts.honeywell);
    expect(labels(assembler.push(GOLDEN_EAN13, 0))).toEqual([{ aim: ']E0', text: '4006381333931' }]);
    expect(assembler.deadline).toBeNull();
  });

  it('joins a 60-byte label sent as a full report with the continuation bit and a report with the rest', () => {
    expect(long).toHaveLength(60);
    const first = report([0x02, 0x38, ...ascii(']Q1'), ...ascii(long.slice(0, 56))], { 63: 0x01 });
    const second = report([0x02, 0x04, ...ascii(']Q1'), ...ascii(long.slice(56))], { 63: 0x00 });
    const assembler = new HidLabelAssembler(layouts.honeywell);
    expect(assembler.push(first, 0)).toEqual([]);
    expect(assembler.deadline).toBe(1000);
    expect(labels(assembler.push(second, 3))).toEqual([{ aim: ']Q1', text: long }]);
    expect(assembler.deadline).toBeNull();
  });

  it('joins a label of three reports', () => {
    const text = 'A'.repeat(56) + 'B'.repeat(56) + 'C'.repeat(7);
    const parts = [text.slice(0, 56), text.slice(56, 112), text.slice(112)];
    const assembler = new HidLabelAssembler(layouts.honeywell);
    const out = parts.flatMap((part, i) => assembler.push(report([0x02, part.length, ...ascii(']d1'), ...ascii(part)], { 63: i < 2 ? 1 : 0 }), i));
    expect(labels(out)).toEqual([{ aim: ']d1', text }]);
  });

  it('gives up a label whose promised continuation never comes, and reads the next one', () => {
    const assembler = new HidLabelAssembler(layouts.honeywell, { giveUpMs: 500 });
    assembler.push(report([0x02, 0x02, ...ascii(']C0AB')], { 63: 0x01 }), 100);
    expect(assembler.settle(599)).toEqual([]);
    const [given] = assembler.settle(600);
    expect(given).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/incomplete label.*500 ms/) });
    expect(labels(assembler.push(GOLDEN_EAN13, 700))).toEqual([{ aim: ']E0', text: '4006381333931' }]);
  });

  it('settles an overdue label before reading the report that came late, instead of gluing them', () => {
    const assembler = new HidLabelAssembler(layouts.honeywell, { giveUpMs: 500 });
    assembler.push(report([0x02, 0x02, ...ascii(']C0AB')], { 63: 0x01 }), 0);
    const out = assembler.push(GOLDEN_EAN13, 2000);
    expect(out.map((result) => result.kind)).toEqual(['unreadable', 'label']);
  });

  it('gives up a half label when a report of another symbology starts', () => {
    const assembler = new HidLabelAssembler(layouts.honeywell);
    assembler.push(report([0x02, 0x02, ...ascii(']C0AB')], { 63: 0x01 }), 0);
    const out = assembler.push(GOLDEN_EAN13, 5);
    expect(out[0]).toMatchObject({ kind: 'unreadable', reason: 'a ]E0 report arrived before the ]C0 label was complete' });
    expect(labels(out.slice(1))).toEqual([{ aim: ']E0', text: '4006381333931' }]);
  });

  it('reports a bad report without losing the label being put together', () => {
    const assembler = new HidLabelAssembler(layouts.honeywell);
    assembler.push(report([0x02, 0x02, ...ascii(']C0AB')], { 63: 0x01 }), 0);
    expect(assembler.push(report([0x05]), 1)).toMatchObject([{ kind: 'unreadable', reason: expect.stringMatching(/report ID 0x05/) }]);
    expect(labels(assembler.push(report([0x02, 0x02, ...ascii(']C0CD')]), 2))).toEqual([{ aim: ']C0', text: 'ABCD' }]);
  });

  it('refuses a label longer than the limit', () => {
    const assembler = new HidLabelAssembler(layouts.honeywell, { maxLabelBytes: 100 });
    const full = report([0x02, 56, ...ascii(']C0'), ...ascii('x'.repeat(56))], { 63: 0x01 });
    expect(assembler.push(full, 0)).toEqual([]);
    expect(assembler.push(full, 1)).toMatchObject([{ kind: 'unreadable', reason: 'label longer than 100 bytes' }]);
    expect(assembler.deadline).toBeNull();
  });

  it('ends a Microscan label at a short report, or after a quiet time when the last report was full', () => {
    const assembler = new HidLabelAssembler(layouts.microscan, { quietMs: 50 });
    const text = 'M'.repeat(62);
    expect(assembler.push(report([0x01, 62, ...ascii(text)]), 0)).toEqual([]);
    expect(labels(assembler.push(report([0x01, 0x06, ...ascii('PORTS>')]), 4))).toEqual([{ aim: null, text: `${text}PORTS>` }]);

    expect(assembler.push(report([0x01, 62, ...ascii(text)]), 100)).toEqual([]);
    expect(assembler.deadline).toBe(150);
    expect(assembler.settle(149)).toEqual([]);
    expect(labels(assembler.settle(150))).toEqual([{ aim: null, text }]);
  });

  it('forgets a half label on reset', () => {
    const assembler = new HidLabelAssembler(layouts.honeywell);
    assembler.push(report([0x02, 0x02, ...ascii(']C0AB')], { 63: 0x01 }), 0);
    assembler.reset();
    expect(labels(assembler.push(report([0x02, 0x02, ...ascii(']C0CD')]), 1))).toEqual([{ aim: ']C0', text: 'CD' }]);
  });
});
