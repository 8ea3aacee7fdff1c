import { describe, expect, it } from 'vitest';
import { quickCashAmounts } from '../../../renderer/src/screens/associate/quick-cash.ts';

describe('quick cash amounts', () => {
  it('offer exact, the next dollar and the next notes for $12.34', () => {
    expect(quickCashAmounts(1234, 100)).toEqual([1234, 1300, 1500, 2000, 5000]);
  });

  it('do not repeat an amount that is already round', () => {
    expect(quickCashAmounts(2000, 100)).toEqual([2000, 5000, 10_000]);
  });

  it('are none when nothing is due', () => {
    expect(quickCashAmounts(0, 100)).toEqual([]);
  });
});
