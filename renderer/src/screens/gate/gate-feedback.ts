import type { ErrorCode } from '../../../../common/api/result.ts';
import type { GatePassage } from '../../../../common/gate.ts';

/** How a refusal is headlined at the gate: the shopper needs the kind of problem, not the code. */
export type RefusalKind = 'used' | 'notPaid' | 'expired' | 'unknown' | 'fault';

export function refusalKind(reason: ErrorCode | null): RefusalKind {
  switch (reason) {
    case 'RECEIPT_ALREADY_USED':
    case 'ENTRY_CODE_USED':
      return 'used';
    // A receipt number with no paid sale behind it, or a sale taken back: nothing paid to leave with.
    case 'UNKNOWN_SALE':
    case 'SALE_ALREADY_VOIDED':
      return 'notPaid';
    case 'RECEIPT_EXPIRED':
    case 'ENTRY_CODE_EXPIRED':
      return 'expired';
    case 'DEVICE_UNAVAILABLE':
    case 'LANE_UNREACHABLE':
    case 'INTERNAL':
      return 'fault';
    default:
      return 'unknown';
  }
}

/** How long a passage stays on the gate screen before it asks for the next code. */
export const PASSAGE_SHOWN_MS = 6000;

/** Milliseconds the passage has left on screen at `nowMs` (epoch), 0 once it is over. */
export function passageTimeLeft(passage: Pick<GatePassage, 'at'>, nowMs: number, shownMs = PASSAGE_SHOWN_MS): number {
  const at = Date.parse(passage.at);
  if (Number.isNaN(at)) return 0;
  // A clock that ran backwards still shows the passage, for its full time at most.
  return Math.max(0, Math.min(shownMs, at + shownMs - nowMs));
}
