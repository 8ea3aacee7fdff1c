import { useEffect, useState } from 'react';
import type { StoreBoard } from '../../../../common/store.ts';
import { useTerminalCommand } from '../../api/hooks.ts';

/** How often the screen asks main for the board; main itself polls the lanes on its own timers. */
const REFRESH_MS = 1000;

/** The store's lanes as main sees them, kept fresh while the board is on screen; null until the first answer. */
export function useStoreBoard(): [board: StoreBoard | null, replace: (board: StoreBoard) => void] {
  const run = useTerminalCommand({ quiet: true });
  const [board, setBoard] = useState<StoreBoard | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async (): Promise<void> => {
      const result = await run('store.board', {});
      if (!live) return;
      if (result.ok) setBoard(result.value);
      timer = setTimeout(() => void refresh(), REFRESH_MS);
    };
    void refresh();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [run]);
  return [board, setBoard];
}

/** The current time, ticking every second, for waiting times. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** 0:42, 12:05, 1:02:10. */
export function formatWaiting(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
