import { BarcodeFormat, EncodeHintType, QRCodeWriter } from '@zxing/library';
import fs from 'node:fs';

/**
 * Pictures for Chromium's fake camera (`--use-file-for-fake-video-capture=<file.y4m>`): a QR code or
 * an EAN-13 drawn black on white, written as a Y4M (YUV4MPEG2) video that Chromium plays in a loop.
 */

/** An 8-bit grey picture, row by row (0 black, 255 white). */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

function blank(width: number, height: number): { width: number; height: number; pixels: Uint8Array } {
  return { width, height, pixels: new Uint8Array(width * height).fill(255) };
}

function fill(image: GreyImage, x: number, y: number, w: number, h: number): void {
  for (let row = y; row < y + h; row++) image.pixels.fill(0, row * image.width + x, row * image.width + x + w);
}

/** A 3×3 box blur, as a camera's lens softens every edge. */
function soften(image: GreyImage): GreyImage {
  const { width, height, pixels } = image;
  const out = new Uint8Array(pixels);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += pixels[(y + dy) * width + x + dx] ?? 255;
      out[y * width + x] = Math.round(sum / 9);
    }
  }
  return { width, height, pixels: out };
}

/**
 * A QR code of `text`, `module` pixels a module (5 by default, as a phone held up to the camera),
 * centred on a white picture and softened like a camera frame. Razor-sharp synthetic edges are
 * not what a camera sees: @zxing's finder misses about one in four of them at 6 px a module.
 */
export function qrImage(text: string, options: { width?: number; height?: number; module?: number } = {}): GreyImage {
  const matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, new Map([[EncodeHintType.MARGIN, 0]]));
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const module = options.module ?? Math.min(5, Math.floor((Math.min(width, height) * 0.8) / matrix.getWidth()));
  if (module < 2) throw new Error(`a ${matrix.getWidth()}-module QR code does not fit ${width}×${height}`);
  const image = blank(width, height);
  const left = Math.floor((width - matrix.getWidth() * module) / 2);
  const top = Math.floor((height - matrix.getHeight() * module) / 2);
  for (let y = 0; y < matrix.getHeight(); y++) {
    for (let x = 0; x < matrix.getWidth(); x++) if (matrix.get(x, y)) fill(image, left + x * module, top + y * module, module, module);
  }
  return soften(image);
}

// EAN-13 (ISO/IEC 15420): the first digit picks the parity pattern of the left half.
const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const G = ['0100111', '0110011', '0011011', '0100001', '0011101', '0111001', '0000101', '0010001', '0001001', '0010111'];
const R = ['1110010', '1100110', '1101100', '1000010', '1011100', '1001110', '1010000', '1000100', '1001000', '1110100'];
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

/** The 95 modules of an EAN-13 (1 = bar). */
export function ean13Modules(code: string): string {
  if (!/^\d{13}$/.test(code)) throw new Error(`${code} is not 13 digits`);
  const digits = [...code].map(Number);
  const parity = PARITY[digits[0] ?? 0] ?? '';
  let modules = '101';
  for (let i = 1; i <= 6; i++) modules += (parity[i - 1] === 'G' ? G : L)[digits[i] ?? 0];
  modules += '01010';
  for (let i = 7; i <= 12; i++) modules += R[digits[i] ?? 0];
  return `${modules}101`;
}

/** An EAN-13 of `code`, `module` pixels a module with its quiet zones, centred on a white picture. */
export function ean13Image(code: string, options: { width?: number; height?: number; module?: number } = {}): GreyImage {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const modules = ean13Modules(code);
  const module = options.module ?? 4;
  const image = blank(width, height);
  const left = Math.floor((width - modules.length * module) / 2);
  const barHeight = Math.floor(height * 0.45);
  const top = Math.floor((height - barHeight) / 2);
  for (let m = 0; m < modules.length; m++) if (modules[m] === '1') fill(image, left + m * module, top, module, barHeight);
  return image;
}

/**
 * Writes `image` as a Y4M video of `frames` identical 4:2:0 frames: the picture is the luma, the
 * chroma is neutral grey. Chromium loops the file, so the camera shows the picture for as long as
 * the test needs.
 */
export function writeY4m(file: string, image: GreyImage, options: { fps?: number; frames?: number } = {}): void {
  const { width, height, pixels } = image;
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('a 4:2:0 picture needs an even width and height');
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), Buffer.from(pixels), chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${options.fps ?? 10}:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: options.frames ?? 4 }, () => frame)]));
}

/** Chromium's switches for a fake camera playing `file`, permission granted without a prompt. */
export function fakeCameraArgs(file: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}
