import { contextBridge, ipcRenderer } from 'electron';
import type { TerminalBridge } from '../common/api/bridge.ts';
import type { TerminalEvent } from '../common/api/contract.ts';
import { commandNames } from '../common/api/names.ts';

// A fixed allow-list of calls built from the contract, never a generic invoke(channel, …);
// main validates every input again, since this file runs beside untrusted page code.
const commands = Object.freeze(
  Object.fromEntries(
    commandNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke('terminal:command', name, input)]),
  ),
) as TerminalBridge['commands'];

const bridge: TerminalBridge = {
  commands,
  onEvent(listener) {
    const handler = (_event: Electron.IpcRendererEvent, message: TerminalEvent): void => listener(message);
    ipcRenderer.on('terminal:event', handler);
    return () => {
      ipcRenderer.removeListener('terminal:event', handler);
    };
  },
};

contextBridge.exposeInMainWorld('terminal', bridge);
