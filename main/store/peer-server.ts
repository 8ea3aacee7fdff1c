import Fastify, { type FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { describeZodError, TerminalError, type Result } from '../../common/api/result.ts';
import type { Logger } from '../terminal/log.ts';
import { RequestVerifier, signResponse } from './signing.ts';

/** Who sent a verified request: the lane id it signed as. */
export interface PeerCaller {
  readonly lane: string;
}

/**
 * One route of the peer API. Other features add theirs through `PeerServer.addRoute`, e.g. a
 * suspended basket claimed by ticket from another lane:
 *
 *   peer.addRoute({
 *     method: 'POST',
 *     path: '/peer/v1/suspended/claim',
 *     body: z.object({ ticket: z.string().min(1).max(32), requestId: RequestIdSchema }),
 *     handle: (body, from) => suspended.claim(body.ticket, from.lane, body.requestId),
 *   });
 *
 * Only signed requests reach `handle` (see signing.ts); `body` has passed the schema (a GET
 * has the empty object); what `handle` returns is the answer's value, a TerminalError it throws
 * becomes `{ ok: false, error }` with its code. Paths start with `/peer/v1/`.
 */
export interface PeerRoute<B> {
  readonly method: 'GET' | 'POST';
  readonly path: `/peer/v1/${string}`;
  readonly body: z.ZodType<B>;
  handle(body: B, from: PeerCaller): Promise<unknown> | unknown;
}

export interface PeerServer {
  readonly url: string;
  addRoute<B>(route: PeerRoute<B>): void;
  close(): Promise<void>;
}

export interface PeerServerOptions {
  readonly host: string;
  readonly port: number;
  readonly key: string;
  /** Epoch milliseconds. */
  readonly now: () => number;
  readonly log: Logger;
}

type AnyRoute = PeerRoute<unknown>;

/**
 * The terminal's peer API for the other terminals of the store: a small server of its own
 * (it runs under Electron as under the browser host, and is reachable only with the store key).
 * Routes live in a table rather than in fastify's router, so features may add theirs after the
 * server has started.
 */
export async function startPeerServer(options: PeerServerOptions): Promise<PeerServer> {
  const routes = new Map<string, AnyRoute>();
  const verifier = new RequestVerifier({ key: options.key, now: options.now });
  const server: FastifyInstance = Fastify({ logger: false, bodyLimit: 32 * 1024 });
  // The signature covers the exact bytes, so the body is kept as sent and parsed after the check.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  server.route({
    method: ['GET', 'POST'],
    url: '/*',
    handler: async (request, reply) => {
      const body = typeof request.body === 'string' ? request.body : '';
      const verdict = verifier.verify({ method: request.method, path: request.url, headers: request.headers, body });
      if (!verdict.ok) {
        options.log.warn({ reason: verdict.reason, from: request.ip, path: request.url.slice(0, 80) }, 'peer request refused');
        return reply.code(401).type('application/json').send(JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: `peer request refused: ${verdict.reason}` } }));
      }
      const answer = (status: number, result: Result<unknown>): unknown => {
        const text = JSON.stringify(result);
        return reply.code(status).headers(signResponse(options.key, { requestNonce: verdict.nonce, status, body: text }, options.now())).type('application/json').send(text);
      };
      const path = request.url.split('?')[0] ?? '';
      const route = routes.get(`${request.method} ${path}`);
      if (!route) return answer(404, { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `${request.method} ${path.slice(0, 80)} is not a peer route` } });
      let raw: unknown = {};
      if (request.method === 'POST') {
        try {
          raw = JSON.parse(body);
        } catch {
          return answer(400, { ok: false, error: { code: 'INVALID_INPUT', message: 'the body is not valid JSON' } });
        }
      }
      const parsed = route.body.safeParse(raw);
      if (!parsed.success) {
        const { message, field } = describeZodError(parsed.error, 'body');
        return answer(400, { ok: false, error: { code: 'INVALID_INPUT', message, ...(field ? { field } : {}) } });
      }
      try {
        return answer(200, { ok: true, value: await route.handle(parsed.data, { lane: verdict.lane }) });
      } catch (error) {
        if (error instanceof TerminalError) return answer(200, { ok: false, error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } });
        options.log.error({ err: error, path }, 'peer route failed');
        return answer(500, { ok: false, error: { code: 'INTERNAL', message: 'the lane could not complete that' } });
      }
    },
  });

  const address = await server.listen({ host: options.host, port: options.port });
  const port = new URL(address).port;
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    addRoute(route) {
      const key = `${route.method} ${route.path}`;
      if (routes.has(key)) throw new Error(`the peer route ${key} is already registered`);
      routes.set(key, route as AnyRoute);
    },
    close: () => server.close(),
  };
}
