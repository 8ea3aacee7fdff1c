import { z } from 'zod';
import { IdSchema } from './ids.ts';
import { CurrencyCodeSchema, MinorSchema } from './money.ts';

/** The notes and coins a drawer holds, largest first, in minor units. */
const DENOMINATIONS: Readonly<Record<string, readonly number[]>> = {
  USD: [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 25, 10, 5, 1],
  CAD: [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 25, 10, 5],
  EUR: [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  GBP: [5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  CHF: [100_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5],
};

/** The denominations of a currency's cash, largest first; a currency we do not know is counted by its amount. */
export function denominationsOf(currency: string): readonly number[] {
  return DENOMINATIONS[currency] ?? [];
}

/** One denomination and how many of it were counted. */
export const DenominationCountSchema = z.object({
  denomination: MinorSchema.positive(),
  count: z.number().int().min(0).max(100_000),
});
export type DenominationCount = z.infer<typeof DenominationCountSchema>;

export const CashCountSchema = z.array(DenominationCountSchema).max(40);

/** The cash counted, in minor units. */
export function countedTotal(counts: readonly DenominationCount[]): number {
  return counts.reduce((sum, { denomination, count }) => sum + denomination * count, 0);
}

/** Counted minus expected: positive is over, negative short. */
export function overShort(counted: number, expected: number): number {
  return counted - expected;
}

export const PaidReasonSchema = z.enum(['change-fund', 'supplier-delivery', 'petty-cash', 'refund-correction', 'bank-deposit', 'other']);
export type PaidReason = z.infer<typeof PaidReasonSchema>;

/** The open shift as the cashier sees it: blind, so nothing about the expected cash. */
export const ShiftViewSchema = z.object({
  shiftId: IdSchema,
  laneId: z.string(),
  operatorId: z.string(),
  businessDate: z.iso.date(),
  currency: CurrencyCodeSchema,
  openedAt: z.string(),
  openingFloat: MinorSchema,
  denominations: z.array(MinorSchema),
});
export type ShiftView = z.infer<typeof ShiftViewSchema>;

/** A closed shift: what was counted, what was expected, and the difference. */
export const ShiftCloseViewSchema = z.object({
  shiftId: IdSchema,
  currency: CurrencyCodeSchema,
  closedAt: z.string(),
  countedTotal: MinorSchema,
  expectedCash: MinorSchema,
  overShort: MinorSchema,
});
export type ShiftCloseView = z.infer<typeof ShiftCloseViewSchema>;

export const CashMovementViewSchema = z.object({
  movementId: IdSchema,
  kind: z.enum(['paid-in', 'paid-out', 'no-sale', 'refund']),
  amount: MinorSchema,
  reason: z.string(),
  at: z.string(),
});
export type CashMovementView = z.infer<typeof CashMovementViewSchema>;

/** One shift's cash, as an X or Z report prints it. */
export const ShiftTotalsSchema = z.object({
  shiftId: IdSchema,
  operatorId: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  openingFloat: MinorSchema,
  cashSales: MinorSchema,
  paidIn: MinorSchema,
  paidOut: MinorSchema,
  /** Cash handed back for post-voided sales. */
  cashRefunds: MinorSchema.default(0),
  expectedCash: MinorSchema,
  countedCash: MinorSchema.nullable(),
  overShort: MinorSchema.nullable(),
});
export type ShiftTotals = z.infer<typeof ShiftTotalsSchema>;

export const TenderTotalSchema = z.object({
  method: z.enum(['cash', 'card', 'gift-card']),
  count: z.number().int().nonnegative(),
  amount: MinorSchema,
});
export type TenderTotal = z.infer<typeof TenderTotalSchema>;

/** X report: one shift so far, nothing closed. Z report: the whole business day, closing it. */
export const ShiftReportSchema = z.object({
  kind: z.enum(['X', 'Z']),
  laneId: z.string(),
  storeName: z.string(),
  currency: CurrencyCodeSchema,
  businessDate: z.iso.date(),
  generatedAt: z.string(),
  /** The Z report's running number on this lane; null on an X report. */
  zNumber: z.number().int().positive().nullable(),
  saleCount: z.number().int().nonnegative(),
  salesTotal: MinorSchema,
  tenders: z.array(TenderTotalSchema),
  cashRounding: MinorSchema,
  changeGiven: MinorSchema,
  paidIn: MinorSchema,
  paidOut: MinorSchema,
  noSales: z.number().int().nonnegative(),
  shifts: z.array(ShiftTotalsSchema),
  /** Summed over the closed shifts. */
  overShort: MinorSchema,
});
export type ShiftReport = z.infer<typeof ShiftReportSchema>;

/** A report with its printable text (the same text the printer prints). */
export const ReportViewSchema = z.object({ report: ShiftReportSchema, text: z.string() });
export type ReportView = z.infer<typeof ReportViewSchema>;

export const GiftCardViewSchema = z.object({
  last4: z.string(),
  currency: CurrencyCodeSchema,
  balance: MinorSchema,
});
export type GiftCardView = z.infer<typeof GiftCardViewSchema>;
