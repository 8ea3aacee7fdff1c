import type { SessionView } from '../../common/session.ts';
import { TerminalError } from '../../common/api/result.ts';
import type { CommandHandlers } from '../../main/terminal/dispatch.ts';

const session: SessionView = { signInRequired: false, operator: null, locked: false, approval: null };

/** The operator and post-void commands for dispatch tests that exercise something else. */
export const operatorHandlers: Pick<
  CommandHandlers,
  | 'operator.session'
  | 'operator.signIn'
  | 'operator.signOut'
  | 'operator.lock'
  | 'operator.unlock'
  | 'approval.grant'
  | 'approval.cancel'
  | 'sale.lookup'
  | 'sale.postVoid'
> = {
  'operator.session': () => session,
  'operator.signIn': () => session,
  'operator.signOut': () => session,
  'operator.lock': () => session,
  'operator.unlock': () => session,
  'approval.grant': () => session,
  'approval.cancel': () => session,
  'sale.lookup': (input) => {
    throw new TerminalError('UNKNOWN_SALE', `no completed sale has the receipt number ${input.receiptNumber}`, 'receiptNumber');
  },
  'sale.postVoid': (input) => {
    throw new TerminalError('UNKNOWN_SALE', `no completed sale has the receipt number ${input.receiptNumber}`, 'receiptNumber');
  },
};
