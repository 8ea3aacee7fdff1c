import type { ScanSource, TerminalState } from '../../common/api/contract.ts';
import { TerminalError, type ErrorCode } from '../../common/api/result.ts';
import { ScaleError, type Scale, type ScaleFailure } from '../../drivers/scale/scale.ts';

/**
 * How long a scan of an item sold by weight waits for the pricing scale to settle. The shopper
 * puts the item on the scale, then scans or keys it; a platter still swinging after this is
 * reported, and the shopper scans again.
 */
export const WEIGH_TIMEOUT_MS = 3_000;

/** What weighing needs of the lane. */
export interface WeighingLane {
  scan(code: string, source: ScanSource, requestId: string, quantity?: number): TerminalState;
  addWeighed(code: string, grossGrams: number, requestId: string): TerminalState;
}

export interface ScanRequest {
  readonly code: string;
  readonly source: ScanSource;
  readonly requestId: string;
  readonly quantity?: number | undefined;
}

/** The stable error code the screen translates, for each reason a scale gave no usable weight. */
function errorCodeFor(reason: ScaleFailure): ErrorCode {
  switch (reason) {
    case 'motion':
      return 'WEIGHT_NOT_STABLE';
    case 'underZero':
      return 'SCALE_UNDER_ZERO';
    case 'overCapacity':
      return 'SCALE_OVER_CAPACITY';
    case 'zero':
      return 'NEEDS_WEIGHT';
    default:
      return 'SCALE_UNAVAILABLE';
  }
}

/**
 * A scanned or keyed code through the lane; when it names an item sold by weight (the lane
 * refuses it with NEEDS_WEIGHT, having written nothing) the pricing scale is asked for a stable,
 * legal reading and the item is added with that weight. Main decides, never the screen: the
 * renderer only sends the code.
 */
export async function scanOrWeigh(lane: WeighingLane, scale: Scale | null, scan: ScanRequest, timeoutMs = WEIGH_TIMEOUT_MS): Promise<TerminalState> {
  try {
    return lane.scan(scan.code, scan.source, scan.requestId, scan.quantity);
  } catch (error) {
    if (!(error instanceof TerminalError) || error.code !== 'NEEDS_WEIGHT') throw error;
    if (scan.quantity !== undefined && scan.quantity !== 1) {
      throw new TerminalError('INVALID_INPUT', 'an item sold by weight is weighed, not counted: place it on the scale and scan it once', 'quantity');
    }
    if (!scale) throw new TerminalError('SCALE_UNAVAILABLE', `${error.message}, and this lane has no pricing scale`);
    let grams: number;
    try {
      grams = (await scale.stableReading(timeoutMs)).grams;
    } catch (failure) {
      if (failure instanceof ScaleError) throw new TerminalError(errorCodeFor(failure.reason), failure.message, 'grams');
      throw failure;
    }
    return lane.addWeighed(scan.code, grams, scan.requestId);
  }
}
