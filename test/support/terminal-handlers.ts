import type { TerminalState } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import type { CommandHandlers } from '../../main/terminal/dispatch.ts';
import { correctionHandlers } from './correction-handlers.ts';
import { moneyHandlers } from './money-handlers.ts';
import { operatorHandlers } from './operator-handlers.ts';
import { returnHandlers } from './return-handlers.ts';

/** A self-checkout lane at its welcome screen, with nothing going on. */
export const welcomeState: TerminalState = {
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
  help: null,
};

/** Handlers for tests of the command plumbing: every lane command answers `welcomeState`, `overrides` on top. */
export function welcomeHandlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  const state = (): TerminalState => welcomeState;
  return {
    'terminal.state': state,
    'basket.scan': state,
    'basket.setQuantity': state,
    'basket.cancel': state,
    'payment.start': state,
    'payment.cancel': state,
    'sale.finish': state,
    'lane.callHelp': state,
    'lane.cancelHelp': state,
    'bagging.allow': state,
    'age.verify': state,
    'store.board': () => ({ lanes: [] }),
    'attendant.approveAge': () => ({ lanes: [] }),
    'attendant.voidLine': () => ({ lanes: [] }),
    'attendant.clearBagging': () => ({ lanes: [] }),
    'attendant.acknowledgeHelp': () => ({ lanes: [] }),
    'gate.present': () => {
      throw new TerminalError('FORBIDDEN', 'this terminal is not a gate');
    },
    'simulator.panel': () => null,
    'simulator.act': () => {
      throw new TerminalError('DEVICE_UNAVAILABLE', 'no simulators in this test');
    },
    ...operatorHandlers,
    ...moneyHandlers,
    ...returnHandlers,
    ...correctionHandlers(state),
    'catalog.categories': () => ({ categories: [] }),
    'catalog.search': () => ({ items: [], more: false }),
    ...overrides,
  };
}
