import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { healthyLane } from '../../support/health.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../main/host/server.ts';
import { catalogImage } from '../../../main/terminal/catalog-images.ts';
import { createDispatch } from '../../../main/terminal/dispatch.ts';
import { welcomeHandlers } from '../../support/terminal-handlers.ts';

let host: RunningHost;
let root: string;
let storeDir: string;
let imagesDir: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-images-'));
  const rendererDir = path.join(root, 'renderer');
  storeDir = path.join(root, 'store');
  imagesDir = path.join(storeDir, 'images');
  fs.mkdirSync(rendererDir);
  fs.mkdirSync(imagesDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>lane</title>');
  fs.writeFileSync(path.join(imagesDir, 'bananas.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // What the picture route must never hand out: the file next to the store file holds PINs.
  fs.writeFileSync(path.join(storeDir, 'demo-operators.json'), '{"operators":[]}');
  const terminal = { dispatch: createDispatch(welcomeHandlers(), { error: () => undefined }), subscribe: () => () => undefined, health: healthyLane };
  host = await startHost(terminal, { host: '127.0.0.1', port: 0, rendererDir, catalogImagesDir: imagesDir });
});

afterAll(async () => {
  await host.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('catalog pictures served by the browser host', () => {
  it('serves a picture of the images folder as SVG, under a CSP that allows it nothing', async () => {
    const response = await fetch(`${host.url}catalog-images/bananas.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<svg');
  });

  it.each(['..%2Fdemo-operators.json', '%2E%2E%2Fdemo-operators.json', 'demo-operators.json', 'BANANAS.SVG', 'missing.svg', '.hidden.svg'])('answers 404 for %s', async (name) => {
    const response = await fetch(`${host.url}catalog-images/${name}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('operators');
  });

  it('never resolves a name outside the folder, whatever the name', () => {
    for (const name of ['../demo-operators.json', '../images/bananas.svg', '/etc/passwd', 'sub/bananas.svg', 'bananas.svg\u0000.png']) {
      expect(catalogImage(imagesDir, name)).toBeNull();
    }
    expect(catalogImage(imagesDir, 'bananas.svg')?.file).toBe(path.join(imagesDir, 'bananas.svg'));
  });
});
