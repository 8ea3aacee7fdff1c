import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { CATALOG_IMAGE_CSP, CATALOG_IMAGES_PATH, catalogImage } from '../terminal/catalog-images.ts';
import { TerminalHealthSchema } from '../../common/health.ts';
import type { TerminalApi } from '../terminal/terminal-api.ts';
import { serveApiSocket } from './api-socket.ts';

export interface HostOptions {
  readonly host: string;
  readonly port: number;
  /** The built renderer (vite build output). */
  readonly rendererDir: string;
  /** The store's pictures (see catalog-images.ts); without it, every picture is a 404. */
  readonly catalogImagesDir?: string;
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
  // The camera's stream is shown in a <video> (scanning); nothing else plays media.
  "media-src 'self' mediastream:",
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
  server.addHook('onSend', async (request, reply) => {
    const picture = request.url.startsWith(CATALOG_IMAGES_PATH) && reply.statusCode === 200;
    reply.header('Content-Security-Policy', picture ? CATALOG_IMAGE_CSP : CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()');
    reply.header('Referrer-Policy', 'no-referrer');
    if (!picture) reply.header('Cache-Control', 'no-store');
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
  server.get<{ Params: { name: string } }>(`${CATALOG_IMAGES_PATH}:name`, async (request, reply) => {
    const image = options.catalogImagesDir === undefined ? null : catalogImage(options.catalogImagesDir, request.params.name);
    if (!image) return reply.code(404).type('text/plain').send('no such picture');
    const body = await fs.promises.readFile(image.file);
    // After the onSend hook's page CSP: a picture gets the stricter one.
    return reply.type(image.contentType).header('Cache-Control', 'max-age=3600').send(body);
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
