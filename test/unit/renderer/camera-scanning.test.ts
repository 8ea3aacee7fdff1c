import { BarcodeFormat } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { cameraFormats, cameraProblem } from '../../../renderer/src/scanning/camera-formats.ts';
import { CameraRepeatFilter, nextDecodeDelay } from '../../../renderer/src/scanning/camera-pace.ts';
import { passageTimeLeft, refusalKind } from '../../../renderer/src/screens/gate/gate-feedback.ts';

describe('the camera’s decode pace', () => {
  it('decodes at most six frames a second when decoding is quick', () => {
    expect(nextDecodeDelay(10)).toBe(157);
    expect(nextDecodeDelay(0)).toBe(167);
  });

  it('backs off so that decoding takes at most a third of the time when a frame is slow', () => {
    expect(nextDecodeDelay(120)).toBe(240);
    expect(nextDecodeDelay(400)).toBe(800);
  });

  it('never waits a negative time', () => {
    expect(nextDecodeDelay(-5)).toBe(167);
    expect(nextDecodeDelay(5, { maxFps: 1000, maxBusyShare: 1 })).toBe(0);
  });
});

describe('a code held in front of the camera counts once', () => {
  it('ignores the same code while it stays in view, and takes it again after it was gone', () => {
    const filter = new CameraRepeatFilter(1500);
    expect(filter.accept('4006381333931', 0)).toBe(true);
    // Seen frame after frame for five seconds: one scan.
    for (let at = 200; at <= 5000; at += 200) expect(filter.accept('4006381333931', at)).toBe(false);
    expect(filter.accept('4006381333931', 6600)).toBe(true);
  });

  it('takes a different code at once, and the first again when it comes back', () => {
    const filter = new CameraRepeatFilter(1500);
    expect(filter.accept('A', 0)).toBe(true);
    expect(filter.accept('B', 100)).toBe(true);
    expect(filter.accept('A', 200)).toBe(true);
  });
});

describe('what the camera looks for', () => {
  it('reads QR and the receipt’s Code 128 at a gate, and only retail 1D codes at a lane', () => {
    expect(cameraFormats('gate')).toEqual([BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]);
    expect(cameraFormats('retail')).toEqual([BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.UPC_A, BarcodeFormat.UPC_E]);
  });

  it('tells a refused camera from a missing one and from any other failure', () => {
    const named = (name: string): Error => Object.assign(new Error('x'), { name });
    expect(cameraProblem(named('NotAllowedError'))).toBe('denied');
    expect(cameraProblem(named('SecurityError'))).toBe('denied');
    expect(cameraProblem(named('NotFoundError'))).toBe('missing');
    expect(cameraProblem(named('OverconstrainedError'))).toBe('missing');
    expect(cameraProblem(named('NotReadableError'))).toBe('failed');
    expect(cameraProblem('boom')).toBe('failed');
  });
});

describe('the gate screen’s feedback', () => {
  it('headlines each refusal by what the shopper needs to know', () => {
    expect(refusalKind('RECEIPT_ALREADY_USED')).toBe('used');
    expect(refusalKind('ENTRY_CODE_USED')).toBe('used');
    expect(refusalKind('UNKNOWN_SALE')).toBe('notPaid');
    expect(refusalKind('SALE_ALREADY_VOIDED')).toBe('notPaid');
    expect(refusalKind('ENTRY_CODE_EXPIRED')).toBe('expired');
    expect(refusalKind('RECEIPT_EXPIRED')).toBe('expired');
    expect(refusalKind('INVALID_BARCODE')).toBe('unknown');
    expect(refusalKind('ENTRY_CODE_INVALID')).toBe('unknown');
    expect(refusalKind('DEVICE_UNAVAILABLE')).toBe('fault');
  });

  it('shows a passage for its time on screen from when it happened, and not a moment more', () => {
    const at = '2026-11-22T12:00:00.000Z';
    const start = Date.parse(at);
    expect(passageTimeLeft({ at }, start, 6000)).toBe(6000);
    expect(passageTimeLeft({ at }, start + 4000, 6000)).toBe(2000);
    expect(passageTimeLeft({ at }, start + 9000, 6000)).toBe(0);
    expect(passageTimeLeft({ at }, start - 60_000, 6000)).toBe(6000);
    expect(passageTimeLeft({ at: 'garbage' }, start, 6000)).toBe(0);
  });
});
