import type Database from 'better-sqlite3';
import { z } from 'zod';
import { RequestIdSchema } from '../../common/ids.ts';
import { CurrencyCodeSchema, MinorSchema } from '../../common/money.ts';
import { CashCountSchema, countedTotal, overShort, type ShiftTotals } from '../../common/shift.ts';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema } from './journal-event.ts';
import type { OutboxRepository } from './outbox.ts';
import { canonicalJson } from './sale-hash.ts';

export interface ShiftRecord {
  readonly shiftId: string;
  readonly laneId: string;
  readonly operatorId: string;
  readonly businessDate: string;
  readonly currency: string;
  readonly openedAt: string;
  readonly openingFloat: number;
  readonly closedAt: string | null;
  readonly countedTotal: number | null;
  readonly expectedCash: number | null;
  readonly overShort: number | null;
}

const ShiftRow = z.object({
  shift_id: z.string(),
  lane_id: z.string(),
  operator_id: z.string(),
  business_date: z.string(),
  currency: z.string(),
  opened_at: z.string(),
  opening_float: z.number().int(),
  closed_at: z.string().nullable(),
  counted_total: z.number().int().nullable(),
  expected_cash: z.number().int().nullable(),
  over_short: z.number().int().nullable(),
});

function toShift(row: z.infer<typeof ShiftRow>): ShiftRecord {
  return {
    shiftId: row.shift_id,
    laneId: row.lane_id,
    operatorId: row.operator_id,
    businessDate: row.business_date,
    currency: row.currency,
    openedAt: row.opened_at,
    openingFloat: row.opening_float,
    closedAt: row.closed_at,
    countedTotal: row.counted_total,
    expectedCash: row.expected_cash,
    overShort: row.over_short,
  };
}

const SHIFT_COLUMNS = 'shift_id, lane_id, operator_id, business_date, currency, opened_at, opening_float, closed_at, counted_total, expected_cash, over_short';

const OpenSchema = z.object({
  shiftId: z.string().min(1).max(64),
  laneId: z.string().min(1).max(16),
  operatorId: z.string().min(1).max(32),
  businessDate: z.iso.date(),
  currency: CurrencyCodeSchema,
  openingFloat: MinorSchema.nonnegative(),
  requestId: RequestIdSchema,
  at: IsoTimeSchema,
});

const CloseSchema = z.object({
  laneId: z.string().min(1).max(16),
  counted: CashCountSchema,
  closedBy: z.string().max(32).nullable(),
  requestId: RequestIdSchema,
  at: IsoTimeSchema,
});

const MoveSchema = z.object({
  movementId: z.string().min(1).max(64),
  laneId: z.string().min(1).max(16),
  kind: z.enum(['paid-in', 'paid-out', 'no-sale', 'refund']),
  amount: MinorSchema.nonnegative(),
  reason: z.string().min(1).max(64),
  note: z.string().max(200).nullable(),
  operatorId: z.string().max(32).nullable(),
  approverId: z.string().max(32).nullable(),
  requestId: RequestIdSchema,
  at: IsoTimeSchema,
});

/** A sale's tender as the drawer and the reports count it. */
export interface SaleTenderEntry {
  readonly tenderId: string;
  readonly method: 'card' | 'cash' | 'gift-card';
  readonly amount: number;
  readonly tendered: number;
  readonly change: number;
  readonly rounding: number;
  readonly giftCardId: string | null;
  readonly takenAt: string;
}

const TenderRow = z.object({
  tender_id: z.string(),
  method: z.enum(['card', 'cash', 'gift-card']),
  amount: z.number().int(),
  tendered: z.number().int(),
  change_given: z.number().int(),
  rounding: z.number().int(),
  gift_card_id: z.string().nullable(),
  taken_at: z.string(),
});

const sum = (db: Database.Database, sql: string, ...params: unknown[]): number => z.number().int().parse(db.prepare(sql).pluck().get(...params));

/**
 * The cash drawer's shifts: opened with a float, cash in and out through sales, paid in and paid
 * out, and closed blind with a count; expected cash and over/short are worked out at closing.
 */
export class Shifts {
  readonly #db: Database.Database;
  readonly #outbox: OutboxRepository;

  constructor(db: Database.Database, outbox: OutboxRepository) {
    this.#db = db;
    this.#outbox = outbox;
  }

  openShiftOf(laneId: string): ShiftRecord | null {
    const found: unknown = this.#db.prepare(`SELECT ${SHIFT_COLUMNS} FROM shifts WHERE lane_id = ? AND closed_at IS NULL`).get(laneId);
    return found === undefined ? null : toShift(ShiftRow.parse(found));
  }

