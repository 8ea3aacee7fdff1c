import { z } from 'zod';
import { isShopperLanguage, type ShopperLanguage } from '../i18n/languages.ts';

/**
 * What one shopper chose at the lane: language, large text, high contrast, sound. Kept for the
 * shopper's visit only (sessionStorage, so a reload of the screen keeps them) and forgotten when
 * the lane goes back to the welcome screen for the next shopper.
 */
export const ShopperPreferencesSchema = z.object({
  /** null: the store's language. */
  language: z.custom<ShopperLanguage>(isShopperLanguage, 'a shopper language').nullable(),
  largeText: z.boolean(),
  highContrast: z.boolean(),
  muted: z.boolean(),
});
export type ShopperPreferences = z.infer<typeof ShopperPreferencesSchema>;

export const DEFAULT_PREFERENCES: ShopperPreferences = { language: null, largeText: false, highContrast: false, muted: false };

export const PREFERENCES_KEY = 'lane.shopperPreferences';

/** The kept preferences; anything unreadable (another version, a hand edit) gives the defaults. */
export function readPreferences(storage: Pick<Storage, 'getItem'> | null): ShopperPreferences {
  const raw = storage?.getItem(PREFERENCES_KEY);
  if (!raw) return DEFAULT_PREFERENCES;
  try {
    const parsed = ShopperPreferencesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_PREFERENCES;
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

export function writePreferences(storage: Pick<Storage, 'setItem' | 'removeItem'> | null, preferences: ShopperPreferences): void {
  if (!storage) return;
  const isDefault = (Object.keys(DEFAULT_PREFERENCES) as (keyof ShopperPreferences)[]).every((key) => preferences[key] === DEFAULT_PREFERENCES[key]);
  if (isDefault) storage.removeItem(PREFERENCES_KEY);
  else storage.setItem(PREFERENCES_KEY, JSON.stringify(preferences));
}
