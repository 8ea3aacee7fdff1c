import type { WebSocket } from 'ws';
import { ClientMessageSchema, type ServerMessage } from '../../common/api/wire.ts';
import type { TerminalEvent } from '../../common/api/contract.ts';
import type { TerminalApi } from '../terminal/terminal-api.ts';

/** The largest message a renderer may send; commands are tiny, so more is abuse. */
const MAX_MESSAGE_BYTES = 16 * 1024;

/**
 * Serves one renderer over a WebSocket with the same dispatch as Electron IPC: every message is
 * validated, answered with a Result envelope, and terminal events are pushed as they happen.
 */
export function serveApiSocket(socket: WebSocket, terminal: TerminalApi): void {
  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = terminal.subscribe((event: TerminalEvent) => send({ event: event.event, payload: event.payload }));
  socket.on('close', unsubscribe);
  socket.on('message', (data, isBinary) => {
    const text = isBinary ? '' : data.toString();
    if (text.length === 0 || text.length > MAX_MESSAGE_BYTES) {
      socket.close(1009, 'message too large or not text');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      socket.close(1007, 'message is not JSON');
      return;
    }
    const message = ClientMessageSchema.safeParse(raw);
    if (!message.success) {
      const issue = message.error.issues[0];
      const field = (issue?.path ?? []).join('.') || 'message';
      // Without a valid id there is nobody to answer; a malformed frame closes the socket.
      socket.close(1008, `${field}: ${issue?.message ?? 'invalid'}`.slice(0, 120));
      return;
    }
    void terminal.dispatch(message.data.command, message.data.input).then((result) => send({ id: message.data.id, result }));
  });
}
