import { z } from 'zod';

// A receipt as a printer-neutral document: what to print, not how a printer encodes it. A sale
// is rendered into this once; any receipt printer driver (or an on-screen or e-mailed receipt)
// turns it into its own bytes.

function isControl(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Printable text: one line, no control characters (they would be read as printer commands). */
const PrintableSchema = z
  .string()
  .max(200)
  .refine((text) => ![...text].some(isControl), 'no control characters (tabs, line breaks, ESC …): one line of printable text');

export const ReceiptAlignSchema = z.enum(['left', 'center', 'right']);

/** normal; wide = double width; tall = double height; large = both. */
export const ReceiptTextSizeSchema = z.enum(['normal', 'wide', 'tall', 'large']);

export const ReceiptLineSchema = z.object({
  type: z.literal('line'),
  text: PrintableSchema,
  align: ReceiptAlignSchema.default('left'),
  bold: z.boolean().default(false),
  underline: z.boolean().default(false),
  size: ReceiptTextSizeSchema.default('normal'),
});

/** A label on the left and a value on the right of one line ("Milk 1 l      1.19"). */
export const ReceiptPairSchema = z.object({
  type: z.literal('pair'),
  left: PrintableSchema,
  right: PrintableSchema,
  bold: z.boolean().default(false),
});

export const ReceiptRuleSchema = z.object({ type: z.literal('rule'), style: z.enum(['single', 'double']).default('single') });

export const ReceiptFeedSchema = z.object({ type: z.literal('feed'), lines: z.number().int().min(1).max(10).default(1) });

export const ReceiptBarcodeSchema = z
  .object({
    type: z.literal('barcode'),
    symbology: z.enum(['code128', 'ean13']),
    data: z.string().min(1).max(40),
    /** Print the human-readable digits under the bars. */
    hri: z.boolean().default(true),
  })
  .superRefine((barcode, context) => {
    const valid = barcode.symbology === 'ean13' ? /^[0-9]{12,13}$/.test(barcode.data) : /^[\x20-\x7e]+$/.test(barcode.data);
    if (!valid) {
      context.addIssue({
        code: 'custom',
        path: ['data'],
        message: barcode.symbology === 'ean13' ? 'EAN-13 takes 12 or 13 digits' : 'Code 128 takes printable ASCII only',
      });
    }
  });

export const ReceiptQrSchema = z.object({
  type: z.literal('qr'),
  data: z.string().min(1).max(700),
  /** Module size in dots, 1–8. */
  size: z.number().int().min(1).max(8).default(6),
});

export const ReceiptCutSchema = z.object({ type: z.literal('cut'), partial: z.boolean().default(false) });

export const ReceiptBlockSchema = z.discriminatedUnion('type', [
  ReceiptLineSchema,
  ReceiptPairSchema,
  ReceiptRuleSchema,
  ReceiptFeedSchema,
  ReceiptBarcodeSchema,
  ReceiptQrSchema,
  ReceiptCutSchema,
]);

export const ReceiptDocumentSchema = z.object({ blocks: z.array(ReceiptBlockSchema).min(1).max(1000) });

/** A receipt as written by its author (defaults may be left out). */
export type ReceiptDocument = z.input<typeof ReceiptDocumentSchema>;
/** A validated receipt with every default filled in. */
export type ParsedReceipt = z.output<typeof ReceiptDocumentSchema>;
export type ReceiptBlock = z.output<typeof ReceiptBlockSchema>;
