import type { TerminalBridge } from '../../../common/api/bridge.ts';
import type { TerminalEvent } from '../../../common/api/contract.ts';
import { commandNames, type CommandName } from '../../../common/api/names.ts';
import type { Result } from '../../../common/api/result.ts';
import { ServerMessageSchema } from '../../../common/api/wire.ts';
import { reportProblem, type ConnectionStatus, type TerminalClient } from './terminal-client.ts';
import { checkResult, parseTerminalEvent } from './validate.ts';

/** The little of a WebSocket the client needs, so tests can hand it a fake. */
export interface LaneSocket {
  send(text: string): void;
  close(): void;
}

export interface LaneSocketHandlers {
  opened(): void;
  received(data: unknown): void;
  closed(): void;
}

export type OpenLaneSocket = (handlers: LaneSocketHandlers) => LaneSocket;

export interface SocketClientOptions {
  readonly open: OpenLaneSocket;
  /** Told about every server message that was dropped because it broke the contract. */
  readonly onProblem?: (problem: string) => void;
  /** How long a command may wait for its answer, across reconnects, before it fails. */
  readonly answerTimeoutMs?: number;
}

export const RECONNECT_FIRST_DELAY_MS = 250;
export const RECONNECT_MAX_DELAY_MS = 5_000;
export const ANSWER_TIMEOUT_MS = 30_000;

/** 250 ms, 500 ms, 1 s, 2 s, 4 s, then every 5 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_FIRST_DELAY_MS * 2 ** Math.min(attempt, 10));
}

interface PendingCommand {
  readonly name: CommandName;
  /** The exact frame, resent as is after a reconnect: same input, so the same requestId. */
  readonly frame: string;
  settle(result: Result<unknown>): void;
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

/**
 * The terminal API over the browser host's WebSocket (framing in common/api/wire.ts). Every
 * server message is validated; a bad one is reported and dropped. When the link drops the client
 * reconnects with back-off, and commands still waiting are sent again unchanged: writes carry
 * their idempotency key, so the lane applies each at most once.
 */
export function createSocketClient(options: SocketClientOptions): TerminalClient {
  const onProblem = options.onProblem ?? reportProblem;
  const answerTimeoutMs = options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
  const eventListeners = new Set<(event: TerminalEvent) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const pending = new Map<number, PendingCommand>();
  let status: ConnectionStatus = 'connecting';
  let socket: LaneSocket | null = null;
  let isOpen = false;
  let generation = 0;
  let attempt = 0;
  let nextId = 1;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  function setStatus(next: ConnectionStatus): void {
    if (status === next) return;
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  }

  function transmit(frame: string): void {
    if (!socket || !isOpen) return;
    try {
      socket.send(frame);
    } catch (error) {
      // The socket is closing; its close event brings the reconnect that sends this again.
      onProblem(`a send failed (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer !== undefined) return;
    setStatus('reconnecting');
    retryTimer = setTimeout(connect, reconnectDelay(attempt));
    attempt += 1;
  }

  function connect(): void {
    retryTimer = undefined;
    if (closed) return;
    generation += 1;
    const mine = generation;
    const handlers: LaneSocketHandlers = {
      opened() {
        if (mine !== generation) return;
        isOpen = true;
        attempt = 0;
        for (const command of pending.values()) transmit(command.frame);
        setStatus('connected');
      },
      received(data) {
        if (mine === generation) receive(data);
      },
      closed() {
        if (mine !== generation) return;
        socket = null;
        isOpen = false;
        scheduleReconnect();
      },
    };
    try {
      socket = options.open(handlers);
    } catch (error) {
      onProblem(`could not open the socket (${error instanceof Error ? error.message : String(error)})`);
      socket = null;
      scheduleReconnect();
    }
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') {
      onProblem('a frame that is not text');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      onProblem('a frame that is not JSON');
      return;
    }
    const message = ServerMessageSchema.safeParse(raw);
    if (!message.success) {
      onProblem('a frame that is neither an answer nor an event');
      return;
    }
    if ('id' in message.data) {
      // No one waiting means the answer came after its command timed out: nothing to do.
      const command = pending.get(message.data.id);
      command?.settle(checkResult(command.name, message.data.result, onProblem));
      return;
    }
    const parsed = parseTerminalEvent(message.data);
    if (!parsed.ok) {
      onProblem(parsed.problem);
      return;
    }
    for (const listener of [...eventListeners]) {
      try {
        listener(parsed.event);
      } catch (error) {
        onProblem(`an event listener failed (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }

  function call(name: CommandName, input: unknown): Promise<Result<unknown>> {
    if (closed) return Promise.resolve(failure('the link to the lane is closed'));
    const id = nextId;
    nextId += 1;
    const frame = JSON.stringify({ id, command: name, input });
    return new Promise((resolve) => {
      const timer = setTimeout(() => command.settle(failure('the lane did not answer in time')), answerTimeoutMs);
      const command: PendingCommand = {
        name,
        frame,
        settle(result) {
          clearTimeout(timer);
          pending.delete(id);
          resolve(result);
        },
      };
      pending.set(id, command);
      transmit(frame);
    });
  }

  const commands = Object.fromEntries(
    commandNames.map((name) => [name, (input: unknown) => call(name, input)]),
  ) as unknown as TerminalBridge['commands'];

  connect();

  return {
    commands,
    onEvent(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    connectionStatus: () => status,
    onConnectionChange(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      generation += 1;
      socket?.close();
      socket = null;
      for (const command of [...pending.values()]) command.settle(failure('the link to the lane is closed'));
    },
  };
}
