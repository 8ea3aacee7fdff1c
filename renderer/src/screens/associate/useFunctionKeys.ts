import { useLayoutEffect, useRef } from 'react';

const functionKeys = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12'] as const;
type FunctionKey = (typeof functionKeys)[number];
export type FunctionKeyMap = Partial<Record<FunctionKey, (() => void) | null>>;

// F1 and F5 are included so they never open the browser's help or reload the lane's page, whether or not it is bound.
const isFunctionKey = (key: string): key is FunctionKey => (functionKeys as readonly string[]).includes(key);

/**
 * Binds F-keys on the window; browsers' own F10/F12 meanings are suppressed. Dialogs keep their keys.
 * A cashier presses F10 the moment the last line shows: the keys are brought up to date before
 * the browser paints (a layout effect), so a key never meets the keys of the screen before; and a
 * key that arrives while a command is still being answered (`busy`) is kept and acted on once it is.
 */
export function useFunctionKeys(keys: FunctionKeyMap, busy = false): void {
  const current = useRef({ keys, busy });
  const queued = useRef<FunctionKey | null>(null);

  useLayoutEffect(() => {
    current.current = { keys, busy };
    const key = queued.current;
    if (busy || key === null) return;
    queued.current = null;
    keys[key]?.();
  }, [keys, busy]);

  // Installed before paint too, so a key pressed the moment the screen appears (F8 right after
  // signing in) is heard.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isFunctionKey(event.key)) return;
      event.preventDefault();
      if (event.repeat || document.querySelector('dialog[open]')) return;
      const { keys: live, busy: answering } = current.current;
      if (answering) queued.current = event.key;
      else live[event.key]?.();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
