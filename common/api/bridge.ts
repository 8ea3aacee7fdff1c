import type { CommandInput, CommandOutput, TerminalEvent } from './contract.ts';
import type { CommandName } from './names.ts';
import type { Result } from './result.ts';

/**
 * What the preload exposes as `window.terminal`, and what the WebSocket client implements too:
 * one function per allowed command, and a subscription that hands over only event payloads.
 */
export type TerminalBridge = {
  readonly commands: { readonly [N in CommandName]: (input: CommandInput<N>) => Promise<Result<CommandOutput<N>>> };
  onEvent(listener: (event: TerminalEvent) => void): () => void;
};
