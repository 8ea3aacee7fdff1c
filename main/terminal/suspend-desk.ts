import type { Notice, TerminalState } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import type { ItemSnapshot } from '../../common/catalog.ts';
import { formatMoney } from '../../common/money.ts';
import type { ReceiptDocument } from '../../common/receipt.ts';
import { ticketLane, type SuspendedBasket, type SuspendedLine, type SuspendTicketView } from '../../common/suspend.ts';
import { localDate, suspendedContents } from '../checkout/index.ts';
import { printedTime } from '../checkout/receipt-text.ts';
import { LedgerError } from '../ledger/errors.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { SuspensionRecord } from '../ledger/suspensions.ts';
import type { Lane } from './lane.ts';
import type { Logger } from './log.ts';
import type { OperatorSession } from './operator-session.ts';
import type { SuspendedBasketSources } from './suspended-source.ts';

/** What the desk needs of a receipt printer: drivers/printer/receipt-printer.ts. */
export interface TicketPrinter {
  print(document: ReceiptDocument): Promise<void>;
}

export interface SuspendDeskOptions {
  readonly lane: Lane;
  readonly ledger: Ledger;
  readonly session: OperatorSession;
  readonly laneId: string;
  readonly storeName: string;
  readonly timeZone: string;
  readonly printer: TicketPrinter | null;
  /** Where a ticket's basket is: this lane's ledger for its own tickets, a peer for another lane's. */
  readonly sources: SuspendedBasketSources;
  readonly now: () => string;
  readonly notify: (notice: Notice) => void;
  readonly log: Logger;
}

export interface SuspendDesk {
  suspend(requestId: string): SuspendTicketView;
  resume(ticket: string, requestId: string): Promise<TerminalState>;
  waiting(): SuspendTicketView[];
}

/** The offset of a time zone from UTC at an instant, in milliseconds (local wall time − UTC). */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - (instant - (instant % 1000));
}

/** The instant a business day (YYYY-MM-DD) ends in the store's time zone: the next local midnight. */
export function endOfBusinessDay(businessDate: string, timeZone: string): string {
  const [year, month, day] = businessDate.split('-').map(Number);
  const midnightAsUtc = Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + 1);
  // Two passes settle the offset even when midnight falls next to a daylight-saving change.
  let instant = midnightAsUtc - zoneOffset(midnightAsUtc, timeZone);
  instant = midnightAsUtc - zoneOffset(instant, timeZone);
  return new Date(instant).toISOString();
}

function ticketView(record: SuspensionRecord, printed: boolean): SuspendTicketView {
  const { basket } = record;
  return { ticket: basket.ticket, laneId: basket.laneId, suspendedAt: basket.suspendedAt, expiresAt: basket.expiresAt, lineCount: record.lineCount, total: record.total, currency: basket.currency, printed };
}

/**
 * Suspend and resume. A suspended basket is closed on the lane and kept, with its lines and their
 * corrections, in this lane's ledger under a ticket (shown, and printed with its barcode when the
 * lane has a printer). Any lane of the store resumes it by the ticket: it claims the basket from
 * the lane that holds it (exactly once, by a claim id that is the same for every try of the same
 * lane) and opens it anew, re-priced with today's catalog and promotions. A ticket is good until
 * the end of the business day it was suspended on.
 */
