import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Request signing between the terminals of one store (HMAC-SHA256 under the shared store key).
 *
 * A request carries the sending lane, a timestamp, a random nonce and the HMAC of
 * `method, path, timestamp, nonce, lane, sha256(body)`. The receiver refuses a timestamp more
 * than 30 s from its own clock (the terminals keep time by NTP) and a nonce it has seen inside
 * that window, so a captured request cannot be replayed, and compares the signature in constant
 * time. The answer is signed too, bound to the request's nonce, so a machine on the store
 * network cannot feed the attendant a made-up lane state either. The body travels in the clear:
 * put the peers behind https (the URLs may say https) where the store network is not trusted.
 */

export const PEER_HEADERS = {
  lane: 'x-store-lane',
  timestamp: 'x-store-timestamp',
  nonce: 'x-store-nonce',
  signature: 'x-store-signature',
} as const;

export const SIGNATURE_WINDOW_MS = 30_000;

const RequestHeadersSchema = z.object({
  [PEER_HEADERS.lane]: z.string().regex(/^[A-Za-z0-9-]{1,16}$/),
  [PEER_HEADERS.timestamp]: z.string().regex(/^\d{1,15}$/),
  [PEER_HEADERS.nonce]: z.string().regex(/^[0-9a-f]{32}$/),
  [PEER_HEADERS.signature]: z.string().regex(/^[0-9a-f]{64}$/),
});

const ResponseHeadersSchema = z.object({
  [PEER_HEADERS.timestamp]: z.string().regex(/^\d{1,15}$/),
  [PEER_HEADERS.signature]: z.string().regex(/^[0-9a-f]{64}$/),
});

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

function sha256(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

function hmac(key: string, parts: readonly string[]): string {
  return createHmac('sha256', key).update(parts.join('\n'), 'utf8').digest('hex');
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function single(headers: Headers): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = typeof value === 'string' ? value : undefined;
  return out;
}

export interface OutgoingRequest {
  readonly method: string;
  /** The path with its query, as the server sees it (`/peer/v1/lane`). */
  readonly path: string;
  readonly body: string;
  readonly lane: string;
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** The headers that authenticate one request; `nonce` and `nowMs` are injected for tests. */
export function signRequest(key: string, request: OutgoingRequest, nowMs: number, nonce = newNonce()): Record<string, string> {
  const timestamp = String(Math.trunc(nowMs));
  const signature = hmac(key, ['store-peer-v1 request', request.method.toUpperCase(), request.path, timestamp, nonce, request.lane, sha256(request.body)]);
  return { [PEER_HEADERS.lane]: request.lane, [PEER_HEADERS.timestamp]: timestamp, [PEER_HEADERS.nonce]: nonce, [PEER_HEADERS.signature]: signature };
}

export type Verdict =
  | { readonly ok: true; readonly lane: string; readonly nonce: string }
  | { readonly ok: false; readonly reason: 'unsigned' | 'bad-signature' | 'stale' | 'replayed' | 'busy' };

/**
 * Checks signed requests and remembers their nonces for the signature window. A nonce is
 * remembered only once its signature holds, so nobody without the key can fill the memory;
 * should a flood of signed requests fill it anyway, requests are refused rather than let an
 * old nonce be forgotten early.
 */
export class RequestVerifier {
  readonly #key: string;
  readonly #now: () => number;
  readonly #maxNonces: number;
  /** nonce → epoch ms after which it may be forgotten (insertion order is roughly time order). */
  readonly #seen = new Map<string, number>();

  constructor(options: { readonly key: string; readonly now: () => number; readonly maxNonces?: number }) {
    this.#key = options.key;
    this.#now = options.now;
    this.#maxNonces = options.maxNonces ?? 20_000;
  }

  verify(request: { readonly method: string; readonly path: string; readonly headers: Headers; readonly body: string }): Verdict {
    const parsed = RequestHeadersSchema.safeParse(single(request.headers));
    if (!parsed.success) return { ok: false, reason: 'unsigned' };
    const headers = parsed.data;
    const lane = headers[PEER_HEADERS.lane];
    const timestamp = headers[PEER_HEADERS.timestamp];
    const nonce = headers[PEER_HEADERS.nonce];
    const expected = hmac(this.#key, ['store-peer-v1 request', request.method.toUpperCase(), request.path, timestamp, nonce, lane, sha256(request.body)]);
    if (!sameSignature(expected, headers[PEER_HEADERS.signature])) return { ok: false, reason: 'bad-signature' };
    const now = this.#now();
    if (Math.abs(now - Number(timestamp)) > SIGNATURE_WINDOW_MS) return { ok: false, reason: 'stale' };
    this.#forgetExpired(now);
    if (this.#seen.has(nonce)) return { ok: false, reason: 'replayed' };
    if (this.#seen.size >= this.#maxNonces) return { ok: false, reason: 'busy' };
    // Kept until its timestamp has left the window on either side.
    this.#seen.set(nonce, Number(timestamp) + SIGNATURE_WINDOW_MS);
    return { ok: true, lane, nonce };
  }

  #forgetExpired(now: number): void {
    for (const [nonce, until] of this.#seen) {
      if (until < now) this.#seen.delete(nonce);
    }
  }
}

/** Headers that prove an answer comes from a holder of the key, for the request with `requestNonce`. */
export function signResponse(key: string, response: { readonly requestNonce: string; readonly status: number; readonly body: string }, nowMs: number): Record<string, string> {
  const timestamp = String(Math.trunc(nowMs));
  return {
    [PEER_HEADERS.timestamp]: timestamp,
    [PEER_HEADERS.signature]: hmac(key, ['store-peer-v1 response', response.requestNonce, String(response.status), timestamp, sha256(response.body)]),
  };
}

export function verifyResponse(
  key: string,
  response: { readonly requestNonce: string; readonly status: number; readonly headers: Headers; readonly body: string },
  nowMs: number,
): boolean {
  const parsed = ResponseHeadersSchema.safeParse(single(response.headers));
  if (!parsed.success) return false;
  const timestamp = parsed.data[PEER_HEADERS.timestamp];
  const expected = hmac(key, ['store-peer-v1 response', response.requestNonce, String(response.status), timestamp, sha256(response.body)]);
  return sameSignature(expected, parsed.data[PEER_HEADERS.signature]) && Math.abs(nowMs - Number(timestamp)) <= SIGNATURE_WINDOW_MS;
}
