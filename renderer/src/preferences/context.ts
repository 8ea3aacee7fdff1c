import { createContext, useContext } from 'react';
import { DEFAULT_PREFERENCES, type ShopperPreferences } from './shopper-preferences.ts';

export interface PreferencesContextValue {
  readonly preferences: ShopperPreferences;
  update(change: Partial<ShopperPreferences>): void;
  /** Back to the store's defaults, for the next shopper. */
  reset(): void;
}

const fixed: PreferencesContextValue = { preferences: DEFAULT_PREFERENCES, update: () => undefined, reset: () => undefined };

export const PreferencesContext = createContext<PreferencesContextValue>(fixed);

export function useShopperPreferences(): PreferencesContextValue {
  return useContext(PreferencesContext);
}
