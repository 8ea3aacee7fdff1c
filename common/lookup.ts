import { z } from 'zod';
import { IdSchema } from './ids.ts';
import { MinorSchema } from './money.ts';
import { SoldBySchema } from './catalog.ts';

/**
 * The item lookup: the self-checkout produce picker and the associate's lookup key. The search
 * runs in main over the ledger's catalog; the screen gets at most `limit` items at a time.
 */

/** A catalog picture's file name, in the store's images folder (served at `catalog-images/<name>`). */
export const CatalogImageSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}\.(svg|png|jpg|webp)$/, 'a file name in the store’s images folder: lower-case letters, digits and "-", then .svg, .png, .jpg or .webp');

/** The language a shopper chose; names fall back to the catalog's own where no translation exists. */
export const LookupLanguageSchema = z.string().regex(/^[a-z]{2}$/, 'a two-letter language code such as "es"');

export const LOOKUP_LIMIT_MAX = 48;

export const LookupQuerySchema = z
  .object({
    /** What was typed: words of the name (any order, accents optional) or the digits of a PLU. */
    text: z.string().max(60, 'at most 60 characters').default(''),
    /** One lookup category's items, e.g. "fruit". */
    category: z.string().regex(/^[a-z0-9-]{1,32}$/, 'a lookup category id such as "fruit"').optional(),
    language: LookupLanguageSchema.default('en'),
    /**
     * `picker`: only items of a lookup category, the ones a shopper cannot scan (self-checkout);
     * `catalog`: every item (the associate's lookup key).
     */
    scope: z.enum(['picker', 'catalog']).default('picker'),
    limit: z.number().int().min(1).max(LOOKUP_LIMIT_MAX).default(24),
  })
  .refine((query) => query.text.trim() !== '' || query.category !== undefined, { path: ['text'], message: 'type at least one letter or digit, or choose a category' });
export type LookupQuery = z.infer<typeof LookupQuerySchema>;

export const LookupItemSchema = z.object({
  itemId: IdSchema,
  /** What to send as `basket.scan` code (source `keyed`): the PLU, else the item's barcode key. */
  code: z.string().min(1).max(14),
  /** In the asked language where the catalog has it. */
  name: z.string(),
  soldBy: SoldBySchema,
  /** Per each, or per kilogram for items sold by weight. */
  unitPrice: MinorSchema,
  plu: z.string().nullable(),
  image: CatalogImageSchema.nullable(),
  category: z.string().nullable(),
});
export type LookupItem = z.infer<typeof LookupItemSchema>;

export const LookupResultSchema = z.object({
  items: z.array(LookupItemSchema).max(LOOKUP_LIMIT_MAX),
  /** More items matched than were sent: the screen asks to type more. */
  more: z.boolean(),
});
export type LookupResult = z.infer<typeof LookupResultSchema>;

export const LookupCategoryViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: CatalogImageSchema.nullable(),
  items: z.number().int().nonnegative(),
});
export const LookupCategoriesSchema = z.object({ categories: z.array(LookupCategoryViewSchema).max(60) });
export type LookupCategories = z.infer<typeof LookupCategoriesSchema>;
