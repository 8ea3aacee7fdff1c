import { z } from 'zod';
import { ItemSnapshotSchema } from '../../common/catalog.ts';
import { IdSchema } from '../../common/ids.ts';
import { CurrencyCodeSchema, MinorSchema } from '../../common/money.ts';

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

export const BasketEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('basket.opened'),
    basketId: IdSchema,
    laneId: z.string().min(1),
    currency: CurrencyCodeSchema,
    taxMode: TaxModeSchema,
    openedAt: z.string(),
  }),
  z.object({
    type: z.literal('line.added'),
    lineId: IdSchema,
    code: z.string().min(1),
    item: ItemSnapshotSchema,
    quantity: z.number().int().positive(),
  }),
  z.object({ type: z.literal('line.quantityChanged'), lineId: IdSchema, quantity: z.number().int().positive() }),
  z.object({ type: z.literal('tender.approved'), tender: CardTenderSchema }),
  z.object({ type: z.literal('basket.completed'), saleId: IdSchema, completedAt: z.string() }),
  z.object({ type: z.literal('basket.cancelled'), cancelledAt: z.string() }),
]);
export type BasketEvent = z.infer<typeof BasketEventSchema>;
