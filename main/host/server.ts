import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { TerminalHealthSchema } from '../../common/health.ts';
import type { TerminalApi } from '../terminal/terminal-api.ts';
import { serveApiSocket } from './api-socket.ts';

export interface HostOptions {
  readonly host: string;
  readonly port: number;
  /** The built renderer (vite build output). */
  readonly rendererDir: string;
  /**
   * Who may ask `GET /health`: only this machine (the default; a monitoring agent on the lane),
   * or the store network too (a host listening on 0.0.0.0 for a central monitor).
   */
  readonly healthFrom?: 'local' | 'network';
}

export interface RunningHost {
  readonly url: string;
  readonly server: FastifyInstance;
  close(): Promise<void>;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** A page served by another origin must not drive the lane through the shopper's browser. */
function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The browser host: serves the renderer and the terminal API over WebSocket, for development,
 * tests and browser-kiosk deployments.
 */
export async function startHost(terminal: TerminalApi, options: HostOptions): Promise<RunningHost> {
  if (!fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
    throw new Error(`the renderer is not built: ${options.rendererDir}/index.html is missing (run npm run build)`);
  }
  const server = Fastify({ logger: false, bodyLimit: 16 * 1024 });
  server.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
  });
  await server.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await server.register(fastifyStatic, { root: path.resolve(options.rendererDir), index: 'index.html' });

  server.get('/health', async (request, reply) => {
    if ((options.healthFrom ?? 'local') === 'local' && !isLoopback(request.socket.remoteAddress)) {
      return reply.code(403).send({ error: 'the health endpoint answers this machine only (set http.health to "network" to open it)' });
    }
    // The schema is the endpoint's contract: a malformed report is a bug, answered as a 500.
    const health = TerminalHealthSchema.parse(terminal.health());
    return reply.code(health.canSell ? 200 : 503).send(health);
  });
  server.get('/api', { websocket: true }, (socket, request) => {
    if (!isSameOrigin(request.headers.origin, request.headers.host)) {
      socket.close(1008, 'cross-origin connections are refused');
      return;
    }
    serveApiSocket(socket, terminal);
  });

  const address = await server.listen({ host: options.host, port: options.port });
  const url = new URL(address);
  const shown = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${url.port}/`;
  return { url: shown, server, close: () => server.close() };
}
