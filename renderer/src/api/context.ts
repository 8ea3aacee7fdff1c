import { createContext } from 'react';
import type { Notice, TerminalState } from '../../../common/api/contract.ts';
import type { ApiError } from '../../../common/api/result.ts';
import type { SessionView } from '../../../common/session.ts';
import type { ConnectionStatus, TerminalClient } from './terminal-client.ts';

/** A notice on screen: from a `notice` event, or from a command that failed. */
export interface ShownNotice {
  readonly id: number;
  readonly level: Notice['level'];
  readonly code: Notice['code'];
  /** The terminal's own words, shown only for codes that have no translation (SCANNED, DEVICE). */
  readonly message: string;
}

export interface TerminalContextValue {
  readonly client: TerminalClient;
  readonly state: TerminalState | null;
  /** Who works the terminal (operator, lock, waiting approval), or null until it is known. */
  readonly session: SessionView | null;
  readonly connection: ConnectionStatus;
  readonly notice: ShownNotice | null;
  showError(error: ApiError): void;
  dismissNotice(id: number): void;
}

export const TerminalContext = createContext<TerminalContextValue | null>(null);