export function suspendDesk(options: SuspendDeskOptions): SuspendDesk {
  const { lane, ledger, session, laneId } = options;

  const printSlip = (view: SuspendTicketView, lines: number): boolean => {
    const printer = options.printer;
    if (!printer) return false;
    const document: ReceiptDocument = {
      blocks: [
        { type: 'line', text: options.storeName, align: 'center', bold: true },
        { type: 'line', text: 'SUSPENDED SALE', align: 'center', size: 'wide' },
        { type: 'rule' },
        { type: 'pair', left: `Lane ${view.laneId}`, right: printedTime(view.suspendedAt, options.timeZone) },
        { type: 'pair', left: `${lines} ${lines === 1 ? 'line' : 'lines'}`, right: formatMoney(view.total, view.currency) },
        { type: 'feed' },
        { type: 'barcode', symbology: 'code128', data: view.ticket },
        { type: 'line', text: 'Bring this ticket to any lane to pay.', align: 'center' },
        { type: 'line', text: `Valid until ${printedTime(view.expiresAt, options.timeZone)}`, align: 'center' },
        { type: 'cut' },
      ],
    };
    printer.print(document).catch((error: unknown) => {
      options.log.error({ err: error, ticket: view.ticket }, 'suspend ticket not printed');
      options.notify({ level: 'error', code: 'DEVICE', message: `Ticket ${view.ticket} was not printed; note the code from the screen.` });
    });
    return true;
  };

  /** Today's catalog item for a suspended line (the line's tare comes along); null when the catalog dropped it. */
  const today = (line: SuspendedLine): ItemSnapshot | null => {
    const found = ledger.catalog.findById(line.item.itemId);
    if (!found) {
      options.log.info({ itemId: line.item.itemId }, 'resumed line no longer in the catalog: sold at its suspended price');
      return null;
    }
    return line.item.tareGrams === undefined ? found : { ...found, tareGrams: line.item.tareGrams };
  };

  const refusal = (answer: Exclude<Awaited<ReturnType<NonNullable<ReturnType<SuspendedBasketSources>>['claim']>>, { status: 'claimed' }>): TerminalError => {
    switch (answer.status) {
      case 'unknown':
        return new TerminalError('UNKNOWN_TICKET', `no suspended sale has the ticket ${answer.ticket}`, 'ticket');
      case 'expired':
        return new TerminalError('TICKET_EXPIRED', `ticket ${answer.ticket} expired at the end of its business day (${printedTime(answer.expiresAt, options.timeZone)}); ring the items up again`, 'ticket');
      case 'already-claimed':
        return new TerminalError('TICKET_ALREADY_RESUMED', `ticket ${answer.ticket} was resumed on lane ${answer.claimedByLane} at ${printedTime(answer.claimedAt, options.timeZone)}`, 'ticket');
      default: {
        const unknown: never = answer;
        return new TerminalError('INTERNAL', `unknown claim answer ${JSON.stringify(unknown)}`);
      }
    }
  };

  return {
    suspend(requestId) {
      const earlier = ledger.suspensions.byRequest(requestId);
      if (earlier) return ticketView(earlier, options.printer !== null);
      const at = options.now();
      return lane.suspend(requestId, (basket, view) => {
        const businessDate = localDate(at, options.timeZone);
        const record = ledger.transaction(() => {
          const done = ledger.suspensions.suspend({
            basketId: basket.basketId,
            laneId,
            businessDate,
            suspendedAt: at,
            expiresAt: endOfBusinessDay(businessDate, options.timeZone),
            suspendedBy: session.actor().operatorId,
            currency: basket.currency,
            total: view.total,
            contents: suspendedContents(basket),
            requestId,
          });
          if (!done.replayed) {
            session.record({
              action: 'basket.suspend',
              subject: done.record.basket.ticket,
              details: { basketId: basket.basketId, lines: done.record.lineCount, total: view.total, currency: basket.currency, expiresAt: done.record.basket.expiresAt },
            });
          }
          return done.record;
        });
        options.log.info({ ticket: record.basket.ticket, basketId: basket.basketId }, 'basket suspended');
        const shown = ticketView(record, false);
        return { ...shown, printed: printSlip(shown, record.lineCount) };
      });
    },

    async resume(ticket, requestId) {
      if (lane.applied(requestId)) return lane.state();
      const holder = ticketLane(ticket);
      if (holder === null) throw new TerminalError('INVALID_INPUT', `ticket: "${ticket}" is not a suspend ticket such as SUS-L01-0007`, 'ticket');
      lane.assertNoSale();
      const resumedInto = ledger.suspensions.resumedInto(ticket);
      if (resumedInto !== null) throw new TerminalError('TICKET_ALREADY_RESUMED', `ticket ${ticket} was resumed on this lane already`, 'ticket');
      const source = options.sources(holder);
      if (!source) throw new TerminalError('LANE_UNREACHABLE', `ticket ${ticket} belongs to lane ${holder}, which this lane cannot reach on the store network`, 'ticket');
      // The same for every try of this lane: a retry after a crash or a lost answer gets the basket again; no other lane can.
      const claimId = `resume:${laneId}:${ticket}`;
      const answer = await source.claim({ ticket, claimId, claimingLaneId: laneId });
      if (answer.status !== 'claimed') throw refusal(answer);
      const suspended: SuspendedBasket = answer.basket;
      try {
        return lane.resumeSuspended(requestId, suspended, today, (basketId) => {
          ledger.suspensions.recordResumed({ ticket, basketId, fromLane: suspended.laneId, claimId, resumedAt: options.now(), requestId });
          session.record({
            action: 'basket.resume',
            subject: ticket,
            details: { basketId, fromLane: suspended.laneId, fromBasketId: suspended.basketId, lines: suspended.lines.length, suspendedAt: suspended.suspendedAt },
          });
        });
      } catch (error) {
        if (error instanceof LedgerError && error.field === 'ticket') throw new TerminalError('TICKET_ALREADY_RESUMED', error.message, 'ticket');
        throw error;
      }
    },

    waiting() {
      return ledger.suspensions.waiting(laneId, options.now()).map((record) => ticketView(record, false));
    },
  };
}
