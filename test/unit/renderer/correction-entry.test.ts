import { describe, expect, it } from 'vitest';
import { moneyEntryText, parseMoneyEntry, parsePercentEntry } from '../../../renderer/src/screens/associate/correction-entry.ts';

describe('a keyed price', () => {
  it('reads digits alone in cents, as on a register, and major units with a point or a comma', () => {
    expect(parseMoneyEntry('449', 'USD')).toBe(449);
    expect(parseMoneyEntry('4.99', 'USD')).toBe(499);
    expect(parseMoneyEntry(' 4,9 ', 'EUR')).toBe(490);
    expect(parseMoneyEntry('5.', 'USD')).toBe(500);
    expect(parseMoneyEntry('0', 'USD')).toBe(0);
    expect(parseMoneyEntry('1200', 'JPY')).toBe(1200);
  });

  it('is refused when it is not an amount of the currency', () => {
    expect(parseMoneyEntry('4.999', 'USD')).toBeNull();
    expect(parseMoneyEntry('4.5', 'JPY')).toBeNull();
    expect(parseMoneyEntry('-1', 'USD')).toBeNull();
    expect(parseMoneyEntry('abc', 'USD')).toBeNull();
    expect(parseMoneyEntry('', 'USD')).toBeNull();
  });

  it('starts from the line’s price as the field shows it', () => {
    expect(moneyEntryText(549, 'USD')).toBe('5.49');
    expect(moneyEntryText(5, 'USD')).toBe('0.05');
    expect(moneyEntryText(1200, 'JPY')).toBe('1200');
  });
});

describe('a keyed percentage', () => {
  it('becomes basis points from 0.01 % to 100 %', () => {
    expect(parsePercentEntry('10')).toBe(1000);
    expect(parsePercentEntry('12.5')).toBe(1250);
    expect(parsePercentEntry('0.01')).toBe(1);
    expect(parsePercentEntry('100')).toBe(10_000);
    expect(parsePercentEntry('0')).toBeNull();
    expect(parsePercentEntry('100.5')).toBeNull();
    expect(parsePercentEntry('ten')).toBeNull();
  });
});
