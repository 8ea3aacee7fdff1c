import { TerminalError } from '../../common/api/result.ts';
import type { CommandHandlers } from '../../main/terminal/dispatch.ts';

const noShift = (): never => {
  throw new TerminalError('NO_OPEN_SHIFT', 'open a shift with a cash float first');
};

/** The tender, cash drawer, shift and report commands for dispatch tests that exercise something else. */
export const moneyHandlers: Pick<
  CommandHandlers,
  | 'tender.cash'
  | 'tender.giftCard'
  | 'giftCard.balance'
  | 'giftCard.issue'
  | 'drawer.noSale'
  | 'cash.paidIn'
  | 'cash.paidOut'
  | 'shift.current'
  | 'shift.open'
  | 'shift.close'
  | 'report.x'
  | 'report.z'
> = {
  'tender.cash': noShift,
  'tender.giftCard': (input) => {
    throw new TerminalError('GIFT_CARD_REFUSED', `no gift card has the code ending ${input.code.slice(-4)}`, 'code');
  },
  'giftCard.balance': (input) => {
    throw new TerminalError('GIFT_CARD_REFUSED', `no gift card has the code ending ${input.code.slice(-4)}`, 'code');
  },
  'giftCard.issue': (input) => ({ last4: input.code.slice(-4), currency: 'USD', balance: input.amount }),
  'drawer.noSale': noShift,
  'cash.paidIn': noShift,
  'cash.paidOut': noShift,
  'shift.current': () => null,
  'shift.open': noShift,
  'shift.close': noShift,
  'report.x': noShift,
  'report.z': noShift,
};
