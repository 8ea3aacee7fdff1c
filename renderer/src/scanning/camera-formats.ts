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

/**
 * The decoder's hints for a mode. No TRY_HARDER: it scans every row and the picture turned 90°,
 * several times the work per frame; the next frame, a moment later, is the cheaper second try.
 */
export function cameraHints(mode: CameraScanning['mode']): Map<DecodeHintType, unknown> {
  return new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, cameraFormats(mode)]]);
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
