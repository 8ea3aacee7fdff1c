import { useEffect } from 'react';
import { typeIntoFocusedField } from './type-into-focus.ts';
import { useScanSubmit, type ScanTarget } from './useScanSubmit.ts';
import { WedgeDetector, type WedgeOptions } from './wedge.ts';

/**
 * Listens for keyboard-wedge scans on the whole window (capture phase, before any field sees
 * the keys) and adds each scan to the basket with source 'wedge'. Keys of a scan never reach a
 * field; keys a person typed are handed on to the focused field unchanged. At a gate the scan
 * goes to the gate's check instead (`target`).
 */
export function useWedgeScanner(enabled: boolean, options: WedgeOptions & { readonly target?: ScanTarget } = {}): void {
  const submit = useScanSubmit(options.target ?? 'basket');
  const { maxGapMs, minLength } = options;

  useEffect(() => {
    if (!enabled) return;
    const detector = new WedgeDetector({ maxGapMs, minLength });
    let expiry: ReturnType<typeof setTimeout> | undefined;

    const handOn = (text: string): void => {
      if (text !== '') typeIntoFocusedField(text);
    };
    const swallow = (event: KeyboardEvent): void => {
      event.preventDefault();
      event.stopPropagation();
    };

    const onKeyDown = (event: KeyboardEvent): void => {
      // Shortcuts, auto-repeat and IME composition are people, never a scanner.
      if (event.isComposing || event.repeat || event.ctrlKey || event.altKey || event.metaKey) {
        handOn(detector.flush());
        return;
      }
      const step = detector.feed(event.key, event.timeStamp);
      handOn(step.released);
      switch (step.kind) {
        case 'held':
          swallow(event);
          clearTimeout(expiry);
          // A little past the gap, so the expiry never lands a hair before it is due.
          expiry = setTimeout(() => handOn(detector.expire(performance.now())), detector.maxGapMs + 5);
          return;
        case 'scan':
          swallow(event);
          clearTimeout(expiry);
          submit(step.scan.code, 'wedge');
          return;
        case 'typed':
          return;
        default: {
          const unknown: never = step;
          throw new Error(`unhandled wedge step ${JSON.stringify(unknown)}`);
        }
      }
    };
    const onBlur = (): void => {
      clearTimeout(expiry);
      detector.flush();
    };

    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('blur', onBlur);
    return () => {
      clearTimeout(expiry);
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [enabled, maxGapMs, minLength, submit]);
}
