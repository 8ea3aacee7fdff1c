import { useEffect, useRef } from 'react';

export type FunctionKeyMap = Partial<Record<'F8' | 'F9' | 'F10' | 'F12', (() => void) | null>>;
type FunctionKey = keyof FunctionKeyMap;

/**
 * Binds F-keys on the window; browsers' own F10/F12 meanings are suppressed. Dialogs keep their keys.
 * A cashier presses F10 right after the last scan: a key that arrives while a command is still
 * being answered (`busy`) is kept and acted on once it is, with the keys as they are then.
 */
export function useFunctionKeys(keys: FunctionKeyMap, busy = false): void {
  const queued = useRef<FunctionKey | null>(null);

  useEffect(() => {
    const key = queued.current;
    if (busy || key === null) return;
    queued.current = null;
    keys[key]?.();
  }, [busy, keys]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'F8' && event.key !== 'F9' && event.key !== 'F10' && event.key !== 'F12') return;
      event.preventDefault();
      if (event.repeat || document.querySelector('dialog[open]')) return;
      if (busy) queued.current = event.key;
      else keys[event.key]?.();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [keys, busy]);
}
