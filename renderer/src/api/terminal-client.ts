import type { TerminalBridge } from '../../../common/api/bridge.ts';
import type { CommandInput } from '../../../common/api/contract.ts';
import type { CommandName } from '../../../common/api/names.ts';
import { checkResult, parseTerminalEvent } from './validate.ts';

/** `connecting` before the first connection, `reconnecting` whenever it was lost since. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

/** The terminal as the screens use it: the bridge contract plus the state of the link to it. */
export interface TerminalClient extends TerminalBridge {
  connectionStatus(): ConnectionStatus;
  onConnectionChange(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

/** Commands that change the lane and therefore carry an idempotency key. */
export type WriteCommandName = Exclude<CommandName, 'terminal.state'>;
export type WriteInput<N extends WriteCommandName> = Omit<CommandInput<N>, 'requestId'>;

/**
 * Wraps a bridge that is always connected: Electron's `window.terminal`, or a fake in tests.
 * Events and results are checked against the contract here too; the view trusts nothing.
 */
export function clientFromBridge(bridge: TerminalBridge, onProblem: (problem: string) => void = reportProblem): TerminalClient {
  const commands = Object.fromEntries(
    Object.entries(bridge.commands).map(([name, call]) => [
      name,
      async (input: unknown) => checkResult(name as CommandName, await (call as (input: unknown) => Promise<unknown>)(input), onProblem),
    ]),
  ) as unknown as TerminalBridge['commands'];
  return {
    commands,
    onEvent(listener) {
      return bridge.onEvent((raw: unknown) => {
        const parsed = parseTerminalEvent(raw);
        if (parsed.ok) listener(parsed.event);
        else onProblem(parsed.problem);
      });
    },
    connectionStatus: () => 'connected',
    onConnectionChange: () => () => undefined,
    close: () => undefined,
  };
}

export function reportProblem(problem: string): void {
  console.warn(`terminal link: ${problem}`);
}
