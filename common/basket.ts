import { z } from 'zod';
import { IdSchema } from './ids.ts';
import { CurrencyCodeSchema, MinorSchema } from './money.ts';
import { SoldBySchema } from './catalog.ts';

/** Where a saving comes from; the engine applies them in this order. */
export const DiscountSourceSchema = z.enum(['promotion', 'member', 'manual', 'coupon', 'threshold']);
export type DiscountSource = z.infer<typeof DiscountSourceSchema>;

/** One saving on one line, in minor units (positive: the amount taken off). */
export const LineDiscountViewSchema = z.object({
  source: DiscountSourceSchema,
  /** The promotion, coupon or reason code it comes from. */
  id: z.string(),
  label: z.string(),
  amount: MinorSchema,
});
export type LineDiscountView = z.infer<typeof LineDiscountViewSchema>;

/** The basket as the screens see it: everything already priced, nothing to compute. */
export const BasketLineViewSchema = z.object({
  lineId: IdSchema,
  itemId: IdSchema,
  name: z.string(),
  code: z.string(),
  soldBy: SoldBySchema,
  /** Count for items sold by each, grams for items sold by weight. */
  quantity: z.number().int().positive(),
  /** The unit price charged (after an override), per kilogram for weighed items. */
  unitPrice: MinorSchema,
  /** Quantity × unit price, or the label's price: the line before any saving. */
  extendedPrice: MinorSchema,
  /** `label`: the price was printed on a variable-measure label; `override`: set by an operator. */
  priceSource: z.enum(['catalog', 'label', 'override']),
  /** The catalog unit price when an operator overrode it, else null. */
  regularUnitPrice: MinorSchema.nullable(),
  tareGrams: z.number().int().nonnegative(),
  discounts: z.array(LineDiscountViewSchema),
  discountTotal: MinorSchema,
  /** extendedPrice − discountTotal: never negative. */
  netPrice: MinorSchema,
  /** This line's share of the tax (allocated to the minor unit when tax is rounded per invoice). */
  tax: MinorSchema,
  /** What the shopper pays for this line: a refund of the whole line returns exactly this. */
  amountPaid: MinorSchema,
  taxCategory: z.string(),
  minimumAge: z.number().int().nullable(),
});
export type BasketLineView = z.infer<typeof BasketLineViewSchema>;

export const TaxLineViewSchema = z.object({
  category: z.string(),
  label: z.string(),
  ratePpm: z.number().int(),
  /** The amount the tax is computed on, after discounts (gross of VAT when inclusive). */
  taxable: MinorSchema,
  tax: MinorSchema,
  /** The category's tax split by jurisdiction (state, city…), summing to `tax`; empty when not broken down. */
  jurisdictions: z.array(z.object({ name: z.string(), ratePpm: z.number().int(), tax: MinorSchema })),
});
export type TaxLineView = z.infer<typeof TaxLineViewSchema>;

export const CardTenderViewSchema = z.object({
  tenderId: IdSchema,
  method: z.literal('card'),
  amount: MinorSchema,
  /** What may be shown and printed of a card: never the number, only brand and last four. */
  brand: z.string().max(20),
  last4: z.string().regex(/^\d{4}$/),
  authCode: z.string().max(12),
  reference: z.string().max(40),
});

/** Cash: `amount` is what it paid of the sale (after cash rounding), `tendered − amount` the change. */
export const CashTenderViewSchema = z.object({
  tenderId: IdSchema,
  method: z.literal('cash'),
  amount: MinorSchema,
  tendered: MinorSchema,
  change: MinorSchema,
  /** amount − what it settled of the total: cash rounding (0 for a partial cash payment). */
  rounding: MinorSchema.optional(),
});

/** A gift card or store credit: only its last four characters and the balance left on it. */
export const GiftCardTenderViewSchema = z.object({
  tenderId: IdSchema,
  method: z.literal('gift-card'),
  amount: MinorSchema,
  last4: z.string().max(4),
  balanceAfter: MinorSchema,
});

export const TenderViewSchema = z.discriminatedUnion('method', [CardTenderViewSchema, CashTenderViewSchema, GiftCardTenderViewSchema]);
export type TenderView = z.infer<typeof TenderViewSchema>;

/** One promotion or coupon that saved the shopper money, summed over its lines. */
export const AppliedSavingSchema = z.object({
  source: DiscountSourceSchema,
  id: z.string(),
  label: z.string(),
  amount: MinorSchema,
});
export type AppliedSaving = z.infer<typeof AppliedSavingSchema>;

export const CouponViewSchema = z.object({
  entryId: IdSchema,
  couponId: z.string(),
  label: z.string(),
  issuer: z.enum(['manufacturer', 'store']),
  /** What it took off; 0 while the basket does not hold what the coupon asks for. */
  amount: MinorSchema,
  applied: z.boolean(),
});
export type CouponView = z.infer<typeof CouponViewSchema>;

export const BasketViewSchema = z.object({
  basketId: IdSchema,
  currency: CurrencyCodeSchema,
  taxMode: z.enum(['exclusive', 'inclusive']),
  lines: z.array(BasketLineViewSchema),
  itemCount: z.number().int().nonnegative(),
  /** Sum of the lines before savings. */
  subtotal: MinorSchema,
  /** Every saving in the basket ("You saved"): the sum of the lines' discounts. */
  discountTotal: MinorSchema,
  savings: z.array(AppliedSavingSchema),
  coupons: z.array(CouponViewSchema),
  customer: z.object({ memberId: z.string().nullable(), taxExempt: z.boolean() }),
  taxRounding: z.enum(['line', 'invoice']),
  taxes: z.array(TaxLineViewSchema),
  taxTotal: MinorSchema,
  total: MinorSchema,
  paid: MinorSchema,
  due: MinorSchema,
  /** What is due when paid in cash, rounded to the currency's smallest coin (e.g. CHF 0.05). */
  cash: z.object({ increment: z.number().int().positive(), due: MinorSchema, rounding: MinorSchema }),
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
