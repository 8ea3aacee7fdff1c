import fs from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { available: true; path: string } | { available: false; reason: string };

/**
 * Finds the Electron binary without triggering the electron package's download: the
 * override variable first, then what `npm install electron` left in node_modules.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = fs.statSync(override, { throwIfNoEntry: false })?.isDirectory() ? path.join(override, 'electron') : override;
    return fs.existsSync(binary)
      ? { available: true, path: binary }
      : { available: false, reason: `ELECTRON_OVERRIDE_DIST_PATH points at ${override}, where there is no electron binary` };
  }
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return {
      available: false,
      reason: 'the Electron binary was not downloaded (no network access to its release host); set ELECTRON_OVERRIDE_DIST_PATH to use one',
    };
  }
  const binary = path.join(packageDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? { available: true, path: binary } : { available: false, reason: `${binary} is missing` };
}
