import { z } from 'zod';
import { ApiErrorSchema, type ApiError } from '../../common/api/result.ts';
import type { StorePeer } from '../terminal/config.ts';
import { newNonce, signRequest, verifyResponse } from './signing.ts';

/** The peer did not answer, or not in a way that can be trusted: the caller shows it offline. */
export class PeerUnreachable extends Error {
  override readonly name = 'PeerUnreachable';
}

export type PeerAnswer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

const EnvelopeSchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ApiErrorSchema })]);

export interface PeerClientOptions {
  readonly key: string;
  /** This terminal's lane id, signed into every request. */
  readonly lane: string;
  /** Epoch milliseconds. */
  readonly now: () => number;
  readonly timeoutMs?: number;
}

/** Signed requests to the other terminals of the store; every answer's signature and shape are checked. */
export class PeerClient {
  readonly #options: PeerClientOptions;

  constructor(options: PeerClientOptions) {
    this.#options = options;
  }

  async request<T>(peer: StorePeer, method: 'GET' | 'POST', path: `/peer/v1/${string}`, body: unknown, schema: z.ZodType<T>): Promise<PeerAnswer<T>> {
    const url = new URL(path, peer.url);
    const text = method === 'POST' ? JSON.stringify(body ?? {}) : '';
    const nonce = newNonce();
    const headers = signRequest(this.#options.key, { method, path: url.pathname + url.search, body: text, lane: this.#options.lane }, this.#options.now(), nonce);
    let response: Response;
    let answer: string;
    try {
      response = await fetch(url, {
        method,
        headers: { ...headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        ...(method === 'POST' ? { body: text } : {}),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 2500),
        redirect: 'error',
      });
      answer = await response.text();
    } catch (error) {
      throw new PeerUnreachable(`${peer.lane} at ${peer.url} did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status === 401) throw new PeerUnreachable(`${peer.lane} refused this terminal's signature (is the store key the same on both?)`);
    const responseHeaders = Object.fromEntries(response.headers.entries());
    if (!verifyResponse(this.#options.key, { requestNonce: nonce, status: response.status, headers: responseHeaders, body: answer }, this.#options.now())) {
      throw new PeerUnreachable(`${peer.lane} answered without a valid store signature`);
    }
    let envelope: z.infer<typeof EnvelopeSchema>;
    try {
      envelope = EnvelopeSchema.parse(JSON.parse(answer));
    } catch {
      throw new PeerUnreachable(`${peer.lane} answered something that is not a peer answer`);
    }
    if (!envelope.ok) return envelope;
    const value = schema.safeParse(envelope.value);
    if (!value.success) throw new PeerUnreachable(`${peer.lane} answered ${path} with a malformed value: ${value.error.issues[0]?.message ?? 'invalid'}`);
    return { ok: true, value: value.data };
  }
}
