import { z } from 'zod';
import { SoldBySchema } from './catalog.ts';
import { IdSchema } from './ids.ts';
import { CurrencyCodeSchema, MinorSchema } from './money.ts';

/** How a refund is paid out: the original tenders, plus store credit for returns without a receipt. */
export const RefundMethodSchema = z.enum(['card', 'gift-card', 'cash', 'store-credit']);
export type RefundMethod = z.infer<typeof RefundMethodSchema>;

/** A line of a completed sale as a return sees it. */
export const ReturnableLineSchema = z.object({
  lineId: IdSchema,
  name: z.string(),
  code: z.string(),
  soldBy: SoldBySchema,
  /** As sold: a count, or grams for a weighed line. */
  quantity: z.number().int().positive(),
  /** What can be returned of it: the count, or 1 for a weighed line (returned whole). */
  units: z.number().int().positive(),
  /** Units already returned by earlier returns of the sale. */
  returnedUnits: z.number().int().nonnegative(),
  /** What the shopper paid for the whole line, after savings and with its tax. */
  amountPaid: MinorSchema,
});
export type ReturnableLine = z.infer<typeof ReturnableLineSchema>;

/** A tender of the sale: what it paid, and what returns gave back to it so far. */
export const ReturnableTenderSchema = z.object({
  tenderId: IdSchema,
  method: z.enum(['card', 'gift-card', 'cash']),
  /** "VISA ****1234", "Gift card ****7788", "Cash". */
  label: z.string(),
  paid: MinorSchema,
  refunded: MinorSchema,
});
export type ReturnableTender = z.infer<typeof ReturnableTenderSchema>;

/** A sale found by its receipt, with what is left to return of it. */
export const ReturnableSaleSchema = z.object({
  saleId: IdSchema,
  receiptNumber: z.string(),
  laneId: z.string(),
  completedAt: z.string(),
  currency: CurrencyCodeSchema,
  total: MinorSchema,
  lines: z.array(ReturnableLineSchema),
  tenders: z.array(ReturnableTenderSchema),
  /** Set when the sale was post-voided: nothing of it can be returned. */
  voided: z.object({ receiptNumber: z.string(), voidedAt: z.string() }).nullable(),
  /** Earlier returns of this sale, oldest first. */
  returns: z.array(z.object({ receiptNumber: z.string(), returnedAt: z.string(), total: MinorSchema })),
});
export type ReturnableSale = z.infer<typeof ReturnableSaleSchema>;

/** The lines and units an operator picked to return. */
export const ReturnSelectionSchema = z
  .array(z.object({ lineId: IdSchema, quantity: z.number().int().min(1).max(999) }))
  .min(1, 'pick at least one line to return')
  .max(200);
export type ReturnSelection = z.infer<typeof ReturnSelectionSchema>;

export const ReturnedLineSchema = z.object({
  /** The line of the original sale; null for a return without a receipt. */
  lineId: IdSchema.nullable(),
  name: z.string(),
  code: z.string(),
  soldBy: SoldBySchema,
  /** Units returned (1 for a weighed line, returned whole). */
  units: z.number().int().positive(),
  /** Grams of a weighed line; null otherwise. */
  grams: z.number().int().positive().nullable(),
  amount: MinorSchema,
});
export type ReturnedLine = z.infer<typeof ReturnedLineSchema>;

export const RefundViewSchema = z.object({
  method: RefundMethodSchema,
  label: z.string(),
  amount: MinorSchema,
});
export type RefundView = z.infer<typeof RefundViewSchema>;

/** What a return would refund (asked while the operator picks lines), or did refund. */
export const ReturnQuoteSchema = z.object({
  currency: CurrencyCodeSchema,
  lines: z.array(ReturnedLineSchema),
  total: MinorSchema,
  refunds: z.array(RefundViewSchema),
});
export type ReturnQuote = z.infer<typeof ReturnQuoteSchema>;

/** A committed return: its journal entry, what it refunded, and the return receipt. */
export const ReturnViewSchema = ReturnQuoteSchema.extend({
  returnId: IdSchema,
  receiptNumber: z.string(),
  /** The sale's receipt; null for a return without a receipt. */
  originalReceiptNumber: z.string().nullable(),
  returnedAt: z.string(),
  /** The return receipt as printed (fixed-width text). */
  text: z.string(),
});
export type ReturnView = z.infer<typeof ReturnViewSchema>;

/** Returns without a receipt refund in cash or onto store credit, never to a card. */
export const NoReceiptRefundSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cash') }),
  z.object({ method: z.literal('store-credit'), code: z.string().trim().min(6).max(32) }),
]);
export type NoReceiptRefund = z.infer<typeof NoReceiptRefundSchema>;
