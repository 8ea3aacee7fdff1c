import { BarcodeFormat, DecodeHintType } from '@zxing/library';
import type { CameraScanning } from '../../../common/gate.ts';

/**
 * What the camera looks for: at a gate the app's QR entry code and the receipt's Code 128; at a lane
 * the retail 1D symbologies only (EAN/UPC), so a QR on a package never reaches the basket.
 */
export function cameraFormats(mode: CameraScanning['mode']): BarcodeFormat[] {
  switch (mode) {
    case 'gate':
      return [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128];
    case 'retail':
      return [BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.UPC_A, BarcodeFormat.UPC_E];
    default: {
      const unknown: never = mode;
      throw new Error(`unknown camera mode ${String(unknown)}`);
    }
  }
}

/** The decoder's hints for a mode; TRY_HARDER only for 1D, where a tilted label needs it. */
export function cameraHints(mode: CameraScanning['mode']): Map<DecodeHintType, unknown> {
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, cameraFormats(mode)]]);
  if (mode === 'retail') hints.set(DecodeHintType.TRY_HARDER, true);
  return hints;
}

/** Why the camera is not scanning, from the error getUserMedia (or play) rejected with. */
export type CameraProblem = 'denied' | 'missing' | 'failed';

export function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    default:
      return 'failed';
  }
}
