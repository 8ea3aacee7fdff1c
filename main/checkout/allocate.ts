/**
 * Splits an amount in minor units over shares in proportion to their weights, exactly: the parts
 * always sum to the amount (largest-remainder method). Ties in the remainder go to the share with
 * the smaller key, so the split does not depend on the order the shares are listed in.
 * With an amount no larger than the sum of the weights, no part exceeds its weight.
 */
export function allocate<K extends string>(amount: number, shares: readonly { readonly key: K; readonly weight: number }[]): Map<K, number> {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`cannot allocate ${amount}`);
  const parts = new Map<K, number>();
  const total = shares.reduce((sum, share) => sum + share.weight, 0);
  if (amount === 0 || shares.length === 0) {
    for (const share of shares) parts.set(share.key, 0);
    return parts;
  }
  if (total <= 0) throw new RangeError(`cannot allocate ${amount} over shares that weigh nothing`);
  const bigAmount = BigInt(amount);
  const bigTotal = BigInt(total);
  const remainders: { key: K; remainder: bigint }[] = [];
  let given = 0;
  for (const share of shares) {
    if (!Number.isSafeInteger(share.weight) || share.weight < 0) throw new RangeError(`share ${share.key} weighs ${share.weight}`);
    const exact = bigAmount * BigInt(share.weight);
    const part = Number(exact / bigTotal);
    parts.set(share.key, (parts.get(share.key) ?? 0) + part);
    given += part;
    remainders.push({ key: share.key, remainder: exact % bigTotal });
  }
  remainders.sort((a, b) => (a.remainder === b.remainder ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.remainder > b.remainder ? -1 : 1));
  for (let i = 0; given < amount; i += 1) {
    const next = remainders[i % remainders.length];
    if (!next) break;
    parts.set(next.key, (parts.get(next.key) ?? 0) + 1);
    given += 1;
  }
  return parts;
}
