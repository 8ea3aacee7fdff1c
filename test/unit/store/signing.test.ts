import { describe, expect, it } from 'vitest';
import { PEER_HEADERS, RequestVerifier, SIGNATURE_WINDOW_MS, signRequest, signResponse, verifyResponse } from '../../../main/store/signing.ts';

const KEY = 'unit-store-key-0123456789abcdef0123456789abcdef';
const T0 = Date.parse('2026-11-22T10:00:00.000Z');
const request = { method: 'POST', path: '/peer/v1/lane/actions', body: '{"a":1}', lane: 'ATT-1' };

function verifierAt(now: () => number, maxNonces?: number): RequestVerifier {
  return new RequestVerifier({ key: KEY, now, ...(maxNonces ? { maxNonces } : {}) });
}

describe('store peer request signing', () => {
  it('accepts a request signed with the store key and names the lane that signed it', () => {
    const headers = signRequest(KEY, request, T0, 'a'.repeat(32));
    expect(verifierAt(() => T0 + 1000).verify({ ...request, headers })).toEqual({ ok: true, lane: 'ATT-1', nonce: 'a'.repeat(32) });
  });

  it('refuses a request signed with another key', () => {
    const headers = signRequest('another-store-key-0123456789abcdef0123456789', request, T0);
    expect(verifierAt(() => T0).verify({ ...request, headers })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses the same signed request a second time', () => {
    const verifier = verifierAt(() => T0);
    const headers = signRequest(KEY, request, T0);
    expect(verifier.verify({ ...request, headers }).ok).toBe(true);
    expect(verifier.verify({ ...request, headers })).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses a request whose timestamp is outside the window, even one never seen', () => {
    const headers = signRequest(KEY, request, T0);
    expect(verifierAt(() => T0 + SIGNATURE_WINDOW_MS + 1).verify({ ...request, headers })).toEqual({ ok: false, reason: 'stale' });
    expect(verifierAt(() => T0 - SIGNATURE_WINDOW_MS - 1).verify({ ...request, headers })).toEqual({ ok: false, reason: 'stale' });
  });

  it('binds the signature to the method, path, body and lane', () => {
    const headers = signRequest(KEY, request, T0);
    const verifier = verifierAt(() => T0);
    expect(verifier.verify({ ...request, body: '{"a":2}', headers }).ok).toBe(false);
    expect(verifier.verify({ ...request, path: '/peer/v1/lane', headers }).ok).toBe(false);
    expect(verifier.verify({ ...request, method: 'GET', headers }).ok).toBe(false);
    expect(verifier.verify({ ...request, headers: { ...headers, [PEER_HEADERS.lane]: 'SCO-1' } }).ok).toBe(false);
    expect(verifier.verify({ ...request, headers: { ...headers, [PEER_HEADERS.timestamp]: String(T0 + 1) } }).ok).toBe(false);
  });

  it('refuses a request with missing or malformed headers as unsigned', () => {
    const headers = signRequest(KEY, request, T0);
    const { [PEER_HEADERS.signature]: _signature, ...unsigned } = headers;
    expect(verifierAt(() => T0).verify({ ...request, headers: unsigned })).toEqual({ ok: false, reason: 'unsigned' });
    expect(verifierAt(() => T0).verify({ ...request, headers: { ...headers, [PEER_HEADERS.signature]: 'zz' } })).toEqual({ ok: false, reason: 'unsigned' });
  });

  it('does not remember nonces of requests whose signature fails, and forgets nonces once out of the window', () => {
    let now = T0;
    const verifier = verifierAt(() => now, 2);
    const forged = { ...signRequest(KEY, request, T0, 'b'.repeat(32)), [PEER_HEADERS.signature]: '0'.repeat(64) };
    expect(verifier.verify({ ...request, headers: forged }).ok).toBe(false);
    expect(verifier.verify({ ...request, headers: signRequest(KEY, request, T0, 'b'.repeat(32)) }).ok).toBe(true);
    expect(verifier.verify({ ...request, headers: signRequest(KEY, request, T0, 'c'.repeat(32)) }).ok).toBe(true);
    // Full: refused rather than forgetting a nonce that could still be replayed.
    expect(verifier.verify({ ...request, headers: signRequest(KEY, request, T0, 'd'.repeat(32)) })).toEqual({ ok: false, reason: 'busy' });
    now = T0 + 2 * SIGNATURE_WINDOW_MS + 1;
    expect(verifier.verify({ ...request, headers: signRequest(KEY, request, now, 'd'.repeat(32)) }).ok).toBe(true);
  });

  it('checks an answer against the nonce of the request it answers', () => {
    const body = '{"ok":true,"value":{}}';
    const headers = signResponse(KEY, { requestNonce: 'e'.repeat(32), status: 200, body }, T0);
    expect(verifyResponse(KEY, { requestNonce: 'e'.repeat(32), status: 200, headers, body }, T0)).toBe(true);
    expect(verifyResponse(KEY, { requestNonce: 'f'.repeat(32), status: 200, headers, body }, T0)).toBe(false);
    expect(verifyResponse(KEY, { requestNonce: 'e'.repeat(32), status: 200, headers, body: '{"ok":false}' }, T0)).toBe(false);
    expect(verifyResponse('another-store-key-0123456789abcdef0123456789', { requestNonce: 'e'.repeat(32), status: 200, headers, body }, T0)).toBe(false);
  });
});
