import type { TerminalBridge } from '../../../common/api/bridge.ts';
import { browserSocket, laneSocketUrl } from './browser-socket.ts';
import { createSocketClient } from './socket-client.ts';
import { clientFromBridge, type TerminalClient } from './terminal-client.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by the browser host. */
    readonly terminal?: TerminalBridge;
  }
}

/** One client, two transports: Electron's preload bridge if present, else the host's WebSocket. */
export function connectTerminal(): TerminalClient {
  if (window.terminal) return clientFromBridge(window.terminal);
  return createSocketClient({ open: browserSocket(laneSocketUrl(window.location)) });
}
