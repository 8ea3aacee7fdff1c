import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { healthyLane } from '../../support/health.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TerminalEvent } from '../../../common/api/contract.ts';
import { startHost, type RunningHost } from '../../../main/host/server.ts';
import { welcomeHandlers, welcomeState } from '../../support/terminal-handlers.ts';
import { createDispatch } from '../../../main/terminal/dispatch.ts';
import type { TerminalApi } from '../../../main/terminal/terminal-api.ts';

const state = welcomeState;

const listeners = new Set<(event: TerminalEvent) => void>();
const terminal: TerminalApi = {
  dispatch: createDispatch(
    welcomeHandlers({
      'basket.scan': () => {
        for (const listener of listeners) listener({ event: 'state', payload: { ...state, phase: 'shopping' } });
        return state;
      },
    }),
    { error: () => undefined },
  ),
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  health: healthyLane,
};

let host: RunningHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>lane</title>');
  host = await startHost(terminal, { host: '127.0.0.1', port: 0, rendererDir });
});

afterAll(async () => {
  await host.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

function connect(headers: Record<string, string> = {}): Promise<WebSocket> {
  const socket = new WebSocket(`${host.url.replace('http', 'ws')}api`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
}

describe('the browser host API socket', () => {
  it('answers a command with the Result envelope and its id', async () => {
    const socket = await connect();
    const answer = nextMessage(socket);
    socket.send(JSON.stringify({ id: 7, command: 'terminal.state', input: {} }));
    expect(await answer).toEqual({ id: 7, result: { ok: true, value: state } });
    socket.close();
  });

  it('refuses a malformed scan with an error naming the field', async () => {
    const socket = await connect();
    const answer = nextMessage(socket);
    socket.send(JSON.stringify({ id: 1, command: 'basket.scan', input: { requestId: 'req-12345678', source: 'wedge' } }));
    expect(await answer).toMatchObject({ id: 1, result: { ok: false, error: { code: 'INVALID_INPUT', field: 'input.code' } } });
    socket.close();
  });

  it('closes the socket on a frame that is not JSON', async () => {
    const socket = await connect();
    const done = closed(socket);
    socket.send('{not json');
    expect(await done).toEqual({ code: 1007, reason: 'message is not JSON' });
  });

  it('closes the socket on a frame without a numeric id, naming the field', async () => {
    const socket = await connect();
    const done = closed(socket);
    socket.send(JSON.stringify({ id: 'x', command: 'terminal.state' }));
    const { code, reason } = await done;
    expect(code).toBe(1008);
    expect(reason).toMatch(/^id: /);
  });

  it('pushes terminal events to the connected renderer', async () => {
    const socket = await connect();
    const messages: unknown[] = [];
    const twoMessages = new Promise<void>((resolve) =>
      socket.on('message', (data: Buffer) => {
        messages.push(JSON.parse(data.toString()));
        if (messages.length === 2) resolve();
      }),
    );
    socket.send(JSON.stringify({ id: 2, command: 'basket.scan', input: { requestId: 'req-12345678', code: '1', source: 'wedge' } }));
    await twoMessages;
    expect(messages).toContainEqual({ event: 'state', payload: { ...state, phase: 'shopping' } });
    socket.close();
  });

  it('refuses a connection from a page of another origin', async () => {
    const socket = await connect({ Origin: 'http://evil.example' });
    const { code } = await closed(socket);
    expect(code).toBe(1008);
  });

  it('serves the renderer with a strict content security policy', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await (await fetch(`${host.url}health`)).json()).toMatchObject({ status: 'ok', laneId: 'L01' });
  });
});
