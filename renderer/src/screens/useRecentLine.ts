import { useEffect, useState, type RefObject } from 'react';
import type { BasketLineView } from '../../../common/basket.ts';

interface Seen {
  readonly lines: readonly BasketLineView[];
  readonly recent: string | null;
}

function changedLine(before: readonly BasketLineView[], after: readonly BasketLineView[], recent: string | null): string | null {
  const quantities = new Map(before.map((line) => [line.lineId, line.quantity]));
  for (let index = after.length - 1; index >= 0; index -= 1) {
    const line = after[index];
    if (line && quantities.get(line.lineId) !== line.quantity) return line.lineId;
  }
  return after.some((line) => line.lineId === recent) ? recent : (after.at(-1)?.lineId ?? null);
}

/**
 * The line the shopper touched last: the one added or whose quantity changed in the latest
 * snapshot. Each snapshot is a new array, so it is compared with the one before, not by identity.
 */
export function useRecentLine(lines: readonly BasketLineView[]): string | null {
  const [seen, setSeen] = useState<Seen>(() => ({ lines, recent: lines.at(-1)?.lineId ?? null }));
  if (seen.lines !== lines) {
    const recent = changedLine(seen.lines, lines, seen.recent);
    setSeen({ lines, recent });
    return recent;
  }
  return seen.recent;
}

/** Scrolls the container so the recent line is in view whenever it changes or grows. */
export function useScrollToLine(container: RefObject<HTMLElement | null>, recent: string | null, version: number): void {
  useEffect(() => {
    if (!recent) return;
    const row = container.current?.querySelector(`[data-line-id="${CSS.escape(recent)}"]`);
    row?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [container, recent, version]);
}
