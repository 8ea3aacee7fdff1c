import type { DrawerOutcome, Notice } from '../../common/api/contract.ts';
import type { ReceiptDocument } from '../../common/receipt.ts';
import { TerminalError } from '../../common/api/result.ts';
import { countedTotal, denominationsOf, type DenominationCount, type PaidReason, type ReportView, type ShiftCloseView, type ShiftView } from '../../common/shift.ts';
import { localDate } from '../checkout/index.ts';
import { renderReportText } from '../checkout/report-text.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { ShiftRecord } from '../ledger/shifts.ts';
import { openDrawer, type DrawerKick } from './cash-drawer.ts';
import { translate } from './lane-ledger.ts';
import type { Logger } from './log.ts';
import type { OperatorSession } from './operator-session.ts';

/** What the desk needs of a receipt printer: drivers/printer/receipt-printer.ts. */
export interface ReportPrinter {
  print(document: ReceiptDocument): Promise<void>;
}

export interface ShiftDeskOptions {
  readonly ledger: Ledger;
  /** Reports are printed too when the lane has a receipt printer. */
  readonly printer?: ReportPrinter | null;
  readonly session: OperatorSession;
  readonly drawer: DrawerKick | null;
  readonly laneId: string;
  readonly storeName: string;
  readonly currency: string;
  readonly timeZone: string;
  readonly now: () => string;
  readonly newId: (prefix: 'shift' | 'cash') => string;
  readonly notify: (notice: Notice) => void;
  readonly log: Logger;
}

export interface ShiftDesk {
  current(): ShiftView | null;
  open(float: readonly DenominationCount[], requestId: string): Promise<ShiftView>;
  close(counted: readonly DenominationCount[], requestId: string): ShiftCloseView;
  move(kind: 'paid-in' | 'paid-out' | 'no-sale', amount: number, reason: PaidReason | 'no-sale', note: string | undefined, requestId: string): Promise<DrawerOutcome>;
  xReport(): ReportView;
  zReport(requestId: string): ReportView;
}

/** Refuses denominations the currency has no note or coin for (a count of a currency we do not know is taken as given). */
function checkCount(counts: readonly DenominationCount[], currency: string, field: string): void {
  const known = denominationsOf(currency);
  const seen = new Set<number>();
  counts.forEach(({ denomination }, index) => {
    if (known.length > 0 && !known.includes(denomination)) throw new TerminalError('INVALID_INPUT', `${field}[${index}].denomination: ${currency} has no ${denomination} note or coin`, `${field}[${index}].denomination`);
    if (seen.has(denomination)) throw new TerminalError('INVALID_INPUT', `${field}[${index}].denomination: ${denomination} is counted twice`, `${field}[${index}].denomination`);
    seen.add(denomination);
  });
}

/**
 * The cash office of one lane: shifts opened with a float and closed blind with a count, paid
 * in, paid out and no sale (each audited and opening the drawer), and the X and Z reports.
 */
