import { describe, expect, it } from 'vitest';
import { hexPreview, readFrame, ScanFramer, type RawFrame } from '../../../drivers/scanner/frame.ts';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const texts = (frames: RawFrame[]): { text: string; complete: boolean }[] =>
  frames.map((frame) => ({ text: frame.bytes.toString('latin1'), complete: frame.complete }));

describe('ScanFramer', () => {
  it('cuts a burst at every CR and keeps the unterminated rest for the next read', () => {
    const framer = new ScanFramer({ suffix: 'CR' });
    expect(texts(framer.push(bytes('4006381333931\r0360002'), 0))).toEqual([{ text: '4006381333931', complete: true }]);
    expect(texts(framer.push(bytes('91452\r'), 5))).toEqual([{ text: '036000291452', complete: true }]);
  });

  it('finds a CRLF terminator split over two reads, and does not cut at a lone CR', () => {
    const framer = new ScanFramer({ suffix: 'CRLF' });
    expect(framer.push(bytes('96385074\r'), 0)).toEqual([]);
    expect(texts(framer.push(bytes('\nA\rB\r\n'), 1))).toEqual([
      { text: '96385074', complete: true },
      { text: 'A\rB', complete: true },
    ]);
  });

  it.each([
    ['TAB', '\t'],
    ['ETX', '\x03'],
  ] as const)('frames at %s', (suffix, terminator) => {
    const framer = new ScanFramer({ suffix });
    expect(texts(framer.push(bytes(`12345670${terminator}X\r${terminator}`), 0))).toEqual([
      { text: '12345670', complete: true },
      { text: 'X\r', complete: true },
    ]);
  });

  it('gives up a partial frame when the next burst starts after the stale time, instead of gluing them', () => {
    const framer = new ScanFramer({ suffix: 'CR', staleAfterMs: 100 });
    expect(framer.push(bytes('40063'), 1000)).toEqual([]);
    expect(texts(framer.push(bytes('036000291452\r'), 1101))).toEqual([
      { text: '40063', complete: false },
      { text: '036000291452', complete: true },
    ]);
  });

  it('keeps a partial frame whose next piece arrives within the stale time', () => {
    const framer = new ScanFramer({ suffix: 'CR', staleAfterMs: 100 });
    framer.push(bytes('40063'), 1000);
    expect(texts(framer.push(bytes('81333931\r'), 1100))).toEqual([{ text: '4006381333931', complete: true }]);
  });

  it('drops an overlong run without a terminator as incomplete', () => {
    const framer = new ScanFramer({ suffix: 'CR', maxFrameBytes: 8 });
    expect(framer.push(bytes('12345678'), 0)).toEqual([]);
    expect(texts(framer.push(bytes('9'), 1))).toEqual([{ text: '123456789', complete: false }]);
    expect(texts(framer.push(bytes('OK\r'), 2))).toEqual([{ text: 'OK', complete: true }]);
  });

  it('forgets a pending partial frame on reset', () => {
    const framer = new ScanFramer({ suffix: 'CR' });
    framer.push(bytes('4006'), 0);
    framer.reset();
    expect(texts(framer.push(bytes('96385074\r'), 1))).toEqual([{ text: '96385074', complete: true }]);
  });

  it('does not keep a view into the caller’s buffer', () => {
    const framer = new ScanFramer({ suffix: 'CR' });
    const chunk = bytes('4006');
    framer.push(chunk, 0);
    chunk.fill(0x58); // the port reuses its read buffer
    expect(texts(framer.push(bytes('381333931\r'), 1))).toEqual([{ text: '4006381333931', complete: true }]);
  });
});

describe('readFrame', () => {
  const none = Buffer.alloc(0);

  it('reads a plain label, and drops line noise in front of it', () => {
    expect(readFrame(bytes('4006381333931'), none)).toEqual({ kind: 'label', text: '4006381333931' });
    expect(readFrame(Buffer.from([0x00, 0xff, 0x00, 0x34, 0x32]), none)).toEqual({ kind: 'label', text: '42' });
  });

  it('calls a frame of only non-printable bytes noise, and an empty one too', () => {
    expect(readFrame(Buffer.from([0x00, 0xff, 0x13]), none)).toEqual({ kind: 'noise' });
    expect(readFrame(none, none)).toEqual({ kind: 'noise' });
    expect(readFrame(bytes('#'), bytes('#'))).toEqual({ kind: 'noise' });
  });

  it('strips the programmed prefix with anything before it', () => {
    expect(readFrame(bytes('\x00\xffSCN]E04006381333931'), bytes('SCN'))).toEqual({ kind: 'label', text: ']E04006381333931' });
  });

  it('refuses printable data without the programmed prefix, naming it', () => {
    expect(readFrame(bytes('4006381333931'), bytes('#'))).toEqual({ kind: 'invalid', reason: 'the configured prefix is missing' });
    expect(readFrame(Buffer.from([0x00, 0x01]), bytes('#'))).toEqual({ kind: 'noise' });
  });

  it('refuses a control byte no scanner sends, naming the byte and its position', () => {
    expect(readFrame(bytes('AB\x01C'), none)).toEqual({ kind: 'invalid', reason: 'unexpected control byte 0x01 at position 2' });
    expect(readFrame(bytes('AB\x7f'), none)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('0x7f') as string });
  });

  it('keeps the GS separators of a GS1 element string and the RS/EOT of ISO 15434', () => {
    expect(readFrame(bytes(']C1010401234567890810ABC\x1d17260101'), none)).toEqual({ kind: 'label', text: ']C1010401234567890810ABC\x1d17260101' });
    expect(readFrame(bytes('[)>\x1e06\x1d1PABC\x1e\x04'), none)).toMatchObject({ kind: 'label' });
  });

  it('reads UTF-8 text from a 2D code and refuses bytes that are not UTF-8', () => {
    expect(readFrame(Buffer.from(']Q1Crème brûlée', 'utf8'), none)).toEqual({ kind: 'label', text: ']Q1Crème brûlée' });
    expect(readFrame(Buffer.from([0x41, 0xc3, 0x28]), none)).toEqual({ kind: 'invalid', reason: 'not valid UTF-8' });
  });
});

describe('hexPreview', () => {
  it('shows short frames whole and long ones cut with their length', () => {
    expect(hexPreview(Buffer.from([0x5d, 0x45, 0x30, 0x0d]))).toBe('5d 45 30 0d');
    expect(hexPreview(Buffer.alloc(40, 0x41), 2)).toBe('41 41 … (40 bytes)');
  });
});
