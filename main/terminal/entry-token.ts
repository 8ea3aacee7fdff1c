import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { TerminalError } from '../../common/api/result.ts';
import { ENTRY_CODE_PREFIX } from '../../common/gate.ts';

/**
 * A shopper's app entry code, shown as a QR code at the entry gate:
 *
 *   JWO1.<payload>.<signature>
 *
 * `payload` is base64url JSON `{ s, u, iat, exp, n }`: the store id, the shopper's reference (an
 * opaque id from the app's backend, never a name or card), issued-at and expiry in epoch seconds,
 * and a random nonce that makes every code unique. `signature` is base64url HMAC-SHA256 over
 * `JWO1.<payload>` with the store's entry secret, which the app backend and the gates share.
 * Codes live minutes, not days: a code valid for longer than MAX_ENTRY_LIFETIME_MS is refused.
 */

/** The longest an entry code may be valid for, from issue to expiry. */
export const MAX_ENTRY_LIFETIME_MS = 15 * 60_000;
/** How far a code's issue time may lie ahead of the gate's clock (the phone's clock drifts). */
export const ISSUE_CLOCK_SKEW_MS = 2 * 60_000;
/** The shortest store entry secret accepted: 32 characters (e.g. 16 random bytes as hex). */
export const MIN_ENTRY_SECRET_LENGTH = 32;

const TOKEN_SHAPE = /^JWO1\.([A-Za-z0-9_-]{16,1024})\.([A-Za-z0-9_-]{43})$/;
const Reference = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, '1–64 letters, digits and . _ : -');

const EntryPayloadSchema = z.object({
  s: Reference,
  u: Reference,
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
  n: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 base64url characters'),
});

/** A verified entry code: who may come in, and the nonce that makes it single-use. */
export interface EntryPass {
  readonly storeId: string;
  readonly shopperRef: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly nonce: string;
}

export interface MintEntryToken {
  readonly storeId: string;
  readonly shopperRef: string;
  /** Epoch milliseconds. */
  readonly issuedAt: number;
  readonly lifetimeMs: number;
  /** A fresh random nonce when omitted. */
  readonly nonce?: string;
}

function sign(signed: string, secret: string): string {
  return createHmac('sha256', secret).update(signed).digest('base64url');
}

function assertSecret(secret: string): void {
  if (secret.length < MIN_ENTRY_SECRET_LENGTH) throw new TypeError(`the store entry secret must have at least ${MIN_ENTRY_SECRET_LENGTH} characters`);
}

/** Makes an entry code, as the store's app backend does (and `npm run entry-code` for testing). */
export function mintEntryToken(input: MintEntryToken, secret: string): string {
  assertSecret(secret);
  const payload = EntryPayloadSchema.parse({
    s: input.storeId,
    u: input.shopperRef,
    iat: Math.floor(input.issuedAt / 1000),
    exp: Math.floor((input.issuedAt + input.lifetimeMs) / 1000),
    n: input.nonce ?? randomBytes(12).toString('base64url'),
  });
  const body = `${ENTRY_CODE_PREFIX}${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${sign(body, secret)}`;
}

export interface EntryTokenCheck {
  readonly secret: string;
  readonly storeId: string;
  /** Epoch milliseconds. */
  readonly now: number;
}

const invalid = (why: string): TerminalError => new TerminalError('ENTRY_CODE_INVALID', why, 'code');

/**
 * Verifies an entry code: its shape, its signature (compared in constant time), this store, and
 * its validity window. Throws a TerminalError naming what was wrong; says nothing of single use.
 */
export function verifyEntryToken(token: string, check: EntryTokenCheck): EntryPass {
  assertSecret(check.secret);
  const shape = TOKEN_SHAPE.exec(token);
  if (!shape) throw invalid('that is not an app entry code');
  const [, payloadText = '', signature = ''] = shape;
  const expected = Buffer.from(sign(`${ENTRY_CODE_PREFIX}${payloadText}`, check.secret), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('the entry code is not signed with this store’s key');
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payloadText, 'base64url').toString('utf8'));
  } catch {
    throw invalid('the entry code’s payload is not JSON');
  }
  const parsed = EntryPayloadSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`the entry code’s payload: ${(issue?.path ?? []).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const { s, u, iat, exp, n } = parsed.data;
  if (s !== check.storeId) throw invalid(`the entry code is for store ${s}, not this one`);
  const issuedAt = iat * 1000;
  const expiresAt = exp * 1000;
  if (expiresAt <= issuedAt || expiresAt - issuedAt > MAX_ENTRY_LIFETIME_MS) throw invalid('the entry code’s validity is longer than a store code may have');
  if (issuedAt > check.now + ISSUE_CLOCK_SKEW_MS) throw invalid('the entry code is issued in the future; check the clocks');
  if (check.now >= expiresAt) throw new TerminalError('ENTRY_CODE_EXPIRED', `the entry code expired at ${new Date(expiresAt).toISOString()}`, 'code');
  return { storeId: s, shopperRef: u, expiresAt, nonce: n };
}
