import { z } from 'zod';
import { RequestIdSchema } from './ids.ts';
import { CurrencyCodeSchema, MinorSchema } from './money.ts';

/**
 * What one lane tells the store network about itself (the attendant's board), and what an
 * attendant may ask a lane to do. Shared by the lanes' peer API and the attendant's screen.
 */

/** Where a lane is, for the attendant: `help` whenever something waits for an attendant. */
export const LaneStatusSchema = z.enum(['idle', 'shopping', 'paying', 'help', 'closed']);
export type LaneStatus = z.infer<typeof LaneStatusSchema>;

const waiting = { id: z.string().min(1).max(128), waitingMs: z.number().int().nonnegative() };

export const LaneInterventionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ageCheck'), ...waiting, minimumAge: z.number().int().min(1).max(99) }),
  z.object({
    kind: z.literal('bagging'),
    ...waiting,
    alert: z.enum(['unexpectedItem', 'itemNotBagged', 'itemRemoved']),
    grams: z.number().int().nonnegative(),
  }),
  z.object({ kind: z.literal('help'), ...waiting }),
]);
export type LaneIntervention = z.infer<typeof LaneInterventionSchema>;
export type InterventionKind = LaneIntervention['kind'];

export const LaneSummaryLineSchema = z.object({
  lineId: z.string().min(1).max(64),
  name: z.string().max(120),
  quantity: z.number().int().positive(),
  soldBy: z.enum(['each', 'weight']),
  amountPaid: MinorSchema,
  minimumAge: z.number().int().nullable(),
});

export const LaneSummarySchema = z.object({
  laneId: z.string().min(1).max(16),
  role: z.enum(['self-checkout', 'associate', 'attendant', 'gate']),
  status: LaneStatusSchema,
  currency: CurrencyCodeSchema,
  total: MinorSchema,
  itemCount: z.number().int().nonnegative(),
  lines: z.array(LaneSummaryLineSchema).max(500),
  interventions: z.array(LaneInterventionSchema).max(32),
});
export type LaneSummary = z.infer<typeof LaneSummarySchema>;

/** An intervention on the board: `since` is the attendant station's own clock (no skew between lanes). */
const since = { since: z.string() };
export const BoardInterventionSchema = z.discriminatedUnion('kind', [
  LaneInterventionSchema.options[0].omit({ waitingMs: true }).extend(since),
  LaneInterventionSchema.options[1].omit({ waitingMs: true }).extend(since),
  LaneInterventionSchema.options[2].omit({ waitingMs: true }).extend(since),
]);

export type BoardIntervention = z.infer<typeof BoardInterventionSchema>;

export const BoardLaneSchema = z.object({
  laneId: z.string(),
  /** `connecting` until the lane first answers; `offline` while it does not (retried with back-off). */
  status: z.union([LaneStatusSchema, z.enum(['offline', 'connecting'])]),
  role: LaneSummarySchema.shape.role.nullable(),
  currency: CurrencyCodeSchema.nullable(),
  total: MinorSchema,
  itemCount: z.number().int().nonnegative(),
  lines: z.array(LaneSummaryLineSchema),
  interventions: z.array(BoardInterventionSchema),
  /** When the lane last answered (station clock), null if never. */
  lastSeen: z.string().nullable(),
});
export type BoardLane = z.infer<typeof BoardLaneSchema>;

export const StoreBoardSchema = z.object({
  lanes: z.array(BoardLaneSchema),
  /** An ID card the attendant just scanned at the station, ready to approve an age check with (its age only). */
  idScan: z.object({ age: z.number().int().nonnegative(), scannedAt: z.string(), expired: z.boolean() }).nullable().optional(),
});
export type StoreBoard = z.infer<typeof StoreBoardSchema>;

/** How pressing an intervention is: open ones ask for attention; a call for help or a long wait is urgent. */
export type Urgency = 'none' | 'attention' | 'urgent';
export const URGENT_AFTER_MS = 60_000;

export function interventionUrgency(intervention: Pick<BoardIntervention, 'kind' | 'since'>, nowMs: number): Urgency {
  if (intervention.kind === 'help') return 'urgent';
  return nowMs - Date.parse(intervention.since) >= URGENT_AFTER_MS ? 'urgent' : 'attention';
}

export function laneUrgency(lane: Pick<BoardLane, 'interventions'>, nowMs: number): Urgency {
  let worst: Urgency = 'none';
  for (const intervention of lane.interventions) {
    const urgency = interventionUrgency(intervention, nowMs);
    if (urgency === 'urgent') return 'urgent';
    worst = 'attention';
  }
  return worst;
}

/** What an attendant asks a lane to do; the lane checks the attendant's permission itself. */
export const RemoteActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('approveAge'), dateOfBirth: z.iso.date({ error: 'a date of birth as YYYY-MM-DD' }), method: z.enum(['dob', 'id-scan']).default('dob') }),
  z.object({ type: z.literal('voidLine'), lineId: z.string().min(1).max(64) }),
  z.object({ type: z.literal('clearBagging') }),
  z.object({ type: z.literal('acknowledgeHelp') }),
]);
export type RemoteAction = z.infer<typeof RemoteActionSchema>;

export const RemoteActionRequestSchema = z.object({
  requestId: RequestIdSchema,
  /** The attendant signed in at the station that sends it. */
  operatorId: z.string().min(1).max(32),
  action: RemoteActionSchema,
});
export type RemoteActionRequest = z.infer<typeof RemoteActionRequestSchema>;
