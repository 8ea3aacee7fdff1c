import { commands, type CommandOutput, type ParsedInput } from '../../common/api/contract.ts';
import { isCommandName, type CommandName } from '../../common/api/names.ts';
import { describeZodError, fail, ok, TerminalError, type Result } from '../../common/api/result.ts';

export type CommandHandlers = {
  readonly [N in CommandName]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> | CommandOutput<N>;
};

export type Dispatch = (command: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatchLog {
  error(details: object, message: string): void;
}

/** Decides whether a validated command may run now; throws a TerminalError when it may not. */
export type CommandGuard = (command: CommandName, input: unknown) => void;

/**
 * The one entry point for every caller, Electron IPC and WebSocket alike: the command name is
 * checked against the allow-list, the input against its schema, then the guard (the operator's
 * permissions) has its say, and any failure becomes a Result with a stable code, never a
 * thrown error crossing the process boundary.
 */
export function createDispatch(handlers: CommandHandlers, log: DispatchLog, guard?: CommandGuard): Dispatch {
  return async (command, input) => {
    if (!isCommandName(command)) {
      return fail('UNKNOWN_COMMAND', `command: "${String(command).slice(0, 64)}" is not a terminal command`, 'command');
    }
    const parsed = commands[command].input.safeParse(input ?? {});
    if (!parsed.success) {
      const { message, field } = describeZodError(parsed.error, 'input');
      return fail('INVALID_INPUT', message, field);
    }
    try {
      guard?.(command, parsed.data);
      const handler = handlers[command] as (input: unknown) => Promise<unknown> | unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof TerminalError) return fail(error.code, error.message, error.field);
      log.error({ err: error, command }, 'command failed');
      return fail('INTERNAL', 'the terminal could not complete that; please ask for help');
    }
  };
}
