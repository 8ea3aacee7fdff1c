import { z } from 'zod';
import { IdSchema } from './ids.ts';
import { CurrencyCodeSchema, MinorSchema } from './money.ts';
import { SoldBySchema } from './catalog.ts';

/** The basket as the screens see it: everything already priced, nothing to compute. */
export const BasketLineViewSchema = z.object({
  lineId: IdSchema,
  itemId: IdSchema,
  name: z.string(),
  code: z.string(),
  soldBy: SoldBySchema,
  /** Count for items sold by each, grams for items sold by weight. */
  quantity: z.number().int().positive(),
  unitPrice: MinorSchema,
  extendedPrice: MinorSchema,
  taxCategory: z.string(),
  minimumAge: z.number().int().nullable(),
});
export type BasketLineView = z.infer<typeof BasketLineViewSchema>;

export const TaxLineViewSchema = z.object({
  category: z.string(),
  label: z.string(),
  ratePpm: z.number().int(),
  taxable: MinorSchema,
  tax: MinorSchema,
});
export type TaxLineView = z.infer<typeof TaxLineViewSchema>;

export const TenderViewSchema = z.object({
  tenderId: IdSchema,
  method: z.enum(['card']),
  amount: MinorSchema,
  /** What may be shown and printed of a card: never the number, only brand and last four. */
  brand: z.string().max(20),
  last4: z.string().regex(/^\d{4}$/),
  authCode: z.string().max(12),
  reference: z.string().max(40),
});
export type TenderView = z.infer<typeof TenderViewSchema>;

export const BasketViewSchema = z.object({
  basketId: IdSchema,
  currency: CurrencyCodeSchema,
  taxMode: z.enum(['exclusive', 'inclusive']),
  lines: z.array(BasketLineViewSchema),
  itemCount: z.number().int().nonnegative(),
  subtotal: MinorSchema,
  taxes: z.array(TaxLineViewSchema),
  taxTotal: MinorSchema,
  total: MinorSchema,
  paid: MinorSchema,
  due: MinorSchema,
  tenders: z.array(TenderViewSchema),
  /** Lines waiting for an attendant to verify the buyer's age. */
  ageCheckRequired: z.boolean(),
});
export type BasketView = z.infer<typeof BasketViewSchema>;

export const ReceiptViewSchema = BasketViewSchema.extend({
  saleId: IdSchema,
  receiptNumber: z.string(),
  laneId: z.string(),
  storeName: z.string(),
  completedAt: z.string(),
});
export type ReceiptView = z.infer<typeof ReceiptViewSchema>;
