// Builds the renderer (Vite) and, unless --renderer is given, the Electron main and preload bundles.
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = path.resolve(import.meta.dirname, '..');

export async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

export async function buildElectron(): Promise<void> {
  const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'warning' } as const;
  await esbuild({
    ...common,
    entryPoints: [path.join(root, 'main/app/main.ts')],
    outfile: path.join(root, 'dist/electron/main.cjs'),
    // node_modules ship with the app (native addons must stay unpacked files).
    packages: 'external',
    define: { 'import.meta.dirname': '__dirname', 'import.meta.main': 'false' },
  });
  // A sandboxed preload can require nothing but 'electron': bundle everything else in.
  await esbuild({
    ...common,
    entryPoints: [path.join(root, 'preload/preload.ts')],
    outfile: path.join(root, 'dist/electron/preload.cjs'),
    external: ['electron'],
  });
}

if (import.meta.main) {
  const rendererOnly = process.argv.includes('--renderer');
  await buildRenderer();
  if (!rendererOnly) await buildElectron();
  process.stdout.write(`built ${rendererOnly ? 'renderer' : 'renderer and Electron bundles'} into dist/\n`);
}
