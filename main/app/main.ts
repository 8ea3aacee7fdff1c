import path from 'node:path';
import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fail } from '../../common/api/result.ts';
import { loadConfig } from '../terminal/config.ts';
import { cameraScanning } from '../terminal/gate-setup.ts';
import { createLogger } from '../terminal/log.ts';
import { catalogImagesDir } from '../terminal/catalog-images.ts';
import { startTerminal, type RunningTerminal } from '../terminal/terminal.ts';
import { APP_ORIGIN, isAppUrl } from '../terminal/app-url.ts';
import { allowPermission } from './media-permission.ts';
import { registerAppScheme, serveRenderer } from './renderer-protocol.ts';
import { windowOptionsFor } from './windows.ts';

const log = createLogger('electron');
const appRoot = app.getAppPath();
let terminal: RunningTerminal | null = null;
let mainWindow: BrowserWindow | null = null;

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Two terminals on one ledger would fight over the lane; the second one hands over and quits.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, (error: unknown) => {
    log.fatal({ err: error }, 'Electron failed to start');
    app.exit(1);
  });
}

/** Only our own top frame, showing our own origin, may call the terminal. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    mainWindow !== null &&
    event.sender === mainWindow.webContents &&
    frame !== null &&
    frame === event.sender.mainFrame &&
    isAppUrl(frame.url)
  );
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

async function start(): Promise<void> {
  const loaded = loadConfig({
    appRoot,
    defaultDataDir: app.isPackaged ? app.getPath('userData') : path.join(appRoot, '.terminal-data'),
  });
  // The simulator panel is a development tool: an installed app never drives simulators.
  const config = app.isPackaged ? { ...loaded, simulatorControl: null } : loaded;
  terminal = await startTerminal(config, log);

  // The camera (scanning QR codes and barcodes) for our own page on a terminal that uses it; nothing else, ever.
  const camera = cameraScanning(config) !== null;
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(allowPermission({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes }, { camera }));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermission({ permission, requestingUrl: requestingOrigin, isMainFrame: details.isMainFrame, mediaTypes: details.mediaType ? [details.mediaType] : [] }, { camera }),
  );
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  serveRenderer(path.join(appRoot, 'dist', 'renderer'), catalogImagesDir(config.storeFile));

  ipcMain.handle('terminal:command', async (event, command: unknown, input: unknown) => {
    if (!isTrustedSender(event)) return fail('FORBIDDEN', 'this window may not call the terminal');
    return terminal ? terminal.api.dispatch(command, input) : fail('INTERNAL', 'the terminal is not running');
  });
  terminal.api.subscribe((event) => mainWindow?.webContents.send('terminal:event', event));

  createWindow(config.role, config.kiosk);
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void terminal?.stop();
  });
}

function createWindow(role: Parameters<typeof windowOptionsFor>[0], kiosk: boolean): void {
  const window = new BrowserWindow({
    ...windowOptionsFor(role, kiosk),
    webPreferences: {
      preload: path.join(appRoot, 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // The scan beep must sound for a scan made before anyone has touched the screen.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  // The state lives in main, so a reload after a renderer crash shows the same basket.
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer gone; reloading');
    if (!window.isDestroyed()) window.reload();
  });
  window.on('unresponsive', () => {
    log.warn('renderer unresponsive; reloading');
    window.webContents.forcefullyCrashRenderer();
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}
