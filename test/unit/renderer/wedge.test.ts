import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeStep } from '../../../renderer/src/scanning/wedge.ts';

/** Feeds keys `gapMs` apart from `startMs`; returns every step and the text handed back for typing. */
function feed(detector: WedgeDetector, keys: readonly string[], startMs: number, gapMs: number): { steps: WedgeStep[]; released: string } {
  const steps = keys.map((key, index) => detector.feed(key, startMs + index * gapMs));
  return { steps, released: steps.map((step) => step.released).join('') };
}

const chars = (text: string): string[] => [...text];

describe('the keyboard-wedge detector', () => {
  it('recognises a fast burst of digits ending in Enter as a scan', () => {
    const detector = new WedgeDetector();
    const { steps } = feed(detector, [...chars('5012345678900'), 'Enter'], 1000, 8);
    expect(steps.slice(0, -1).every((step) => step.kind === 'held')).toBe(true);
    expect(steps.at(-1)).toEqual({ kind: 'scan', released: '', scan: { code: '5012345678900', aim: null } });
  });

  it('recognises letters of a Code 128 label and a Tab terminator, ignoring the Shift presses', () => {
    const detector = new WedgeDetector();
    const keys = ['Shift', 'L', 'Shift', 'O', 'T', '-', '4', '2', '7', 'Tab'];
    const { steps } = feed(detector, keys, 0, 5);
    expect(steps.at(-1)).toMatchObject({ kind: 'scan', scan: { code: 'LOT-427' } });
  });

  it('hands human typing back for normal handling and never reports a scan', () => {
    const detector = new WedgeDetector();
    const { steps, released } = feed(detector, [...chars('4011'), 'Enter'], 0, 120);
    expect(steps.some((step) => step.kind === 'scan')).toBe(false);
    expect(released).toBe('4011');
    expect(steps.at(-1)?.kind).toBe('typed');
  });

  it('keeps the human keys typed 200 ms before a scan apart from the scanned code', () => {
    const detector = new WedgeDetector();
    const human = feed(detector, ['a', 'b'], 0, 150);
    const scan = feed(detector, [...chars('0123456789'), 'Enter'], 350, 6);
    expect(human.released + scan.released).toBe('ab');
    expect(scan.steps.at(-1)).toMatchObject({ kind: 'scan', scan: { code: '0123456789', aim: null } });
  });

  it('strips an AIM symbology prefix and reports it', () => {
    const detector = new WedgeDetector();
    const { steps } = feed(detector, [...chars(']E05012345678900'), 'Enter'], 0, 4);
    expect(steps.at(-1)).toMatchObject({ kind: 'scan', scan: { code: '5012345678900', aim: ']E0' } });
  });

  it('does not count a burst shorter than the minimum length as a scan', () => {
    const detector = new WedgeDetector();
    const { steps } = feed(detector, [...chars('12345'), 'Enter'], 0, 5);
    expect(steps.at(-1)).toEqual({ kind: 'typed', released: '12345' });
  });

  it('lets an Enter with no burst before it through untouched', () => {
    const detector = new WedgeDetector();
    expect(detector.feed('Enter', 10)).toEqual({ kind: 'typed', released: '' });
  });

  it('is not fooled when the Enter comes after a slow gap', () => {
    const detector = new WedgeDetector();
    const burst = feed(detector, chars('5012345678900'), 0, 5);
    const enter = detector.feed('Enter', 60 + 12 * 5);
    expect(enter.kind).toBe('typed');
    expect(burst.released + enter.released).toBe('5012345678900');
  });

  it('honours a configured gap', () => {
    const detector = new WedgeDetector({ maxGapMs: 60 });
    const { steps } = feed(detector, [...chars('987654'), 'Enter'], 0, 50);
    expect(steps.at(-1)).toMatchObject({ kind: 'scan', scan: { code: '987654' } });
  });

  it('releases held text on expiry so a lone keypress reaches the field', () => {
    const detector = new WedgeDetector();
    expect(detector.feed('7', 100)).toEqual({ kind: 'held', released: '' });
    expect(detector.expire(120)).toBe('');
    expect(detector.expire(135)).toBe('7');
  });

  it('lets a lone space through so keyboard users can press buttons', () => {
    const detector = new WedgeDetector();
    expect(detector.feed(' ', 0)).toEqual({ kind: 'typed', released: '' });
  });

  it('releases held text before a non-printable key such as Backspace', () => {
    const detector = new WedgeDetector();
    detector.feed('4', 0);
    expect(detector.feed('Backspace', 10)).toEqual({ kind: 'typed', released: '4' });
  });
});
