import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** A PIN as the ledger keeps it: never the digits, only a scrypt hash with its own salt. */
export interface StoredPin {
  readonly salt: Buffer;
  readonly hash: Buffer;
  /** log2 of scrypt's N, kept per operator so the cost can rise without re-enrolling everyone. */
  readonly cost: number;
}

/** N = 2^14, r = 8, p = 1 (16 MiB), the scrypt paper's interactive-login cost; a short PIN is guarded by the lockout, not by the hash alone. */
export const PIN_COST = 14;
const KEY_LENGTH = 32;

function derive(pin: string, salt: Buffer, cost: number): Promise<Buffer> {
  const N = 2 ** cost;
  return new Promise((resolve, reject) => {
    // maxmem: 128 * N * r plus headroom, or Node refuses the larger costs.
    scrypt(pin.normalize('NFKC'), salt, KEY_LENGTH, { N, r: 8, p: 1, maxmem: 256 * N * 8 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string, cost: number = PIN_COST): Promise<StoredPin> {
  const salt = randomBytes(16);
  return { salt, hash: await derive(pin, salt, cost), cost };
}

export async function verifyPin(pin: string, stored: StoredPin): Promise<boolean> {
  const candidate = await derive(pin, stored.salt, stored.cost);
  return candidate.length === stored.hash.length && timingSafeEqual(candidate, stored.hash);
}

/**
 * A badge code as the ledger keeps it. Badges are looked up on every scan, so this is a fast
 * hash found by index rather than a salted one tried against every operator; badge codes are
 * long random strings, unlike PINs, which is what makes that acceptable.
 */
export function badgeHash(code: string): string {
  return createHash('sha256').update(`lane-badge\n${code.trim()}`, 'utf8').digest('hex');
}
