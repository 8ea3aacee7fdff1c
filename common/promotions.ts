import { z } from 'zod';
import { IdSchema } from './ids.ts';
import { MinorSchema } from './money.ts';

/**
 * Promotions and coupons as data (see data/demo-promotions.json). Percentages are written as
 * numbers with at most two decimals (`12.5` = 12.5 %) and become basis points inside the engine.
 */

const LabelSchema = z.string().min(1).max(32);
const PercentSchema = z
  .number()
  .gt(0)
  .max(100)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9, 'at most two decimals');
const PositiveMinor = MinorSchema.refine((value) => value > 0, 'a positive amount in minor units');
const Count = z.number().int().min(1).max(99);
const IsoDate = z.iso.date();

/** Which items a promotion or coupon applies to: listed items, whole departments, or both. */
export const TargetSchema = z
  .object({
    items: z.array(IdSchema).max(500).default([]),
    departments: z.array(z.string().min(1).max(40)).max(40).default([]),
  })
  .refine((target) => target.items.length + target.departments.length > 0, 'name at least one item or department');
export type Target = z.infer<typeof TargetSchema>;

/** A promotion's or coupon's revision: a change to its terms is published as a higher version. */
const VersionSchema = z.number().int().min(1).max(1_000_000).optional();

const common = {
  id: IdSchema,
  /** 1 when absent. The ledger keeps every version; a sale records the ones it used. */
  version: VersionSchema,
  /** Shown on screens and printed on receipts next to the saving. */
  label: LabelSchema,
  /** First and last day (inclusive, store local date) the promotion runs; open-ended when absent. */
  validFrom: IsoDate.optional(),
  validTo: IsoDate.optional(),
  /** Only for shoppers who identified with a loyalty card. */
  membersOnly: z.boolean().default(false),
};

export const PromotionSchema = z.discriminatedUnion('type', [
  /** "3 for 5.00": sets of `quantity` units of the same item for `price`. */
  z.object({ ...common, type: z.literal('multi-buy'), target: TargetSchema, quantity: Count.min(2), price: PositiveMinor }),
  /** "Any 4 yogurts for 5.00": sets of `quantity` units of any items of the group for `price`. */
  z.object({ ...common, type: z.literal('mix-and-match'), target: TargetSchema, quantity: Count.min(2), price: PositiveMinor }),
  /** "Buy 2 get 1 free" / "buy 1 get 1 half price": in each set the `get` cheapest units are discounted. */
  z.object({
    ...common,
    type: z.literal('buy-get'),
    target: TargetSchema,
    buy: Count,
    get: Count,
    /** Percent off the rewarded units; 100 = free. */
    percentOff: PercentSchema.default(100),
  }),
  /** Percent off every unit (or the weighed amount) of the target. */
  z.object({ ...common, type: z.literal('percent-off'), target: TargetSchema, percentOff: PercentSchema }),
  /** Amount off every unit of the target; per kilogram for items sold by weight. */
  z.object({ ...common, type: z.literal('amount-off'), target: TargetSchema, amountOff: PositiveMinor }),
  /** A lower price per unit (or per kilogram) for loyalty members. */
  z.object({ ...common, type: z.literal('member-price'), target: TargetSchema, price: MinorSchema.nonnegative(), membersOnly: z.literal(true).default(true) }),
  /** "10 off over 50": once the qualifying amount after other promotions reaches `threshold`. */
  z.object({
    ...common,
    type: z.literal('basket-threshold'),
    threshold: PositiveMinor,
    amountOff: PositiveMinor.optional(),
    percentOff: PercentSchema.optional(),
    /** Departments that neither count towards the threshold nor get the discount (e.g. alcohol). */
    excludeDepartments: z.array(z.string().min(1).max(40)).max(40).default([]),
  }),
]);
export type Promotion = z.infer<typeof PromotionSchema>;

export const CouponSchema = z.object({
  id: IdSchema,
  version: VersionSchema,
  label: LabelSchema,
  /** Manufacturer coupons are redeemed with the maker; store coupons are the store's own money. */
  issuer: z.enum(['manufacturer', 'store']),
  /** The coupon's barcode: a UPC-A with number system 5, or a GS1 coupon EAN-13 (99…, 981–984…). */
  code: z.string().regex(/^(5\d{11}|99\d{11}|98[1-4]\d{10})$/, 'a UPC-A coupon (5…, 12 digits) or a GS1 coupon EAN-13 (99… or 981–984…)'),
  target: TargetSchema,
  /** Units of the target the basket must hold. */
  minQuantity: Count.default(1),
  amountOff: PositiveMinor.optional(),
  percentOff: PercentSchema.optional(),
  /** How often the same coupon may be redeemed in one basket. */
  limitPerBasket: Count.default(1),
  validFrom: IsoDate.optional(),
  validTo: IsoDate.optional(),
});
export type Coupon = z.infer<typeof CouponSchema>;

function hasOneReward(value: { amountOff?: number | undefined; percentOff?: number | undefined }): boolean {
  return (value.amountOff === undefined) !== (value.percentOff === undefined);
}

const ONE_REWARD = 'give exactly one of amountOff and percentOff';

/** A promotions file: the store's active promotions and the coupons it accepts. */
export const PromotionFileSchema = z
  .object({
    promotions: z.array(PromotionSchema).max(5000),
    coupons: z.array(CouponSchema).max(5000).default([]),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.promotions.forEach((promotion, index) => {
      if (ids.has(promotion.id)) ctx.addIssue({ code: 'custom', path: ['promotions', index, 'id'], message: `${promotion.id} is listed twice` });
      ids.add(promotion.id);
      if (promotion.type === 'basket-threshold') {
        if (!hasOneReward(promotion)) ctx.addIssue({ code: 'custom', path: ['promotions', index, 'amountOff'], message: ONE_REWARD });
      }
      if (promotion.validFrom && promotion.validTo && promotion.validFrom > promotion.validTo) {
        ctx.addIssue({ code: 'custom', path: ['promotions', index, 'validTo'], message: 'ends before it starts' });
      }
    });
    const codes = new Set<string>();
    file.coupons.forEach((coupon, index) => {
      if (ids.has(coupon.id)) ctx.addIssue({ code: 'custom', path: ['coupons', index, 'id'], message: `${coupon.id} is also the id of another promotion or coupon` });
      ids.add(coupon.id);
      if (codes.has(coupon.code)) ctx.addIssue({ code: 'custom', path: ['coupons', index, 'code'], message: `${coupon.code} is also the code of another coupon` });
      codes.add(coupon.code);
      if (!hasOneReward(coupon)) ctx.addIssue({ code: 'custom', path: ['coupons', index, 'amountOff'], message: ONE_REWARD });
    });
  });
export type PromotionFile = z.infer<typeof PromotionFileSchema>;

/** Percent with two decimals as basis points: 12.5 → 1250. */
export function basisPoints(percent: number): number {
  return Math.round(percent * 100);
}
