import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ShiftReportSchema, type ShiftReport, type TenderTotal } from '../../common/shift.ts';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema } from './journal-event.ts';
import type { OutboxRepository } from './outbox.ts';
import { canonicalJson } from './sale-hash.ts';
import type { ShiftRecord, Shifts } from './shifts.ts';

/** Which tenders and cash movements a report counts: one shift (X) or a lane's business day (Z). */
type Scope = { readonly shiftId: string } | { readonly laneId: string; readonly businessDate: string };

const TenderRow = z.object({ method: z.enum(['cash', 'card', 'gift-card']), count: z.number().int(), amount: z.number().int() });
const Totals = z.object({ sales: z.number().int(), settled: z.number().int(), rounding: z.number().int(), change: z.number().int() });
const Movements = z.object({ paid_in: z.number().int(), paid_out: z.number().int(), no_sales: z.number().int() });

const METHOD_ORDER = ['cash', 'card', 'gift-card'] as const;

function where(scope: Scope, alias: string): { sql: string; params: string[] } {
  return 'shiftId' in scope
    ? { sql: `${alias}.shift_id = ?`, params: [scope.shiftId] }
    : { sql: `${alias}.shift_id IN (SELECT shift_id FROM shifts WHERE lane_id = ? AND business_date = ?)`, params: [scope.laneId, scope.businessDate] };
}

function tenderScope(scope: Scope): { sql: string; params: string[] } {
  // Card and gift card sales without a shift (self-checkout) belong to the lane's day too.
  return 'shiftId' in scope ? { sql: 't.shift_id = ?', params: [scope.shiftId] } : { sql: 't.lane_id = ? AND t.business_date = ?', params: [scope.laneId, scope.businessDate] };
}

export interface ReportHeader {
  readonly laneId: string;
  readonly storeName: string;
  readonly currency: string;
  readonly businessDate: string;
  readonly generatedAt: string;
}

const CloseDaySchema = z.object({
  laneId: z.string().min(1).max(16),
  storeName: z.string(),
  currency: z.string().length(3),
  businessDate: z.iso.date(),
  closedBy: z.string().max(32).nullable(),
  at: IsoTimeSchema,
});

/** X and Z reports from the tenders, shifts and cash movements; the Z report closes the day once. */
export class DayClose {
  readonly #db: Database.Database;
  readonly #shifts: Shifts;
  readonly #outbox: OutboxRepository;

  constructor(db: Database.Database, shifts: Shifts, outbox: OutboxRepository) {
    this.#db = db;
    this.#shifts = shifts;
    this.#outbox = outbox;
  }

  /** The X report of the lane's open shift: what it has taken so far; closes nothing. */
  xReport(header: Omit<ReportHeader, 'businessDate'>): ShiftReport {
    const shift = this.#shifts.openShiftOf(header.laneId);
    if (!shift) throw new LedgerError('NO_OPEN_SHIFT', `no shift is open on lane ${header.laneId}`);
    return this.#report('X', { ...header, businessDate: shift.businessDate }, { shiftId: shift.shiftId }, [shift], null);
  }

  /** The Z report that closed a day, if one did. */
  closedReport(laneId: string, businessDate: string): ShiftReport | null {
    const found: unknown = this.#db.prepare('SELECT report FROM business_days WHERE lane_id = ? AND business_date = ?').pluck().get(laneId, businessDate);
    return found === undefined ? null : ShiftReportSchema.parse(JSON.parse(z.string().parse(found)));
  }

  /** The business day a Z report would close now: the last shift's, or `today` when the lane had none. */
  dayToClose(laneId: string, today: string): string {
    const last: unknown = this.#db.prepare('SELECT business_date FROM shifts WHERE lane_id = ? ORDER BY opened_at DESC, rowid DESC LIMIT 1').pluck().get(laneId);
    return last === undefined ? today : z.string().parse(last);
  }

