import { TerminalError } from '../../common/api/result.ts';
import { defaultCorrectionSettings } from '../../common/corrections.ts';
import type { TerminalState } from '../../common/api/contract.ts';
import type { CommandHandlers } from '../../main/terminal/dispatch.ts';

/** The line correction and suspend/resume commands for dispatch tests that exercise something else. */
export function correctionHandlers(
  state: () => TerminalState,
): Pick<CommandHandlers, 'corrections.settings' | 'line.void' | 'line.overridePrice' | 'line.discount' | 'basket.taxExempt' | 'basket.suspend' | 'basket.resume' | 'basket.suspended'> {
  return {
    'corrections.settings': () => defaultCorrectionSettings,
    'line.void': state,
    'line.overridePrice': state,
    'line.discount': state,
    'basket.taxExempt': state,
    'basket.suspend': () => {
      throw new TerminalError('NO_OPEN_BASKET', 'there is no open basket');
    },
    'basket.resume': (input) => {
      throw new TerminalError('UNKNOWN_TICKET', `no suspended sale has the ticket ${input.ticket}`, 'ticket');
    },
    'basket.suspended': () => [],
  };
}
