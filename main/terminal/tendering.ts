import type { Notice, TerminalState } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import type { GiftCardView } from '../../common/shift.ts';
import { tenderCash, tenderGiftCard, type EngineContext } from '../checkout/index.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { openDrawer, type DrawerKick } from './cash-drawer.ts';
import type { Lane } from './lane.ts';
import { translate } from './lane-ledger.ts';
import type { Logger } from './log.ts';
import type { OperatorSession } from './operator-session.ts';

export interface TenderDeskOptions {
  readonly lane: Lane;
  readonly ledger: Ledger;
  readonly session: OperatorSession;
  readonly drawer: DrawerKick | null;
  readonly laneId: string;
  readonly currency: string;
  readonly context: EngineContext;
  readonly notify: (notice: Notice) => void;
  readonly log: Logger;
}

export interface TenderDesk {
  cash(tendered: number, requestId: string): TerminalState;
  giftCard(code: string, amount: number | undefined, requestId: string): TerminalState;
  balance(code: string): GiftCardView;
  issue(code: string, amount: number, reason: string, requestId: string): GiftCardView;
}

/**
 * Cash and gift card tenders at the lane. Cash needs an open shift (someone answers for the
 * drawer), is audited with the drawer kick in the tender's transaction, and opens the drawer; a
 * gift card redemption commits with the tender that spends it.
 */
export function tenderDesk(options: TenderDeskOptions): TenderDesk {
  const { lane, ledger, session, context, laneId } = options;

  const findCard = (code: string) => {
    const card = translate(() => ledger.giftCards.find(code));
    if (!card) throw new TerminalError('GIFT_CARD_REFUSED', `no gift card or store credit has the code ending ${code.slice(-4)}`, 'code');
    return card;
  };

  return {
    cash(tendered, requestId) {
      if (!ledger.shifts.openShiftOf(laneId)) throw new TerminalError('NO_OPEN_SHIFT', 'open a shift with a cash float before taking cash');
      let taken = false;
      const state = translate(() =>
        lane.tender(requestId, (basket, view) => {
          const events = tenderCash(basket, view, tendered, context);
          const first = events[0];
          const tender = first?.type === 'tender.approved' && first.tender.method === 'cash' ? first.tender : null;
          if (!tender) throw new Error('tenderCash made no cash tender');
          taken = true;
          return {
            events,
            alongside: () =>
              session.record({
                action: 'cash.tender',
                subject: basket.basketId,
                details: { tenderId: tender.tenderId, amount: tender.amount, tendered: tender.tendered, change: tender.change, rounding: tender.rounding, currency: basket.currency, drawer: options.drawer ? 'kicked' : 'none' },
              }),
          };
        }),
      );
      if (taken) void openDrawer(options.drawer, 'cash tender', options.notify, options.log);
      return state;
    },

    giftCard(code, amount, requestId) {
      const card = findCard(code);
      return translate(() =>
        lane.tender(requestId, (basket, view) => {
          const events = tenderGiftCard(basket, view, card, amount ?? null, context);
          const first = events[0];
          const tender = first?.type === 'tender.approved' && first.tender.method === 'gift-card' ? first.tender : null;
          if (!tender) throw new Error('tenderGiftCard made no gift card tender');
          return {
            events,
            alongside: () => {
              ledger.giftCards.redeem({ cardId: card.cardId, amount: tender.amount, basketId: basket.basketId, laneId, requestId, at: tender.redeemedAt });
            },
          };
        }),
      );
    },

    balance(code) {
      const card = findCard(code);
      return { last4: card.last4, currency: card.currency, balance: card.balance };
    },

    issue(code, amount, reason, requestId) {
      const actor = session.actor();
      const card = translate(() =>
        ledger.transaction(() => {
          const issued = ledger.giftCards.issue({ code, amount, currency: options.currency, laneId, operatorId: actor.operatorId, reason, requestId, at: context.now() });
          if (!issued.replayed) session.record({ action: 'giftcard.issue', subject: issued.cardId, details: { last4: issued.last4, amount, currency: issued.currency, balance: issued.balance, reason } });
          return issued;
        }),
      );
      return { last4: card.last4, currency: card.currency, balance: card.balance };
    },
  };
}
