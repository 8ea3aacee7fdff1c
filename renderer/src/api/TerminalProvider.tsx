import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Notice, TerminalState } from '../../../common/api/contract.ts';
import type { ApiError } from '../../../common/api/result.ts';
import type { SessionView } from '../../../common/session.ts';
import { TerminalContext, type ShownNotice, type TerminalContextValue } from './context.ts';
import type { ConnectionStatus, TerminalClient } from './terminal-client.ts';

interface TerminalProviderProps {
  readonly client: TerminalClient;
  readonly children: ReactNode;
}

/**
 * Holds the latest snapshot the terminal pushed, the state of the link and the notice on
 * screen. After every (re)connection it asks for the full state, since events may have been
 * missed while the link was down.
 */
export function TerminalProvider({ client, children }: TerminalProviderProps): ReactNode {
  const [state, setState] = useState<TerminalState | null>(null);
  const [session, setSession] = useState<SessionView | null>(null);
  const [connection, setConnection] = useState<ConnectionStatus>(() => client.connectionStatus());
  const [notice, setNotice] = useState<ShownNotice | null>(null);
  const nextNoticeId = useRef(1);

  const show = useCallback((level: Notice['level'], code: Notice['code'], message: string) => {
    const id = nextNoticeId.current;
    nextNoticeId.current += 1;
    setNotice({ id, level, code, message });
  }, []);

  const showError = useCallback((error: ApiError) => show('error', error.code, error.message), [show]);

  const dismissNotice = useCallback((id: number) => {
    setNotice((current) => (current?.id === id ? null : current));
  }, []);

  useEffect(
    () =>
      client.onEvent((event) => {
        switch (event.event) {
          case 'state':
            setState(event.payload);
            return;
          case 'notice':
            show(event.payload.level, event.payload.code, event.payload.message);
            return;
          case 'session':
            setSession(event.payload);
            return;
          default: {
            const unknown: never = event;
            throw new Error(`unhandled terminal event ${JSON.stringify(unknown)}`);
          }
        }
      }),
    [client, show],
  );

  useEffect(() => {
    let live = true;
    const resync = (): void => {
      void client.commands['terminal.state']({}).then((result) => {
        if (!live) return;
        if (result.ok) setState(result.value);
        else showError(result.error);
      });
      void client.commands['operator.session']({}).then((result) => {
        if (!live) return;
        if (result.ok) setSession(result.value);
        else showError(result.error);
      });
    };
    if (client.connectionStatus() === 'connected') resync();
    const unsubscribe = client.onConnectionChange((status) => {
      setConnection(status);
      if (status === 'connected') resync();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client, showError]);

  const value = useMemo<TerminalContextValue>(
    () => ({ client, state, session, connection, notice, showError, dismissNotice }),
    [client, state, session, connection, notice, showError, dismissNotice],
  );
  return <TerminalContext value={value}>{children}</TerminalContext>;
}
