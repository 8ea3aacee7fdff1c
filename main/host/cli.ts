import path from 'node:path';
import { ConfigError, loadConfig } from '../terminal/config.ts';
import { createLogger } from '../terminal/log.ts';
import { startTerminal } from '../terminal/terminal.ts';
import { catalogImagesDir } from '../terminal/catalog-images.ts';
import { startHost } from './server.ts';

const appRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * Runs the terminal under plain Node with the browser host: the same core as under Electron,
 * its UI served at http://<host>:<port>/.
 */
export async function runBrowserHost(options: { readonly beforeExit?: () => Promise<void> } = {}): Promise<void> {
  const log = createLogger('host');
  let config;
  try {
    config = loadConfig({ appRoot });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      await options.beforeExit?.();
      process.exit(2);
    }
    throw error;
  }
  const terminal = await startTerminal(config, log);
  const host = await startHost(terminal.api, {
    host: config.http.host,
    port: config.http.port,
    healthFrom: config.http.health,
    rendererDir: path.join(appRoot, 'dist', 'renderer'),
    catalogImagesDir: catalogImagesDir(config.storeFile),
  });
  // Before the UI line, which tells a supervising process the terminal is ready.
  if (terminal.storeNetwork) process.stdout.write(`Store peer API: ${terminal.storeNetwork.url}\n`);
  process.stdout.write(`Terminal UI: ${host.url}\n`);
  process.stdout.write(`Role: ${config.role}, lane ${config.laneId}, data in ${config.dataDir}\n`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await host.close();
    await terminal.stop();
    await options.beforeExit?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // The terminal window closed: stop as on Ctrl-C rather than die with the simulators' links left behind.
  process.on('SIGHUP', () => void stop('SIGHUP'));
}

if (import.meta.main) {
  runBrowserHost().catch((error: unknown) => {
    process.stderr.write(`The terminal could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
