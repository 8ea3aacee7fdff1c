import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../../main/checkout/index.ts';

describe('allocating an amount over shares', () => {
  it('splits 100 over three equal shares as 34, 33, 33, the extra cent to the smallest key', () => {
    const parts = allocate(100, [
      { key: 'c', weight: 1 },
      { key: 'a', weight: 1 },
      { key: 'b', weight: 1 },
    ]);
    expect(Object.fromEntries(parts)).toEqual({ a: 34, b: 33, c: 33 });
  });

  it('always sums to the amount, never gives a share more than its weight, and ignores the order of the shares', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 4 }), weight: fc.integer({ min: 0, max: 100_000 }) }), { minLength: 1, maxLength: 20, selector: (s) => s.key }), fc.nat(), (shares, seed) => {
        const total = shares.reduce((sum, share) => sum + share.weight, 0);
        fc.pre(total > 0);
        const amount = seed % (total + 1);
        const parts = allocate(amount, shares);
        expect([...parts.values()].reduce((sum, part) => sum + part, 0)).toBe(amount);
        for (const share of shares) expect(parts.get(share.key) ?? 0).toBeLessThanOrEqual(share.weight);
        expect(allocate(amount, [...shares].reverse())).toEqual(parts);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a negative amount and an amount over shares that weigh nothing', () => {
    expect(() => allocate(-1, [{ key: 'a', weight: 1 }])).toThrow(RangeError);
    expect(() => allocate(5, [{ key: 'a', weight: 0 }])).toThrow(/weigh nothing/);
  });
});
