import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CATALOG_IMAGE_CSP, CATALOG_IMAGES_PATH, catalogImage } from '../terminal/catalog-images.ts';

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

/** The camera for the page itself (scanning); the microphone and the rest for nobody. */
const PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()';

/** Must run before the app is ready. A standard, secure scheme gives the renderer a real origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the built renderer from `rendererDir` with a strict CSP, nothing outside it, and the
 * store's pictures from `catalogImagesDir` by file name only (see catalog-images.ts).
 */
export function serveRenderer(rendererDir: string, catalogImagesDir?: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'lane') return new Response('not found', { status: 404 });
    if (url.pathname.startsWith(CATALOG_IMAGES_PATH)) {
      const image = catalogImagesDir === undefined ? null : catalogImage(catalogImagesDir, url.pathname.slice(CATALOG_IMAGES_PATH.length));
      if (!image) return new Response('no such picture', { status: 404 });
      const body = await fs.promises.readFile(image.file);
      return new Response(body, { headers: { 'Content-Type': image.contentType, 'Content-Security-Policy': CATALOG_IMAGE_CSP, 'X-Content-Type-Options': 'nosniff' } });
    }
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(root, `.${relative}`);
    if (file !== root && !file.startsWith(root + path.sep)) return new Response('forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Permissions-Policy', PERMISSIONS_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });
}
