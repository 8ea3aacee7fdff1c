import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { PreferencesContext, type PreferencesContextValue } from './context.ts';
import { DEFAULT_PREFERENCES, readPreferences, writePreferences, type ShopperPreferences } from './shopper-preferences.ts';

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage switched off: the choices then last until the page reloads
  }
}

/**
 * Holds the shopper's choices and shows them on the page root, so every screen, dialog and
 * notice (all in the top layer or not) gets large text and high contrast from one place.
 */
export function PreferencesProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const [preferences, setPreferences] = useState<ShopperPreferences>(() => readPreferences(sessionStore()));

  useEffect(() => {
    writePreferences(sessionStore(), preferences);
    const root = document.documentElement;
    root.toggleAttribute('data-large-text', preferences.largeText);
    root.toggleAttribute('data-high-contrast', preferences.highContrast);
  }, [preferences]);

  const update = useCallback((change: Partial<ShopperPreferences>) => setPreferences((current) => ({ ...current, ...change })), []);
  const reset = useCallback(() => setPreferences(DEFAULT_PREFERENCES), []);
  const value = useMemo<PreferencesContextValue>(() => ({ preferences, update, reset }), [preferences, update, reset]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}
