import type { TerminalEvent } from '../../common/api/contract.ts';
import type { TerminalHealth } from '../../common/health.ts';
import type { Dispatch } from './dispatch.ts';

export type { TerminalHealth };

/** What a transport (Electron IPC or the browser host) needs of a running terminal. */
export interface TerminalApi {
  readonly dispatch: Dispatch;
  subscribe(listener: (event: TerminalEvent) => void): () => void;
  health(): TerminalHealth;
}
