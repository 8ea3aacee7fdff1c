import { z } from 'zod';
import { ItemSnapshotSchema } from '../../common/catalog.ts';
import { IdSchema } from '../../common/ids.ts';
import { CurrencyCodeSchema, MinorSchema } from '../../common/money.ts';
import { ReasonCodeSchema } from '../../common/corrections.ts';
import { CouponSchema } from '../../common/promotions.ts';

/**
 * The open basket is event-sourced: these events are journaled in the ledger as they happen,
 * and replaying them rebuilds the basket exactly, e.g. after a crash or power cut.
 */
export const TaxModeSchema = z.enum(['exclusive', 'inclusive']);
export type TaxMode = z.infer<typeof TaxModeSchema>;

export const CardTenderSchema = z.object({
  tenderId: IdSchema,
  method: z.literal('card'),
  amount: MinorSchema.positive(),
  brand: z.string().min(1).max(20),
  last4: z.string().regex(/^\d{4}$/),
  authCode: z.string().min(1).max(12),
  reference: z.string().min(1).max(40),
  approvedAt: z.string(),
});
export type CardTender = z.infer<typeof CardTenderSchema>;

/**
 * Cash handed over. `amount` is what it pays of the sale; when it settles the rest, that is the
 * rest rounded to the smallest coin and `rounding` (amount − rest) says by how much, and
 * `change` = tendered − amount goes back to the shopper. A partial cash payment (split tender)
 * pays exactly what was handed over.
 */
export const CashTenderSchema = z.object({
  tenderId: IdSchema,
  method: z.literal('cash'),
  amount: MinorSchema.positive(),
  tendered: MinorSchema.positive(),
  change: MinorSchema.nonnegative(),
  rounding: MinorSchema,
  takenAt: z.string(),
});
export type CashTender = z.infer<typeof CashTenderSchema>;

/** A gift card or store credit redeemed against its ledger balance; only the last four are shown. */
export const GiftCardTenderSchema = z.object({
  tenderId: IdSchema,
  method: z.literal('gift-card'),
  amount: MinorSchema.positive(),
  cardId: IdSchema,
  last4: z.string().min(1).max(4),
  balanceAfter: MinorSchema.nonnegative(),
  redeemedAt: z.string(),
});
export type GiftCardTender = z.infer<typeof GiftCardTenderSchema>;

export const TenderSchema = z.discriminatedUnion('method', [CardTenderSchema, CashTenderSchema, GiftCardTenderSchema]);
export type Tender = z.infer<typeof TenderSchema>;

/**
 * How a tender taken on a basket that was then voided went back: a card payment voided on the
 * card reader (`reference` is the void's reference there), cash handed back, a gift card
 * re-credited.
 */
export const TenderReversalSchema = z.object({
  tenderId: IdSchema,
  method: z.enum(['card', 'cash', 'gift-card']),
  amount: MinorSchema.positive(),
  reference: z.string().min(1).max(40).optional(),
  /** The gift card re-credited (the ledger's card id). */
  cardId: IdSchema.optional(),
});
export type TenderReversal = z.infer<typeof TenderReversalSchema>;

/**
 * Why a line was voided, its price overridden or discounted: a code from the store's reason list
 * (common/corrections.ts; the terminal checks it is listed). Journals from before the list was
 * configurable hold codes of the old fixed list, which are codes of the same form.
 */
export const PriceReasonSchema = ReasonCodeSchema;
export type PriceReason = z.infer<typeof PriceReasonSchema>;

export const LineDiscountSchema = z.discriminatedUnion('kind', [
  /** Basis points of the line's amount after promotions: 1000 = 10 %. */
  z.object({ kind: z.literal('percent'), basisPoints: z.number().int().min(1).max(10_000) }),
  z.object({ kind: z.literal('amount'), amount: MinorSchema.positive() }),
]);
export type LineDiscount = z.infer<typeof LineDiscountSchema>;

/** Who allowed a change that needs a permission; the terminal checks it, the engine records it. */
const AuthorizedBySchema = z.string().min(1).max(64).nullable();

export const BasketEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('basket.opened'),
    basketId: IdSchema,
    laneId: z.string().min(1),
    currency: CurrencyCodeSchema,
    taxMode: TaxModeSchema,
    openedAt: z.string(),
    /** The store's local date at opening (YYYY-MM-DD): the day promotions and coupons are checked against. */
    businessDate: z.iso.date().optional(),
  }),
  z.object({
    type: z.literal('line.added'),
    lineId: IdSchema,
    code: z.string().min(1),
    item: ItemSnapshotSchema,
    /** Count for items sold by each, net grams for weighed items. */
    quantity: z.number().int().positive(),
    /** The line's price as printed on a variable-measure label, instead of the catalog price. */
    labelPrice: MinorSchema.positive().optional(),
    /** Tare subtracted from the stable scale reading, for the receipt and the audit. */
    tareGrams: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal('line.quantityChanged'), lineId: IdSchema, quantity: z.number().int().positive() }),
  z.object({ type: z.literal('line.voided'), lineId: IdSchema, voidedAt: z.string(), reason: PriceReasonSchema.optional() }),
  z.object({
    type: z.literal('line.priceOverridden'),
    lineId: IdSchema,
    unitPrice: MinorSchema.nonnegative(),
    reason: PriceReasonSchema,
    authorizedBy: AuthorizedBySchema,
  }),
  z.object({ type: z.literal('line.discounted'), lineId: IdSchema, discount: LineDiscountSchema, reason: PriceReasonSchema, authorizedBy: AuthorizedBySchema }),
  /** A scanned coupon; its terms are journaled with it, like an item's snapshot. */
  z.object({ type: z.literal('coupon.added'), entryId: IdSchema, coupon: CouponSchema }),
  z.object({ type: z.literal('coupon.removed'), entryId: IdSchema }),
  z.object({ type: z.literal('customer.identified'), memberId: z.string().min(1).max(64) }),
  z.object({ type: z.literal('customer.taxExempt'), certificate: z.string().min(1).max(64), authorizedBy: AuthorizedBySchema, reason: PriceReasonSchema.optional() }),
  /** An attendant checked the buyer's ID: only the age in whole years is kept, never the date of birth. */
  z.object({
    type: z.literal('age.verified'),
    buyerAge: z.number().int().min(0).max(130),
    method: z.enum(['dob', 'id-scan']),
    authorizedBy: z.string().min(1).max(64),
    verifiedAt: z.string(),
  }),
  /** The lines that follow were brought back from a suspended basket (this lane's or another's). */
  z.object({ type: z.literal('basket.resumed'), ticket: z.string().min(1).max(40), fromLaneId: z.string().min(1).max(16), fromBasketId: IdSchema, suspendedAt: z.string() }),
  z.object({ type: z.literal('tender.approved'), tender: TenderSchema }),
  z.object({ type: z.literal('basket.completed'), saleId: IdSchema, completedAt: z.string() }),
  /** A basket voided after payments were taken records how each was given back. */
  z.object({ type: z.literal('basket.cancelled'), cancelledAt: z.string(), reversals: z.array(TenderReversalSchema).min(1).max(20).optional() }),
]);
export type BasketEvent = z.infer<typeof BasketEventSchema>;