export function shiftDesk(options: ShiftDeskOptions): ShiftDesk {
  const { ledger, session, laneId, currency } = options;

  const view = (shift: ShiftRecord): ShiftView => ({
    shiftId: shift.shiftId,
    laneId: shift.laneId,
    operatorId: shift.operatorId,
    businessDate: shift.businessDate,
    currency: shift.currency,
    openedAt: shift.openedAt,
    openingFloat: shift.openingFloat,
    denominations: [...denominationsOf(shift.currency)],
  });
  const withText = (report: ReportView['report']): ReportView => {
    const text = renderReportText(report, { timeZone: options.timeZone });
    const printer = options.printer;
    if (printer) {
      const blocks: ReceiptDocument['blocks'] = [...text.trimEnd().split('\n').map((line) => ({ type: 'line' as const, text: line })), { type: 'cut' as const }];
      printer.print({ blocks }).catch((error: unknown) => {
        options.log.error({ err: error, kind: report.kind }, 'report not printed');
        options.notify({ level: 'error', code: 'DEVICE', message: `The ${report.kind} report was not printed; it is shown on screen.` });
      });
    }
    return { report, text };
  };

  return {
    current() {
      const shift = ledger.shifts.openShiftOf(laneId);
      return shift && view(shift);
    },

    async open(float, requestId) {
      checkCount(float, currency, 'float');
      const { operatorId } = session.actor();
      if (operatorId === null) throw new TerminalError('SIGN_IN_REQUIRED', 'a shift belongs to a signed-in operator');
      const at = options.now();
      const shift = translate(() =>
        ledger.transaction(() => {
          const opened = ledger.shifts.open({
            shiftId: options.newId('shift'),
            laneId,
            operatorId,
            businessDate: localDate(at, options.timeZone),
            currency,
            openingFloat: countedTotal(float),
            requestId,
            at,
          });
          if (!opened.replayed) session.record({ action: 'shift.open', subject: opened.shiftId, details: { openingFloat: opened.openingFloat, currency, float: [...float] } });
          return opened;
        }),
      );
      if (!shift.replayed) await openDrawer(options.drawer, 'float in', options.notify, options.log);
      return view(shift);
    },

    close(counted, requestId) {
      checkCount(counted, currency, 'counted');
      const closed = translate(() =>
        ledger.transaction(() => {
          const done = ledger.shifts.close({ laneId, counted: [...counted], closedBy: session.actor().approverId ?? session.actor().operatorId, requestId, at: options.now() });
          if (!done.replayed) {
            session.record({ action: 'shift.close', subject: done.shiftId, details: { counted: done.countedTotal, expected: done.expectedCash, overShort: done.overShort, currency: done.currency } });
          }
          return done;
        }),
      );
      return {
        shiftId: closed.shiftId,
        currency: closed.currency,
        closedAt: closed.closedAt ?? options.now(),
        countedTotal: closed.countedTotal ?? 0,
        expectedCash: closed.expectedCash ?? 0,
        overShort: closed.overShort ?? 0,
      };
    },

    async move(kind, amount, reason, note, requestId) {
      const actor = session.actor();
      const movementId = options.newId('cash');
      const moved = translate(() =>
        ledger.transaction(() => {
          const done = ledger.shifts.moveCash({ movementId, laneId, kind, amount, reason, note: note ?? null, operatorId: actor.operatorId, approverId: actor.approverId, requestId, at: options.now() });
          if (!done.replayed) session.record({ action: kind === 'no-sale' ? 'drawer.noSale' : kind === 'paid-in' ? 'cash.paidIn' : 'cash.paidOut', subject: done.movementId, details: { amount, currency, reason, shiftId: done.shiftId } });
          return done;
        }),
      );
      const drawer = moved.replayed ? (options.drawer ? 'opened' : 'no-drawer') : await openDrawer(options.drawer, kind, options.notify, options.log);
      return { movementId: moved.movementId, kind, amount, drawer };
    },

    xReport() {
      return withText(translate(() => ledger.days.xReport({ laneId, storeName: options.storeName, currency, generatedAt: options.now() })));
    },

    zReport(requestId) {
      const at = options.now();
      const businessDate = ledger.days.dayToClose(laneId, localDate(at, options.timeZone));
      const { operatorId, approverId } = session.actor();
      const closed = translate(() =>
        ledger.transaction(() => {
          const done = ledger.days.closeDay({ laneId, storeName: options.storeName, currency, businessDate, closedBy: approverId ?? operatorId, at });
          if (!done.replayed) session.record({ action: 'report.z', subject: `${laneId}:${businessDate}`, details: { zNumber: done.report.zNumber, salesTotal: done.report.salesTotal, overShort: done.report.overShort, requestId } });
          return done;
        }),
      );
      return withText(closed.report);
    },
  };
}
