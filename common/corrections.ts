import { z } from 'zod';
import { MinorSchema } from './money.ts';

/**
 * Line corrections at an attended lane: void a line, override its price, discount it, exempt the
 * sale from tax. Each carries a reason code from the store's list; the store also says how far a
 * cashier may go without a supervisor's approval.
 */
export const correctionKinds = ['void', 'override', 'discount', 'exempt'] as const;
export const CorrectionKindSchema = z.enum(correctionKinds);
export type CorrectionKind = z.infer<typeof CorrectionKindSchema>;

/** A reason code as journaled and audited: lower-case words joined by -, e.g. `price-match`. */
export const ReasonCodeSchema = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a reason code such as price-match').max(32);
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

export const CorrectionReasonSchema = z.object({
  code: ReasonCodeSchema,
  /** Shown when the screen has no translation of the code (a store's own reasons). */
  label: z.string().trim().min(1).max(40),
  appliesTo: z.array(CorrectionKindSchema).min(1),
});
export type CorrectionReason = z.infer<typeof CorrectionReasonSchema>;

/** How far a cashier may lower a line on their own; beyond it (or when null) a supervisor approves. */
export const CashierLimitSchema = z.object({
  /** Basis points of the line's amount: 1000 = 10 %. */
  maxBasisPoints: z.number().int().min(0).max(10_000),
  /** Minor units off the line. */
  maxAmount: MinorSchema.nonnegative(),
});
export type CashierLimit = z.infer<typeof CashierLimitSchema>;

export const CashierLimitsSchema = z.object({
  priceOverride: CashierLimitSchema.nullable(),
  lineDiscount: CashierLimitSchema.nullable(),
});
export type CashierLimits = z.infer<typeof CashierLimitsSchema>;

export const defaultCorrectionReasons: readonly CorrectionReason[] = [
  { code: 'scanned-in-error', label: 'Scanned in error', appliesTo: ['void'] },
  { code: 'customer-changed-mind', label: 'Customer changed mind', appliesTo: ['void'] },
  { code: 'price-match', label: 'Price match', appliesTo: ['override', 'discount'] },
  { code: 'shelf-price', label: 'Shelf price differs', appliesTo: ['override'] },
  { code: 'damaged', label: 'Damaged', appliesTo: ['void', 'override', 'discount'] },
  { code: 'customer-service', label: 'Customer service', appliesTo: ['override', 'discount'] },
  { code: 'employee', label: 'Employee discount', appliesTo: ['discount'] },
  { code: 'manager-discretion', label: 'Manager discretion', appliesTo: ['void', 'override', 'discount'] },
  { code: 'resale', label: 'Resale certificate', appliesTo: ['exempt'] },
  { code: 'exempt-organization', label: 'Exempt organization', appliesTo: ['exempt'] },
  { code: 'government', label: 'Government', appliesTo: ['exempt'] },
];

/** A cashier overrides no price alone (the rule); small discounts (10 %, at most 5.00) are theirs. */
export const defaultCashierLimits: CashierLimits = {
  priceOverride: null,
  lineDiscount: { maxBasisPoints: 1000, maxAmount: 500 },
};

/** The store's corrections settings, as the store file gives them and the screens read them. */
export const CorrectionSettingsSchema = z.object({
  reasons: z
    .array(CorrectionReasonSchema)
    .min(1)
    .refine((reasons) => new Set(reasons.map((reason) => reason.code)).size === reasons.length, 'each reason code is listed once')
    .refine((reasons) => correctionKinds.every((kind) => reasons.some((reason) => reason.appliesTo.includes(kind))), 'every correction (void, override, discount, exempt) needs at least one reason'),
  cashierLimits: CashierLimitsSchema,
});
export type CorrectionSettings = z.infer<typeof CorrectionSettingsSchema>;

export const defaultCorrectionSettings: CorrectionSettings = { reasons: [...defaultCorrectionReasons], cashierLimits: defaultCashierLimits };

/** A manual line discount: basis points of the line after promotions, or an amount. */
export const LineDiscountInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), basisPoints: z.number().int().min(1).max(10_000) }),
  z.object({ kind: z.literal('amount'), amount: MinorSchema.positive() }),
]);
export type LineDiscountInput = z.infer<typeof LineDiscountInputSchema>;

/** The exemption certificate or customer exemption id, as keyed. */
export const ExemptionIdSchema = z.string().trim().min(1).max(64);
