import { z } from 'zod';
import { ItemSnapshotSchema } from './catalog.ts';
import { LineDiscountInputSchema, ReasonCodeSchema } from './corrections.ts';
import { IdSchema } from './ids.ts';
import { CurrencyCodeSchema, MinorSchema } from './money.ts';
import { CouponSchema } from './promotions.ts';

/**
 * Suspend and resume: an open basket is parked under a ticket code and resumed later on the same
 * lane or on any lane of the store. The basket stays in the suspending lane's ledger; a resuming
 * lane claims it there (over the store network when it is another lane), exactly once.
 */

const LaneIdPattern = '[A-Za-z0-9-]{1,16}';
const TICKET = new RegExp(`^SUS-(${LaneIdPattern})-(\\d{4,9})$`);

/** The ticket code: `SUS-<lane>-<number>`, printed as a Code 128 barcode and keyable by hand. */
export const TicketCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .pipe(z.string().regex(TICKET, 'a suspend ticket such as SUS-L01-0007'));

export function ticketCode(laneId: string, number: number): string {
  return `SUS-${laneId.toUpperCase()}-${String(number).padStart(4, '0')}`;
}

/** The lane that holds a ticket's basket, or null when the code is not a suspend ticket. */
export function ticketLane(code: string): string | null {
  return TICKET.exec(code.trim().toUpperCase())?.[1] ?? null;
}

/** One line as it travels to the resuming lane: what was sold, and the corrections made to it. */
export const SuspendedLineSchema = z.object({
  code: z.string().min(1).max(128),
  /** The snapshot at suspension; the resuming lane prices by its catalog today when it knows the code. */
  item: ItemSnapshotSchema,
  quantity: z.number().int().positive(),
  labelPrice: MinorSchema.positive().nullable(),
  tareGrams: z.number().int().min(0),
  override: z.object({ unitPrice: MinorSchema.nonnegative(), reason: ReasonCodeSchema, authorizedBy: z.string().min(1).max(64).nullable() }).nullable(),
  manualDiscount: z.object({ discount: LineDiscountInputSchema, reason: ReasonCodeSchema, authorizedBy: z.string().min(1).max(64).nullable() }).nullable(),
});
export type SuspendedLine = z.infer<typeof SuspendedLineSchema>;

export const SuspendedBasketSchema = z.object({
  ticket: z.string(),
  basketId: IdSchema,
  laneId: z.string().min(1).max(16),
  currency: CurrencyCodeSchema,
  businessDate: z.iso.date(),
  suspendedAt: z.string(),
  /** End of the business day in the store's time zone: the ticket is refused from then on. */
  expiresAt: z.string(),
  suspendedBy: z.string().nullable(),
  lines: z.array(SuspendedLineSchema).min(1),
  coupons: z.array(CouponSchema),
  memberId: z.string().min(1).max(64).nullable(),
  taxExemptCertificate: z.string().min(1).max(64).nullable(),
});
export type SuspendedBasket = z.infer<typeof SuspendedBasketSchema>;

/**
 * A resuming lane asks the holding lane for a ticket. `claimId` makes the claim idempotent: the
 * same claim answers the same basket again (a retry after a crash), any other claim is refused.
 */
export const ClaimRequestSchema = z.object({
  ticket: TicketCodeSchema,
  claimId: z.string().min(8).max(100),
  claimingLaneId: z.string().regex(new RegExp(`^${LaneIdPattern}$`)),
});
export type ClaimRequest = z.infer<typeof ClaimRequestSchema>;

/** The holding lane's answer; a plain value so it crosses the store network as JSON. */
export const ClaimAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('claimed'), basket: SuspendedBasketSchema }),
  z.object({ status: z.literal('unknown'), ticket: z.string() }),
  z.object({ status: z.literal('expired'), ticket: z.string(), expiresAt: z.string() }),
  z.object({ status: z.literal('already-claimed'), ticket: z.string(), claimedByLane: z.string(), claimedAt: z.string() }),
]);
export type ClaimAnswer = z.infer<typeof ClaimAnswerSchema>;

/** What the cashier sees of a suspended basket: on the suspend slip and in the list of waiting tickets. */
export const SuspendTicketViewSchema = z.object({
  ticket: z.string(),
  laneId: z.string(),
  suspendedAt: z.string(),
  expiresAt: z.string(),
  lineCount: z.number().int().nonnegative(),
  total: MinorSchema,
  currency: CurrencyCodeSchema,
  /** Whether the slip was sent to the lane's receipt printer. */
  printed: z.boolean(),
});
export type SuspendTicketView = z.infer<typeof SuspendTicketViewSchema>;
