import { TerminalError } from '../../common/api/result.ts';
import type { CommandHandlers } from '../../main/terminal/dispatch.ts';

const noSale = (): never => {
  throw new TerminalError('UNKNOWN_SALE', 'no completed sale has that receipt number', 'receiptNumber');
};

/** The return commands for dispatch tests that exercise something else: no sale is ever found. */
export const returnHandlers: Pick<CommandHandlers, 'return.lookup' | 'return.quote' | 'return.byReceipt' | 'return.quoteNoReceipt' | 'return.noReceipt' | 'return.view'> = {
  'return.lookup': noSale,
  'return.quote': noSale,
  'return.byReceipt': noSale,
  'return.quoteNoReceipt': (input) => {
    throw new TerminalError('UNKNOWN_ITEM', `no item has the code ${input.code}`, 'code');
  },
  'return.noReceipt': (input) => {
    throw new TerminalError('UNKNOWN_ITEM', `no item has the code ${input.code}`, 'code');
  },
  'return.view': noSale,
};
