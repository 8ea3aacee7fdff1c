import { BinaryBitmap, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mintEntryToken } from '../../../main/terminal/entry-token.ts';
import { cameraHints } from '../../../renderer/src/scanning/camera-formats.ts';
import { ean13Image, ean13Modules, qrImage, writeY4m, type GreyImage } from '../../support/fake-camera.ts';

const SECRET = 'e2e-harbor-street-entry-secret-0123456789';

/** Decodes a picture with the hints the renderer's camera uses in `mode`. */
function decode(image: GreyImage, mode: 'gate' | 'retail'): string {
  const source = new RGBLuminanceSource(new Uint8ClampedArray(image.pixels), image.width, image.height);
  const reader = new MultiFormatReader();
  reader.setHints(cameraHints(mode));
  // As BrowserMultiFormatReader does: decode() alone would drop the hints and try every format.
  return reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source))).getText();
}

describe('the fake camera’s pictures (for the e2e tests)', () => {
  it('draws an EAN-13 with the standard’s modules', () => {
    // 4006381333931: first digit 4 → parity LGLLGG; guards 101 / 01010 / 101.
    const modules = ean13Modules('4006381333931');
    expect(modules).toHaveLength(95);
    expect(modules.slice(0, 3)).toBe('101');
    expect(modules.slice(45, 50)).toBe('01010');
    expect(modules.slice(3, 10)).toBe('0001101'); // 0 in L
    expect(modules.slice(10, 17)).toBe('0100111'); // 0 in G
  });

  it('the lane’s camera reads the drawn EAN-13, and the gate’s does not take it', () => {
    const image = ean13Image('4006381333931');
    expect(decode(image, 'retail')).toBe('4006381333931');
    expect(() => decode(image, 'gate')).toThrow();
  });

  it('the gate’s camera reads the drawn QR code of every entry code, and the lane’s does not take it', () => {
    // Each code differs (time, nonce), and so does its QR layout: every one of them must read.
    for (let i = 0; i < 24; i++) {
      const text = mintEntryToken({ storeId: 'harbor-street', shopperRef: 'shopper-e2e', issuedAt: Date.parse('2026-11-22T12:00:00Z') + i * 1000, lifetimeMs: 600_000, nonce: `nonce-${i}-abcdef` }, SECRET);
      expect(decode(qrImage(text), 'gate'), text).toBe(text);
    }
    expect(() => decode(qrImage('JWO1.eyJzIjoiaGFyYm9yLXN0cmVldCJ9.o_-QWTRAcp0JS9kTjDUakcPOuwn_MlfS2VJziPJe5S4'), 'retail')).toThrow();
  });

  it('writes a Y4M video Chromium can play: the header, then whole 4:2:0 frames', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-camera-'));
    try {
      const file = path.join(dir, 'camera.y4m');
      writeY4m(file, ean13Image('4006381333931', { width: 320, height: 240, module: 2 }), { frames: 3 });
      const bytes = fs.readFileSync(file);
      const header = 'YUV4MPEG2 W320 H240 F10:1 Ip A1:1 C420jpeg\n';
      expect(bytes.subarray(0, header.length).toString()).toBe(header);
      expect(bytes.length).toBe(header.length + 3 * ('FRAME\n'.length + 320 * 240 * 1.5));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
