import { randomBytes } from 'node:crypto';
import type { EngineContext } from '../checkout/index.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = { basket: 'bsk', line: 'ln', tender: 'tnd', sale: 'sale' } as const;

/** A ULID: 48 bits of milliseconds then 80 random bits, so ids sort by creation time. */
export function ulid(nowMs: number = Date.now()): string {
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(16);
  let rest = '';
  for (let i = 0; i < 16; i += 1) rest += CROCKFORD.charAt((random[i] ?? 0) % 32);
  return time + rest;
}

/** The clock and id source of a running terminal; tests inject a deterministic one instead. */
export const systemContext: EngineContext = {
  now: () => new Date().toISOString(),
  newId: (kind) => `${PREFIX[kind]}_${ulid()}`,
};