  find(shiftId: string): ShiftRecord | null {
    const found: unknown = this.#db.prepare(`SELECT ${SHIFT_COLUMNS} FROM shifts WHERE shift_id = ?`).get(shiftId);
    return found === undefined ? null : toShift(ShiftRow.parse(found));
  }

  shiftsOfDay(laneId: string, businessDate: string): ShiftRecord[] {
    return this.#db
      .prepare(`SELECT ${SHIFT_COLUMNS} FROM shifts WHERE lane_id = ? AND business_date = ? ORDER BY opened_at, rowid`)
      .all(laneId, businessDate)
      .map((row) => toShift(ShiftRow.parse(row)));
  }

  isDayClosed(laneId: string, businessDate: string): boolean {
    return this.#db.prepare('SELECT 1 FROM business_days WHERE lane_id = ? AND business_date = ?').get(laneId, businessDate) !== undefined;
  }

  open(input: z.input<typeof OpenSchema>): ShiftRecord & { readonly replayed: boolean } {
    const open = parseInput(OpenSchema, input, '');
    return this.#db.transaction(() => {
      const done: unknown = this.#db.prepare('SELECT shift_id FROM shifts WHERE open_request_id = ?').pluck().get(open.requestId);
      if (done !== undefined) return { ...(this.find(z.string().parse(done)) as ShiftRecord), replayed: true };
      const current = this.openShiftOf(open.laneId);
      if (current) throw new LedgerError('SHIFT_ALREADY_OPEN', `shift ${current.shiftId} of operator ${current.operatorId} is open on lane ${open.laneId}; close it first`);
      if (this.isDayClosed(open.laneId, open.businessDate)) throw new LedgerError('DAY_CLOSED', `business day ${open.businessDate} of lane ${open.laneId} was closed by a Z report`);
      this.#db
        .prepare(
          `INSERT INTO shifts (shift_id, lane_id, operator_id, business_date, currency, opened_at, opening_float, open_request_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(open.shiftId, open.laneId, open.operatorId, open.businessDate, open.currency, open.at, open.openingFloat, open.requestId);
      this.#outbox.enqueue('shift.opened', `shift.opened:${open.shiftId}`, { shiftId: open.shiftId, laneId: open.laneId, operatorId: open.operatorId, businessDate: open.businessDate, openingFloat: open.openingFloat, currency: open.currency, at: open.at }, open.at);
      return { ...(this.find(open.shiftId) as ShiftRecord), replayed: false };
    })();
  }

  /** Closes the lane's open shift with what was counted; expected and over/short are computed here, not keyed. */
  close(input: z.input<typeof CloseSchema>): ShiftRecord & { readonly replayed: boolean } {
    const close = parseInput(CloseSchema, input, '');
    return this.#db.transaction(() => {
      const done: unknown = this.#db.prepare('SELECT shift_id FROM shifts WHERE close_request_id = ?').pluck().get(close.requestId);
      if (done !== undefined) return { ...(this.find(z.string().parse(done)) as ShiftRecord), replayed: true };
      const shift = this.openShiftOf(close.laneId);
      if (!shift) throw new LedgerError('NO_OPEN_SHIFT', `no shift is open on lane ${close.laneId}`);
      const counted = countedTotal(close.counted);
      const expected = this.totals(shift).expectedCash;
      const difference = overShort(counted, expected);
      this.#db
        .prepare(
          `UPDATE shifts SET closed_at = ?, closed_by = ?, counted = ?, counted_total = ?, expected_cash = ?, over_short = ?, close_request_id = ?
           WHERE shift_id = ?`,
        )
        .run(close.at, close.closedBy, canonicalJson(close.counted), counted, expected, difference, close.requestId, shift.shiftId);
      this.#outbox.enqueue('shift.closed', `shift.closed:${shift.shiftId}`, { shiftId: shift.shiftId, laneId: close.laneId, counted, expected, overShort: difference, currency: shift.currency, at: close.at }, close.at);
      return { ...(this.find(shift.shiftId) as ShiftRecord), replayed: false };
    })();
  }

  /** Paid in, paid out or a no sale, on the lane's open shift; the same request id applies it once. */
  moveCash(input: z.input<typeof MoveSchema>): { readonly movementId: string; readonly shiftId: string; readonly replayed: boolean } {
    const move = parseInput(MoveSchema, input, '');
    if ((move.kind === 'no-sale') !== (move.amount === 0)) throw new LedgerError('INVALID_INPUT', `amount: a ${move.kind} ${move.kind === 'no-sale' ? 'moves no money' : 'moves a positive amount'}`, 'amount');
    return this.#db.transaction(() => {
      const done: unknown = this.#db.prepare('SELECT movement_id, shift_id, kind FROM cash_movements WHERE request_id = ?').get(move.requestId);
      if (done !== undefined) {
        const row = z.object({ movement_id: z.string(), shift_id: z.string(), kind: z.string() }).parse(done);
        if (row.kind !== move.kind) throw new LedgerError('IDEMPOTENCY_CONFLICT', `requestId: ${move.requestId} was already used for another write`, 'requestId');
        return { movementId: row.movement_id, shiftId: row.shift_id, replayed: true };
      }
      const shift = this.openShiftOf(move.laneId);
      if (!shift) throw new LedgerError('NO_OPEN_SHIFT', `no shift is open on lane ${move.laneId}: open one with a float first`);
      if (move.kind === 'paid-out' || move.kind === 'refund') {
        const inDrawer = this.totals(shift).expectedCash;
        if (move.amount > inDrawer) throw new LedgerError('INVALID_INPUT', `amount: ${move.amount} is more than the ${inDrawer} the drawer should hold`, 'amount');
      }
      this.#db
        .prepare(
          `INSERT INTO cash_movements (movement_id, shift_id, kind, amount, reason, note, operator_id, approver_id, request_id, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(move.movementId, shift.shiftId, move.kind, move.amount, move.reason, move.note, move.operatorId, move.approverId, move.requestId, move.at);
      if (move.kind !== 'no-sale') {
        const topic = move.kind === 'paid-in' ? 'cash.paidIn' : move.kind === 'paid-out' ? 'cash.paidOut' : 'cash.refunded';
        this.#outbox.enqueue(topic, `${topic}:${move.movementId}`, { movementId: move.movementId, shiftId: shift.shiftId, laneId: move.laneId, amount: move.amount, currency: shift.currency, reason: move.reason, at: move.at }, move.at);
      }
      return { movementId: move.movementId, shiftId: shift.shiftId, replayed: false };
    })();
  }

