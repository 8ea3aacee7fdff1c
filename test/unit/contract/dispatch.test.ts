import { describe, expect, it } from 'vitest';
import { TerminalError } from '../../../common/api/result.ts';
import type { TerminalState } from '../../../common/api/contract.ts';
import { operatorHandlers } from '../../support/operator-handlers.ts';
import { createDispatch, type CommandHandlers } from '../../../main/terminal/dispatch.ts';

const state: TerminalState = {
  role: 'self-checkout',
  laneId: 'L01',
  storeName: 'Test Store',
  currency: 'USD',
  locale: 'en-US',
  phase: 'welcome',
  basket: null,
  payment: { state: 'idle', message: '' },
  receipt: null,
  devices: [],
};

function dispatchWith(overrides: Partial<CommandHandlers> = {}, errors: object[] = []) {
  const handlers: CommandHandlers = {
    'terminal.state': () => state,
    'basket.scan': () => state,
    'basket.setQuantity': () => state,
    'basket.cancel': () => state,
    'payment.start': () => state,
    'payment.cancel': () => state,
    'sale.finish': () => state,
    'bagging.allow': () => state,
    ...operatorHandlers,
    ...overrides,
  };
  return createDispatch(handlers, { error: (details) => errors.push(details) });
}

const requestId = 'req-0001-abcd';

describe('the command dispatch shared by IPC and WebSocket', () => {
  it('refuses a command that is not in the contract, naming the command field', async () => {
    const result = await dispatchWith()('fs.readFile', {});
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: expect.stringContaining('fs.readFile'), field: 'command' } });
  });

  it('refuses a scan without a code, naming input.code', async () => {
    const result = await dispatchWith()('basket.scan', { requestId, source: 'wedge' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.field).toBe('input.code');
      expect(result.error.message).toMatch(/^input\.code: /);
    }
  });

  it('refuses a quantity that is not a whole number, naming input.quantity', async () => {
    const result = await dispatchWith()('basket.setQuantity', { requestId, lineId: 'ln_1', quantity: 1.5 });
    expect(!result.ok && result.error.field).toBe('input.quantity');
  });

  it('refuses a write without an idempotency key, naming input.requestId', async () => {
    const result = await dispatchWith()('basket.cancel', {});
    expect(!result.ok && result.error.field).toBe('input.requestId');
  });

  it('refuses a scan source outside the allowed list', async () => {
    const result = await dispatchWith()('basket.scan', { requestId, code: '123', source: 'telepathy' });
    expect(!result.ok && result.error.field).toBe('input.source');
  });

  it('hands the handler the parsed input, with the code trimmed', async () => {
    let seen: unknown;
    const dispatch = dispatchWith({
      'basket.scan': (input) => {
        seen = input;
        return state;
      },
    });
    const result = await dispatch('basket.scan', { requestId, code: ' 4006381333931 ', source: 'scanner', extra: 'ignored' });
    expect(result).toEqual({ ok: true, value: state });
    expect(seen).toEqual({ requestId, code: '4006381333931', source: 'scanner' });
  });

  it('turns a domain error into its stable code', async () => {
    const dispatch = dispatchWith({
      'basket.scan': () => {
        throw new TerminalError('UNKNOWN_ITEM', 'no item has the code 123', 'code');
      },
    });
    expect(await dispatch('basket.scan', { requestId, code: '123', source: 'keyed' })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_ITEM', message: 'no item has the code 123', field: 'code' },
    });
  });

  it('answers an unexpected crash with INTERNAL and logs it without leaking the message', async () => {
    const errors: object[] = [];
    const dispatch = dispatchWith(
      {
        'terminal.state': () => {
          throw new Error('SQLITE_CORRUPT at /secret/path');
        },
      },
      errors,
    );
    const result = await dispatch('terminal.state', {});
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(errors).toHaveLength(1);
  });

  it('runs the guard on the validated input before the handler, and a refusal keeps the handler from running', async () => {
    const seen: unknown[] = [];
    let handled = 0;
    const handlers: CommandHandlers = {
      'terminal.state': () => state,
      'basket.scan': () => {
        handled += 1;
        return state;
      },
      'basket.setQuantity': () => state,
      'basket.cancel': () => state,
      'payment.start': () => state,
      'payment.cancel': () => state,
      'sale.finish': () => state,
      'bagging.allow': () => state,
      ...operatorHandlers,
    };
    const dispatch = createDispatch(handlers, { error: () => undefined }, (command, input) => {
      seen.push({ command, input });
      throw new TerminalError('SIGN_IN_REQUIRED', 'sign in first');
    });
    const result = await dispatch('basket.scan', { requestId, code: ' 4011 ', source: 'keyed' });
    expect(result).toEqual({ ok: false, error: { code: 'SIGN_IN_REQUIRED', message: 'sign in first' } });
    expect(seen).toEqual([{ command: 'basket.scan', input: { requestId, code: '4011', source: 'keyed' } }]);
    expect(handled).toBe(0);
  });
});
