import fs from 'node:fs';
import path from 'node:path';
import { CatalogImageSchema } from '../../common/lookup.ts';

/** Where a store's pictures live: the images folder next to its store file. */
export function catalogImagesDir(storeFile: string): string {
  return path.join(path.dirname(path.resolve(storeFile)), 'images');
}

/** The URL path the screens load a catalog picture from (host and app protocol alike). */
export const CATALOG_IMAGES_PATH = '/catalog-images/';

const CONTENT_TYPES: Readonly<Record<string, string>> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

/**
 * A picture asked for by name: its file and content type, or null. Only a plain file name of the
 * catalog's form is accepted (no folders, no "..", no encoded tricks), and the resolved path must
 * still lie inside the images folder, so nothing else next to the store file (such as the
 * operators file) can be read through it.
 */
export function catalogImage(imagesDir: string, name: string): { file: string; contentType: string } | null {
  if (!CatalogImageSchema.safeParse(name).success) return null;
  const root = path.resolve(imagesDir);
  const file = path.resolve(root, name);
  if (path.dirname(file) !== root) return null;
  const contentType = CONTENT_TYPES[path.extname(file).slice(1)];
  if (contentType === undefined || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
  return { file, contentType };
}

/**
 * Served with the response: an SVG opened on its own runs no script and loads nothing (it is
 * shown through <img>, where scripts never run, but a direct visit must be as safe).
 */
export const CATALOG_IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
