import { useEffect, useRef } from 'react';
import type { TerminalState } from '../../../common/api/contract.ts';
import { useNotice } from '../api/hooks.ts';
import { sound, type Cue } from './cues.ts';

/** What changed between two snapshots that the shopper should hear, if anything. */
export function cueForChange(before: TerminalState | null, after: TerminalState): Cue | null {
  if (before && before.help === null && after.help !== null) return 'help';
  const itemsBefore = before?.basket?.itemCount ?? 0;
  const linesBefore = before?.basket?.lines.length ?? 0;
  const itemsAfter = after.basket?.itemCount ?? 0;
  const linesAfter = after.basket?.lines.length ?? 0;
  if (before && (itemsAfter > itemsBefore || linesAfter > linesBefore)) return 'scan';
  return null;
}

/** The beep for an item added, the error tone for a refusal, the chime for a call for help. */
export function useAudioCues(state: TerminalState, muted: boolean): void {
  const previous = useRef<TerminalState | null>(null);
  const { notice } = useNotice();
  const heardNotice = useRef<number | null>(null);

  useEffect(() => {
    const cue = cueForChange(previous.current, state);
    previous.current = state;
    if (cue && !muted) sound(cue);
  }, [state, muted]);

  useEffect(() => {
    if (!notice || heardNotice.current === notice.id) return;
    heardNotice.current = notice.id;
    if (notice.level !== 'info' && !muted) sound('error');
  }, [notice, muted]);
}
