import { buildElectron, buildRenderer } from '../../scripts/build.ts';

/** The e2e tests drive what users get: the built renderer (and the Electron bundles for _electron). */
export default async function globalSetup(): Promise<void> {
  await buildRenderer();
  await buildElectron();
}
