import WebSocket from 'ws';
import { TerminalStateSchema, type CommandInput, type TerminalState } from '../../common/api/contract.ts';
import type { CommandName } from '../../common/api/names.ts';
import { ServerMessageSchema } from '../../common/api/wire.ts';

export type CallResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; field?: string | undefined } };

/** A test's WebSocket client of a running browser host: what the renderer does, without a browser. */
export interface ApiClient {
  call<N extends CommandName>(command: N, input: CommandInput<N>): Promise<CallResult>;
  state(): Promise<TerminalState>;
  close(): void;
}

export async function connectApi(url: string): Promise<ApiClient> {
  const origin = new URL(url).origin;
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/api`, { origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const pending = new Map<number, { resolve: (result: CallResult) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  socket.on('message', (data: Buffer) => {
    const message = ServerMessageSchema.parse(JSON.parse(data.toString('utf8')));
    if ('id' in message) {
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    }
  });
  socket.on('close', () => {
    for (const { reject } of pending.values()) reject(new Error('the terminal closed the connection'));
    pending.clear();
  });
  socket.on('error', () => undefined);
  const call = <N extends CommandName>(command: N, input: CommandInput<N>): Promise<CallResult> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, command, input }), (error) => {
        if (error) {
          pending.delete(id);
          reject(error);
        }
      });
    });
  return {
    call,
    async state() {
      const result = await call('terminal.state', {});
      if (!result.ok) throw new Error(`terminal.state failed: ${result.error.message}`);
      return TerminalStateSchema.parse(result.value);
    },
    close: () => socket.close(),
  };
}
