import { useEffect } from 'react';

export type FunctionKeyMap = Partial<Record<'F8' | 'F9' | 'F10' | 'F12', (() => void) | null>>;

/** Binds F-keys on the window; browsers' own F10/F12 meanings are suppressed. Dialogs keep their keys. */
export function useFunctionKeys(keys: FunctionKeyMap): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'F8' && event.key !== 'F9' && event.key !== 'F10' && event.key !== 'F12') return;
      event.preventDefault();
      if (event.repeat || document.querySelector('dialog[open]')) return;
      keys[event.key]?.();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [keys]);
}
