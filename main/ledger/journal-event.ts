import { z } from 'zod';
import { RequestIdSchema } from '../../common/ids.ts';

/**
 * One event of an open basket as the ledger keeps it. The payload belongs to the checkout
 * engine; the ledger stores it as JSON and gives it back unchanged.
 */
export interface JournalEvent {
  readonly type: string;
  readonly payload: unknown;
  readonly recordedAt: string;
}

export interface RecordedEvent extends JournalEvent {
  readonly seq: number;
}

export const IsoTimeSchema = z.iso.datetime({ offset: true });

export const JournalEventSchema = z.object({
  type: z.string().min(1).max(64),
  payload: z.json(),
  recordedAt: IsoTimeSchema,
});

export const JournalEventsSchema = z.array(JournalEventSchema).max(1000);

export const OptionalRequestIdSchema = RequestIdSchema.optional();
