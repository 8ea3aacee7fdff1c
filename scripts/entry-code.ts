// `npm run entry-code -- --store <id> [--secret <key>] [--shopper <ref>] [--minutes 5] [--svg file.svg]`:
// mints an app entry code (main/terminal/entry-token.ts) as the store app's backend would, to test a
// gate. Prints the code; with --svg also writes it as a QR code to show on a screen or phone. The
// secret comes from --secret or TERMINAL_ENTRY_SECRET and must match the gate's `entry.secret`.
import { BarcodeFormat, EncodeHintType, QRCodeWriter } from '@zxing/library';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_ENTRY_LIFETIME_MS, mintEntryToken } from '../main/terminal/entry-token.ts';

/** The code as a QR code in SVG: one square per dark module, a four-module quiet zone. */
export function qrSvg(text: string, moduleSize = 8): string {
  const matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, new Map([[EncodeHintType.MARGIN, 0]]));
  const quiet = 4;
  const size = matrix.getWidth() + quiet * 2;
  const squares: string[] = [];
  for (let y = 0; y < matrix.getHeight(); y++) {
    for (let x = 0; x < matrix.getWidth(); x++) if (matrix.get(x, y)) squares.push(`M${x + quiet} ${y + quiet}h1v1h-1z`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * moduleSize}" height="${size * moduleSize}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${squares.join('')}" fill="#000"/></svg>\n`;
}

function fail(message: string): never {
  process.stderr.write(`npm run entry-code: ${message}\n`);
  process.exit(2);
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      store: { type: 'string' },
      secret: { type: 'string' },
      shopper: { type: 'string', default: 'demo-shopper' },
      minutes: { type: 'string', default: '5' },
      svg: { type: 'string' },
    },
  });
  const secret = values.secret ?? process.env.TERMINAL_ENTRY_SECRET;
  if (!values.store) fail('--store is required (the gate\'s entry.storeId)');
  if (!secret) fail('give --secret or set TERMINAL_ENTRY_SECRET (the gate\'s entry.secret)');
  const minutes = Number(values.minutes);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes * 60_000 > MAX_ENTRY_LIFETIME_MS) fail(`--minutes must be more than 0 and at most ${MAX_ENTRY_LIFETIME_MS / 60_000}`);
  let code: string;
  try {
    code = mintEntryToken({ storeId: values.store, shopperRef: values.shopper, issuedAt: Date.now(), lifetimeMs: minutes * 60_000 }, secret);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  process.stdout.write(`${code}\n`);
  if (values.svg) {
    const file = path.resolve(values.svg);
    fs.writeFileSync(file, qrSvg(code));
    process.stderr.write(`QR code written to ${file} (valid ${minutes} min)\n`);
  }
}
