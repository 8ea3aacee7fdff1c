import { z } from 'zod';
import { ItemSnapshotSchema, TaxCategorySchema } from '../../common/catalog.ts';
import { CorrectionSettingsSchema } from '../../common/corrections.ts';
import { CatalogImageSchema } from '../../common/lookup.ts';
import { CurrencyCodeSchema } from '../../common/money.ts';
import { US_PRICE_EMBEDDED, VariableMeasureLayoutSchema } from '../../common/scanned-code.ts';
import { gtinProblem, isPlu } from './gtin.ts';

/** A barcode as printed: EAN-8, UPC-A, EAN-13 or GTIN-14, with a valid check digit. */
export const BarcodeSchema = z.string().superRefine((code, ctx) => {
  const problem = gtinProblem(code);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

export const PluSchema = z.string().refine(isPlu, 'a PLU has 4 digits (3000–4999), or 5 digits starting with 8 or 9');

/** A language of names in the catalog besides its own: ISO 639-1, e.g. "es". */
export const NameLanguageSchema = z.string().regex(/^[a-z]{2}$/, 'a two-letter ISO 639-1 language code such as "es"');

/** Names in other languages, by language: {"es": "Plátanos", "de": "Bananen"}. */
const TranslatedNames = (max: number) => z.record(NameLanguageSchema, z.string().trim().min(1).max(max)).default({});

/** A tile of the item lookup (the self-checkout produce picker): "Fruit", "Vegetables"… */
export const LookupCategorySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'lower-case letters, digits and "-", at most 32'),
  name: z.string().trim().min(1).max(40),
  names: TranslatedNames(40),
  /** The tile's picture: a file in the images folder next to the store file. */
  image: CatalogImageSchema.nullable().default(null),
});
export type LookupCategory = z.infer<typeof LookupCategorySchema>;

export const CatalogItemSchema = ItemSnapshotSchema.extend({
  department: z.string().min(1).max(40),
  minimumAge: z.number().int().min(1).max(99).nullable().default(null),
  plu: PluSchema.nullable().default(null),
  barcodes: z.array(BarcodeSchema).max(32).default([]),
  /** The product's picture: a file in the images folder next to the store file. */
  image: CatalogImageSchema.nullable().default(null),
  /** The lookup category the item is found under when it cannot be scanned, or null. */
  lookupCategory: z.string().nullable().default(null),
  /** The item's name in other languages, for shoppers who chose one. */
  names: TranslatedNames(120),
});
export type CatalogItem = z.infer<typeof CatalogItemSchema>;

const catalogShape = {
  taxCategories: z.array(TaxCategorySchema).min(1),
  lookupCategories: z.array(LookupCategorySchema).max(60).default([]),
  items: z.array(CatalogItemSchema),
};

type CatalogShape = { taxCategories: z.infer<typeof TaxCategorySchema>[]; lookupCategories: LookupCategory[]; items: CatalogItem[] };

/** Rules across items: unique ids and codes, known tax categories, something to scan. */
function checkCatalog(data: CatalogShape, ctx: z.RefinementCtx): void {
  const categoryCodes = new Set<string>();
  data.taxCategories.forEach((category, index) => {
    if (categoryCodes.has(category.code)) ctx.addIssue({ code: 'custom', path: ['taxCategories', index, 'code'], message: `${category.code} is listed twice` });
    categoryCodes.add(category.code);
  });
  const lookupIds = new Set<string>();
  data.lookupCategories.forEach((category, index) => {
    if (lookupIds.has(category.id)) ctx.addIssue({ code: 'custom', path: ['lookupCategories', index, 'id'], message: `${category.id} is listed twice` });
    lookupIds.add(category.id);
  });
  const itemIds = new Map<string, number>();
  const codes = new Map<string, number>();
  data.items.forEach((item, index) => {
    const other = itemIds.get(item.itemId);
    if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['items', index, 'itemId'], message: `${item.itemId} is also the id of items[${other}]` });
    itemIds.set(item.itemId, index);
    if (!categoryCodes.has(item.taxCategory)) {
      ctx.addIssue({ code: 'custom', path: ['items', index, 'taxCategory'], message: `unknown tax category "${item.taxCategory}"` });
    }
    if (item.lookupCategory !== null && !lookupIds.has(item.lookupCategory)) {
      ctx.addIssue({ code: 'custom', path: ['items', index, 'lookupCategory'], message: `unknown lookup category "${item.lookupCategory}"` });
    }
    if (item.plu === null && item.barcodes.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['items', index, 'barcodes'], message: 'an item needs a PLU or at least one barcode' });
    }
    if (item.plu !== null) {
      const owner = codes.get(item.plu);
      if (owner !== undefined) ctx.addIssue({ code: 'custom', path: ['items', index, 'plu'], message: `${item.plu} is also a code of items[${owner}]` });
      codes.set(item.plu, index);
    }
    item.barcodes.forEach((barcode, position) => {
      const key = barcode.padStart(14, '0');
      const owner = codes.get(key);
      if (owner !== undefined) ctx.addIssue({ code: 'custom', path: ['items', index, 'barcodes', position], message: `${barcode} is also a barcode of items[${owner}]` });
      codes.set(key, index);
    });
  });
}

/** What a catalog import takes: tax categories, lookup categories and items (other top-level fields are ignored). */
export const CatalogDataSchema = z.object(catalogShape).superRefine(checkCatalog);
export type CatalogData = z.infer<typeof CatalogDataSchema>;

export const StoreSchema = z.object({
  name: z.string().min(1).max(60),
  currency: CurrencyCodeSchema,
  /** Whether shelf prices exclude sales tax (US) or include VAT (most of Europe). */
  taxMode: z.enum(['exclusive', 'inclusive']),
  /** IANA time zone of the store: its business date decides which promotions run. */
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as America/New_York')
    .default('UTC'),
  /** Tax rounded once per category on the invoice (the default) or on every line. */
  taxRounding: z.enum(['line', 'invoice']).default('invoice'),
  /** Smallest coin for cash payments in minor units (5 for CHF); the currency's usual one when absent. */
  cashRoundingIncrement: z.number().int().min(1).max(1000).optional(),
  /** Whether manufacturer coupons lower the taxable amount (many US states tax the price before them). */
  manufacturerCouponsReduceTax: z.boolean().default(true),
  /** How the store's variable-measure labels are laid out, one entry per prefix. */
  variableMeasure: z
    .array(VariableMeasureLayoutSchema)
    .max(11)
    .default([US_PRICE_EMBEDDED])
    .refine((layouts) => new Set(layouts.map((layout) => layout.prefix)).size === layouts.length, 'each prefix has one layout'),
  /** Prefixes of the store's loyalty cards on the 13-digit form: "04" for UPC-A number system 4 cards. */
  memberCardPrefixes: z.array(z.string().regex(/^\d{2,6}$/, '2–6 digits of the EAN-13 form, e.g. "04"')).max(10).default([]),
  /**
   * Reason codes for voids, overrides, discounts and tax exemptions, and how far a cashier may go
   * alone; `defaultCorrectionSettings` (common/corrections.ts) when absent.
   */
  corrections: CorrectionSettingsSchema.optional(),
});

/** A store file such as data/demo-store.json: the store's identity and its catalog. */
export const StoreFileSchema = z.object({ store: StoreSchema, ...catalogShape }).superRefine(checkCatalog);
export type StoreFile = z.infer<typeof StoreFileSchema>;