  /**
   * Closes the lane's business day with a Z report, once: asked again it answers the report that
   * closed it. Every shift of the day must be closed first, so its cash is counted.
   */
  closeDay(input: z.input<typeof CloseDaySchema>): { readonly report: ShiftReport; readonly replayed: boolean } {
    const close = parseInput(CloseDaySchema, input, '');
    return this.#db.transaction(() => {
      const closed = this.closedReport(close.laneId, close.businessDate);
      if (closed) return { report: closed, replayed: true };
      const shifts = this.#shifts.shiftsOfDay(close.laneId, close.businessDate);
      const open = shifts.find((shift) => shift.closedAt === null);
      if (open) throw new LedgerError('SHIFT_ALREADY_OPEN', `shift ${open.shiftId} of operator ${open.operatorId} is still open: close it with a count before the Z report`);
      const zNumber = z.number().int().parse(this.#db.prepare('SELECT coalesce(max(z_number), 0) + 1 FROM business_days WHERE lane_id = ?').pluck().get(close.laneId));
      const report = this.#report('Z', { ...close, generatedAt: close.at }, { laneId: close.laneId, businessDate: close.businessDate }, shifts, zNumber);
      this.#db
        .prepare('INSERT INTO business_days (lane_id, business_date, z_number, closed_at, closed_by, report) VALUES (?, ?, ?, ?, ?, ?)')
        .run(close.laneId, close.businessDate, zNumber, close.at, close.closedBy, canonicalJson(report));
      this.#outbox.enqueue('day.closed', `day.closed:${close.laneId}:${close.businessDate}`, report, close.at);
      return { report, replayed: false };
    })();
  }

  #report(kind: 'X' | 'Z', header: ReportHeader, scope: Scope, shifts: readonly ShiftRecord[], zNumber: number | null): ShiftReport {
    const db = this.#db;
    const tenders = tenderScope(scope);
    const totals = Totals.parse(
      db
        .prepare(
          `SELECT count(DISTINCT t.sale_id) AS sales, coalesce(sum(t.amount - t.rounding), 0) AS settled,
                  coalesce(sum(t.rounding), 0) AS rounding, coalesce(sum(t.change_given), 0) AS change
           FROM sale_tenders t WHERE ${tenders.sql}`,
        )
        .get(...tenders.params),
    );
    const byMethod = new Map(
      db
        .prepare(`SELECT t.method, count(*) AS count, sum(t.amount) AS amount FROM sale_tenders t WHERE ${tenders.sql} GROUP BY t.method`)
        .all(...tenders.params)
        .map((row) => TenderRow.parse(row))
        .map((row) => [row.method, row]),
    );
    const tenderTotals: TenderTotal[] = METHOD_ORDER.flatMap((method) => {
      const row = byMethod.get(method);
      return row ? [{ method, count: row.count, amount: row.amount }] : [];
    });
    const moves = where(scope, 'm');
    const movements = Movements.parse(
      db
        .prepare(
          `SELECT coalesce(sum(CASE WHEN kind = 'paid-in' THEN amount END), 0) AS paid_in,
                  coalesce(sum(CASE WHEN kind = 'paid-out' THEN amount END), 0) AS paid_out,
                  count(CASE WHEN kind = 'no-sale' THEN 1 END) AS no_sales
           FROM cash_movements m WHERE ${moves.sql}`,
        )
        .get(...moves.params),
    );
    const shiftTotals = shifts.map((shift) => this.#shifts.totals(shift));
    return {
      kind,
      laneId: header.laneId,
      storeName: header.storeName,
      currency: header.currency,
      businessDate: header.businessDate,
      generatedAt: header.generatedAt,
      zNumber,
      saleCount: totals.sales,
      salesTotal: totals.settled,
      tenders: tenderTotals,
      cashRounding: totals.rounding,
      changeGiven: totals.change,
      paidIn: movements.paid_in,
      paidOut: movements.paid_out,
      noSales: movements.no_sales,
      shifts: shiftTotals,
      overShort: shiftTotals.reduce((total, shift) => total + (shift.overShort ?? 0), 0),
    };
  }
}
