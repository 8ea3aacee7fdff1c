import { useCallback, useContext, useState } from 'react';
import type { CommandInput, CommandOutput, TerminalState } from '../../../common/api/contract.ts';
import type { Result } from '../../../common/api/result.ts';
import type { SessionView } from '../../../common/session.ts';
import { translatorFor, type Translator } from '../i18n/index.ts';
import { shopperLocale } from '../i18n/languages.ts';
import { useShopperPreferences } from '../preferences/context.ts';
import { TerminalContext, type TerminalContextValue } from './context.ts';
import { newRequestId } from './request-id.ts';
import type { ConnectionStatus, WriteCommandName, WriteInput } from './terminal-client.ts';

function useTerminalContext(): TerminalContextValue {
  const value = useContext(TerminalContext);
  if (!value) throw new Error('terminal hooks must be used inside <TerminalProvider>');
  return value;
}

/** The latest snapshot from the terminal, or null until the first one arrives. */
export function useTerminalState(): TerminalState | null {
  return useTerminalContext().state;
}

/** Who works the terminal, pushed by main as `session` events. */
export function useSession(): SessionView | null {
  return useTerminalContext().session;
}

export function useConnectionStatus(): ConnectionStatus {
  return useTerminalContext().connection;
}

export function useNotice(): Pick<TerminalContextValue, 'notice' | 'dismissNotice'> {
  const { notice, dismissNotice } = useTerminalContext();
  return { notice, dismissNotice };
}

/** Messages in the lane's language, or in the one the shopper picked at self-checkout. */
export function useTranslator(): Translator {
  const storeLocale = useTerminalContext().state?.locale ?? 'en-US';
  const { language } = useShopperPreferences().preferences;
  return translatorFor(language ? shopperLocale(language, storeLocale) : storeLocale);
}

export type RunCommand = <N extends WriteCommandName>(
  name: N,
  input: WriteInput<N>,
  requestId?: string,
) => Promise<Result<CommandOutput<N>>>;

/**
 * Runs a write command for one user action. A fresh idempotency key is made per call unless
 * the caller passes one (to make two triggers of the same action count once). A failed Result
 * is shown as a notice, except APPROVAL_REQUIRED: the approval dialog answers that one. The new
 * state arrives as a `state` event.
 */
export function useTerminalCommand(options: { readonly quiet?: boolean } = {}): RunCommand {
  const { client, showError } = useTerminalContext();
  const quiet = options.quiet ?? false;
  return useCallback<RunCommand>(
    async (name, input, requestId = newRequestId()) => {
      const call = client.commands[name] as (input: CommandInput<typeof name>) => Promise<Result<CommandOutput<typeof name>>>;
      const result = await call({ ...input, requestId } as CommandInput<typeof name>);
      if (!result.ok && !quiet && result.error.code !== 'APPROVAL_REQUIRED') showError(result.error);
      return result;
    },
    [client, showError, quiet],
  );
}

/**
 * A command plus whether it is still under way, to keep a button from being pressed twice.
 * `quiet`: the screen shows the failure itself (next to the field), so no notice.
 */
export function usePendingCommand(options: { readonly quiet?: boolean } = {}): [pending: boolean, run: RunCommand] {
  const run = useTerminalCommand(options);
  const [pending, setPending] = useState(false);
  const guarded = useCallback<RunCommand>(
    async (name, input, requestId) => {
      setPending(true);
      try {
        return await run(name, input, requestId);
      } finally {
        setPending(false);
      }
    },
    [run],
  );
  return [pending, guarded];
}
