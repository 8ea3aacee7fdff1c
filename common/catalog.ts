import { z } from 'zod';
import { IdSchema } from './ids.ts';
import { MinorSchema } from './money.ts';

export const SoldBySchema = z.enum(['each', 'weight']);
export type SoldBy = z.infer<typeof SoldBySchema>;

/**
 * What the engine needs to know of an item at the moment it is sold. The snapshot is journaled
 * with the line, so a price change in the catalog never changes a basket already under way.
 */
export const ItemSnapshotSchema = z.object({
  itemId: IdSchema,
  name: z.string().min(1).max(120),
  /** Price per each, or per kilogram for items sold by weight, in minor units. */
  unitPrice: MinorSchema.nonnegative(),
  taxCategory: z.string().min(1).max(32),
  soldBy: SoldBySchema,
  /** Minimum age of the buyer, or null when the item is not age-restricted. */
  minimumAge: z.number().int().min(1).max(99).nullable(),
  /** Store department; promotions and basket thresholds may target or exclude one. */
  department: z.string().min(1).max(40).optional(),
  /** Weight of the container of a weighed item, subtracted from the scale reading. */
  tareGrams: z.number().int().min(0).max(5000).optional(),
});
export type ItemSnapshot = z.infer<typeof ItemSnapshotSchema>;

/** One taxing authority's part of a combined US sales tax rate (state, county, city, district). */
export const TaxJurisdictionSchema = z.object({
  name: z.string().min(1).max(40),
  ratePpm: z.number().int().min(0).max(1_000_000),
});
export type TaxJurisdiction = z.infer<typeof TaxJurisdictionSchema>;

export const TaxCategorySchema = z
  .object({
    code: z.string().min(1).max(32),
    label: z.string().min(1).max(60),
    /** Rate in parts per million: 8.875% is 88750. */
    ratePpm: z.number().int().min(0).max(1_000_000),
    /** Who levies the rate, when it combines several jurisdictions; their rates sum to `ratePpm`. */
    jurisdictions: z.array(TaxJurisdictionSchema).min(1).max(8).optional(),
  })
  .refine(
    (category) => category.jurisdictions === undefined || category.jurisdictions.reduce((sum, part) => sum + part.ratePpm, 0) === category.ratePpm,
    { path: ['jurisdictions'], message: 'the jurisdictions’ rates must add up to ratePpm' },
  );
export type TaxCategory = z.infer<typeof TaxCategorySchema>;
