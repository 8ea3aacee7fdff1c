import { z } from 'zod';
import { ErrorCodeSchema } from './api/result.ts';

/** The prefix of a shopper's app entry code (see main/terminal/entry-token.ts for the format). */
export const ENTRY_CODE_PREFIX = 'JWO1.';

/**
 * One shopper at the gate: let in by an app entry code, let out by a paid receipt, or refused
 * (the error code says why). `id` grows with every passage, so a screen tells a repeat from news.
 */
export const GatePassageSchema = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  outcome: z.enum(['entered', 'exited', 'refused']),
  reason: ErrorCodeSchema.nullable(),
});
export type GatePassage = z.infer<typeof GatePassageSchema>;

/** What a gate terminal shows: where the gate is (or why it cannot open) and the last passage. */
export const GateViewSchema = z.object({
  state: z.enum(['closed', 'open', 'fault']),
  /** Why the gate is at fault, in the terminal's words; empty otherwise. */
  detail: z.string(),
  passage: GatePassageSchema.nullable(),
});
export type GateView = z.infer<typeof GateViewSchema>;

/** Which codes the renderer's camera looks for: QR and receipt codes at a gate, retail 1D codes at a lane. */
export const CameraScanningSchema = z.object({ mode: z.enum(['gate', 'retail']) });
export type CameraScanning = z.infer<typeof CameraScanningSchema>;