  /**
   * Records the tenders of a sale being completed (call inside its transaction), on the shift open
   * on the lane; cash needs one, because a drawer without a shift is money nobody answers for.
   */
  recordSaleTenders(saleId: string, laneId: string, businessDate: string, tenders: readonly SaleTenderEntry[]): void {
    const shift = this.openShiftOf(laneId);
    if (!shift && tenders.some((tender) => tender.method === 'cash')) throw new LedgerError('NO_OPEN_SHIFT', `no shift is open on lane ${laneId}: cash needs a shift`);
    const insert = this.#db.prepare(
      `INSERT INTO sale_tenders (tender_id, sale_id, lane_id, shift_id, business_date, method, amount, tendered, change_given, rounding, gift_card_id, taken_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const tender of tenders) {
      insert.run(tender.tenderId, saleId, laneId, shift?.shiftId ?? null, shift?.businessDate ?? businessDate, tender.method, tender.amount, tender.tendered, tender.change, tender.rounding, tender.giftCardId, tender.takenAt);
    }
  }

  /** The tenders a completed sale was paid with, for refunding each what it paid. */
  tendersOfSale(saleId: string): SaleTenderEntry[] {
    return this.#db
      .prepare('SELECT tender_id, method, amount, tendered, change_given, rounding, gift_card_id, taken_at FROM sale_tenders WHERE sale_id = ? ORDER BY rowid')
      .all(saleId)
      .map((found) => {
        const row = TenderRow.parse(found);
        return { tenderId: row.tender_id, method: row.method, amount: row.amount, tendered: row.tendered, change: row.change_given, rounding: row.rounding, giftCardId: row.gift_card_id, takenAt: row.taken_at };
      });
  }

  /** A shift's cash so far: float + cash kept from sales + paid in − paid out − cash refunded. */
  totals(shift: ShiftRecord): ShiftTotals {
    const db = this.#db;
    const cashSales = sum(db, "SELECT coalesce(sum(amount), 0) FROM sale_tenders WHERE shift_id = ? AND method = 'cash'", shift.shiftId);
    const paidIn = sum(db, "SELECT coalesce(sum(amount), 0) FROM cash_movements WHERE shift_id = ? AND kind = 'paid-in'", shift.shiftId);
    const paidOut = sum(db, "SELECT coalesce(sum(amount), 0) FROM cash_movements WHERE shift_id = ? AND kind = 'paid-out'", shift.shiftId);
    const cashRefunds = sum(db, "SELECT coalesce(sum(amount), 0) FROM cash_movements WHERE shift_id = ? AND kind = 'refund'", shift.shiftId);
    return {
      shiftId: shift.shiftId,
      operatorId: shift.operatorId,
      openedAt: shift.openedAt,
      closedAt: shift.closedAt,
      openingFloat: shift.openingFloat,
      cashSales,
      paidIn,
      paidOut,
      cashRefunds,
      expectedCash: shift.expectedCash ?? shift.openingFloat + cashSales + paidIn - paidOut - cashRefunds,
      countedCash: shift.countedTotal,
      overShort: shift.overShort,
    };
  }
}
