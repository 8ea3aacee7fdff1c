import type { DeviceStatus, TerminalEvent } from '../../common/api/contract.ts';
import type { Dispatch } from './dispatch.ts';

export interface TerminalHealth {
  readonly status: 'ok' | 'degraded';
  readonly role: string;
  readonly laneId: string;
  readonly devices: readonly DeviceStatus[];
}

/** What a transport (Electron IPC or the browser host) needs of a running terminal. */
export interface TerminalApi {
  readonly dispatch: Dispatch;
  subscribe(listener: (event: TerminalEvent) => void): () => void;
  health(): TerminalHealth;
}
