import type { WeightUnit } from './scale.ts';

/** Grams in one unit, as an exact fraction: the pound is 453.59237 g and the ounce 1/16 of it by definition. */
const gramsPerUnit: Readonly<Record<WeightUnit, readonly [bigint, bigint]>> = {
  g: [1n, 1n],
  kg: [1000n, 1n],
  lb: [45_359_237n, 100_000n],
  oz: [45_359_237n, 1_600_000n],
};

const DECIMAL = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/;

/**
 * Converts a weight as a scale writes it (`01.234`, `-12.50`) in `unit` to whole grams, exactly:
 * decimal digits, never floating point; half a gram rounds away from zero. This is the one place
 * a scale's unit becomes grams.
 */
export function toGrams(shown: string, unit: WeightUnit): number {
  const match = DECIMAL.exec(shown.trim());
  const [, sign = '', whole = '', fraction = ''] = match ?? [];
  if (!match || whole.length + fraction.length === 0) throw new RangeError(`"${shown}" is not a decimal weight`);
  const [perUnit, divisor] = gramsPerUnit[unit];
  const numerator = BigInt(`${whole}${fraction}` || '0') * perUnit;
  const denominator = divisor * 10n ** BigInt(fraction.length);
  const grams = (2n * numerator + denominator) / (2n * denominator);
  if (grams > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`"${shown}" ${unit} is beyond any scale`);
  return sign === '-' && grams !== 0n ? -Number(grams) : Number(grams);
}
