// ESC/POS real-time status (DLE EOT n, PROTOCOLS §5): each request is answered by one byte
// whose bits 1 and 4 are always 1 and bits 0 and 7 always 0.

export const STATUS_PRINTER = 1;
export const STATUS_OFFLINE_CAUSE = 2;
export const STATUS_ERROR_CAUSE = 3;
export const STATUS_PAPER = 4;
export type StatusQuery = typeof STATUS_PRINTER | typeof STATUS_OFFLINE_CAUSE | typeof STATUS_ERROR_CAUSE | typeof STATUS_PAPER;

export function statusRequest(query: StatusQuery): Buffer {
  return Buffer.from([0x10, 0x04, query]);
}

/** True for a byte shaped like a DLE EOT reply; anything else on the line is noise. */
export function isStatusByte(byte: number): boolean {
  return (byte & 0b1001_0011) === 0b0001_0010;
}

/** What a receipt printer reports, decoded from the four DLE EOT replies. */
export interface PrinterStatus {
  readonly online: boolean;
  readonly paper: 'ok' | 'near-end' | 'out';
  readonly coverOpen: boolean;
  readonly drawer: 'open' | 'closed';
  /** A printer error (cutter jam, head overheated), or null. */
  readonly error: string | null;
}

export interface StatusReplies {
  readonly printer: number;
  readonly offlineCause: number;
  readonly errorCause: number;
  readonly paper: number;
}

const bit = (byte: number, n: number): boolean => ((byte >> n) & 1) === 1;

/**
 * Decodes the replies. The drawer-sense level (pin 3) that means "open" depends on the drawer
 * (PROTOCOLS §5: calibrate once), so it is given.
 */
export function decodeStatus(replies: StatusReplies, drawerOpenWhen: 'high' | 'low'): PrinterStatus {
  const { printer, offlineCause, errorCause, paper } = replies;
  const errors = [
    bit(errorCause, 2) ? 'mechanical error' : null,
    bit(errorCause, 3) ? 'autocutter error' : null,
    bit(errorCause, 5) ? 'unrecoverable error' : null,
    bit(errorCause, 6) ? 'head overheated (recovers by itself)' : null,
  ].filter((text): text is string => text !== null);
  const paperOut = bit(paper, 5) || bit(paper, 6) || bit(offlineCause, 5);
  return {
    online: !bit(printer, 3),
    paper: paperOut ? 'out' : bit(paper, 2) || bit(paper, 3) ? 'near-end' : 'ok',
    coverOpen: bit(offlineCause, 2),
    drawer: bit(printer, 2) === (drawerOpenWhen === 'high') ? 'open' : 'closed',
    error: errors.length > 0 ? errors.join(', ') : bit(offlineCause, 6) ? 'error' : null,
  };
}
