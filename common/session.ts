import { z } from 'zod';
import { IdSchema } from './ids.ts';
import { CurrencyCodeSchema, MinorSchema } from './money.ts';
import { OperatorRoleSchema, PermissionSchema } from './permissions.ts';

/** An operator's number as keyed on the sign-in pad. */
export const OperatorIdSchema = z.string().regex(/^[0-9]{3,8}$/, '3 to 8 digits');
export const PinSchema = z.string().regex(/^[0-9]{4,8}$/, '4 to 8 digits');

/** What proves who an operator is: operator number and PIN, or a badge scan. */
export const CredentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pin'), operatorId: OperatorIdSchema, pin: PinSchema }),
  z.object({ kind: z.literal('badge'), code: z.string().trim().min(1).max(128) }),
]);
export type Credential = z.infer<typeof CredentialSchema>;

export const OperatorViewSchema = z.object({
  operatorId: OperatorIdSchema,
  name: z.string(),
  role: OperatorRoleSchema,
});
export type OperatorView = z.infer<typeof OperatorViewSchema>;

/** A command that waits for a supervisor's or manager's approval. */
export const ApprovalRequestSchema = z.object({
  approvalId: IdSchema,
  permission: PermissionSchema,
  command: z.string(),
  /** What is being approved, in words, e.g. "Post-void receipt L01-000042". */
  summary: z.string(),
  requestedBy: OperatorViewSchema.nullable(),
  /** The lowest role that may approve it. */
  approverRole: OperatorRoleSchema,
  expiresAt: z.string(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

/** Who works the terminal: pushed as the `session` event whenever it changes. */
export const SessionViewSchema = z.object({
  /** Whether this terminal's role needs a signed-in operator (associate, attendant). */
  signInRequired: z.boolean(),
  operator: OperatorViewSchema.nullable(),
  /** The screen is locked: the basket is kept, and only the same operator or a supervisor+ unlocks. */
  locked: z.boolean(),
  approval: ApprovalRequestSchema.nullable(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** A completed sale found by its receipt number, for a post-void or a return. */
export const SaleSummarySchema = z.object({
  saleId: IdSchema,
  receiptNumber: z.string(),
  laneId: z.string(),
  completedAt: z.string(),
  currency: CurrencyCodeSchema,
  total: MinorSchema,
  lineCount: z.number().int().nonnegative(),
  voided: z.object({ receiptNumber: z.string(), voidedAt: z.string() }).nullable(),
});
export type SaleSummary = z.infer<typeof SaleSummarySchema>;

export const PostVoidReasonSchema = z.enum(['customer-request', 'operator-error', 'tender-error', 'other']);
export type PostVoidReason = z.infer<typeof PostVoidReasonSchema>;

/** The reversing journal entry of a post-voided sale. */
export const PostVoidViewSchema = z.object({
  voidId: IdSchema,
  receiptNumber: z.string(),
  voidedSaleId: IdSchema,
  voidedReceiptNumber: z.string(),
  currency: CurrencyCodeSchema,
  /** Negative: the reversal of the sale's total. */
  total: MinorSchema,
  voidedAt: z.string(),
});
export type PostVoidView = z.infer<typeof PostVoidViewSchema>;
