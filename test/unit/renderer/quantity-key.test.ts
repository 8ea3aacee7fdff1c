import { describe, expect, it } from 'vitest';
import { parseKeyedEntry } from '../../../renderer/src/screens/associate/quantity-key.ts';

describe('the quantity key at the associate lane', () => {
  it('reads "3*code", "12x code" and "2×code" as that many of the code', () => {
    expect(parseKeyedEntry('3*036000291452')).toEqual({ code: '036000291452', quantity: 3 });
    expect(parseKeyedEntry(' 12x 4046 ')).toEqual({ code: '4046', quantity: 12 });
    expect(parseKeyedEntry('2×4006381333931')).toEqual({ code: '4006381333931', quantity: 2 });
  });

  it('leaves a plain code, and anything that is not the pattern, to the lane as one', () => {
    expect(parseKeyedEntry('036000291452')).toEqual({ code: '036000291452', quantity: 1 });
    expect(parseKeyedEntry('1234*')).toEqual({ code: '1234*', quantity: 1 });
  });
});
