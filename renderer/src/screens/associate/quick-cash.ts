/**
 * The quick cash keys for an amount due: exact, the next whole unit, and the next notes a
 * customer hands over (5, 10, 20, 50, 100 units), at most five, smallest first.
 */
export function quickCashAmounts(due: number, unit: number): number[] {
  if (due <= 0) return [];
  const amounts = new Set<number>([due, Math.ceil(due / unit) * unit]);
  for (const note of [5, 10, 20, 50, 100]) {
    const value = Math.ceil(due / (note * unit)) * note * unit;
    amounts.add(value);
  }
  return [...amounts].sort((a, b) => a - b).slice(0, 5);
}
