import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_ENTRY_LIFETIME_MS, mintEntryToken, verifyEntryToken } from '../../../main/terminal/entry-token.ts';
import { refusal } from '../../support/refusal.ts';

const SECRET = 'harbor-street-entry-secret-0123456789abcdef';
const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const check = { secret: SECRET, storeId: 'harbor-street', now: NOW };

function token(overrides: Partial<Parameters<typeof mintEntryToken>[0]> = {}, secret = SECRET): string {
  return mintEntryToken({ storeId: 'harbor-street', shopperRef: 'shopper-42', issuedAt: NOW - 30_000, lifetimeMs: 5 * 60_000, nonce: 'n0nce-abcdef12', ...overrides }, secret);
}

/** Signs a hand-made payload with the store's key, to test what lies inside a valid signature. */
function signedPayload(payload: unknown): string {
  const body = `JWO1.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

describe('app entry codes (JWO1.<payload>.<hmac>)', () => {
  it('a freshly minted code verifies and names the store, the shopper and its expiry', () => {
    const code = token();
    expect(code).toMatch(/^JWO1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyEntryToken(code, check)).toEqual({ storeId: 'harbor-street', shopperRef: 'shopper-42', expiresAt: Date.parse('2026-11-22T12:04:30.000Z'), nonce: 'n0nce-abcdef12' });
  });

  it('two codes minted without a nonce differ, so each is single-use on its own', () => {
    const one = mintEntryToken({ storeId: 'harbor-street', shopperRef: 'shopper-42', issuedAt: NOW, lifetimeMs: 60_000 }, SECRET);
    const two = mintEntryToken({ storeId: 'harbor-street', shopperRef: 'shopper-42', issuedAt: NOW, lifetimeMs: 60_000 }, SECRET);
    expect(one).not.toBe(two);
    expect(verifyEntryToken(one, check).nonce).not.toBe(verifyEntryToken(two, check).nonce);
  });

  it('a code signed with another key, or with a changed payload, is refused as invalid', () => {
    expect(refusal(() => verifyEntryToken(token({}, 'another-store-secret-0123456789abcdefgh'), check))).toMatchObject({ code: 'ENTRY_CODE_INVALID', message: expect.stringMatching(/not signed with this store/) });
    const [prefix, , signature] = token().split('.');
    const forged = Buffer.from(JSON.stringify({ s: 'harbor-street', u: 'someone-else', iat: NOW / 1000, exp: NOW / 1000 + 60, n: 'n0nce-abcdef12' })).toString('base64url');
    expect(refusal(() => verifyEntryToken(`${prefix}.${forged}.${signature}`, check))).toMatchObject({ code: 'ENTRY_CODE_INVALID' });
  });

  it('anything that is not an entry code is refused as invalid, naming why', () => {
    for (const code of ['', 'RCPT-L01-000001', 'JWO1.', 'JWO1.abc.def', `JWO2.${token().slice(5)}`, `${token()}x`]) {
      expect(refusal(() => verifyEntryToken(code, check)).code, code).toBe('ENTRY_CODE_INVALID');
    }
    expect(refusal(() => verifyEntryToken(signedPayload({ s: 'harbor-street', u: 'shopper 42', iat: 1, exp: 2, n: 'n0nce-abcdef12' }), check)).message).toMatch(/payload: u:/);
  });

  it('a code of another store is refused, even when signed with this key', () => {
    expect(refusal(() => verifyEntryToken(token({ storeId: 'dock-road' }), check))).toMatchObject({ code: 'ENTRY_CODE_INVALID', message: expect.stringMatching(/store dock-road/) });
  });

  it('a code is good until its expiry and refused as expired from then on (time is injected)', () => {
    const code = token();
    const expiresAt = verifyEntryToken(code, check).expiresAt;
    expect(verifyEntryToken(code, { ...check, now: expiresAt - 1 }).shopperRef).toBe('shopper-42');
    expect(refusal(() => verifyEntryToken(code, { ...check, now: expiresAt }))).toMatchObject({ code: 'ENTRY_CODE_EXPIRED' });
  });

  it('a code valid for longer than a store code may be, or issued well in the future, is refused', () => {
    expect(refusal(() => verifyEntryToken(token({ lifetimeMs: MAX_ENTRY_LIFETIME_MS + 60_000 }), check))).toMatchObject({ code: 'ENTRY_CODE_INVALID', message: expect.stringMatching(/longer/) });
    expect(refusal(() => verifyEntryToken(token({ issuedAt: NOW + 10 * 60_000 }), check))).toMatchObject({ code: 'ENTRY_CODE_INVALID', message: expect.stringMatching(/future/) });
  });

  it('a store secret shorter than 32 characters is refused when minting and verifying', () => {
    expect(() => token({}, 'short')).toThrow(/at least 32 characters/);
    expect(() => verifyEntryToken(token(), { ...check, secret: 'short' })).toThrow(/at least 32 characters/);
  });
});
