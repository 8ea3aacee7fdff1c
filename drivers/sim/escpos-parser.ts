// An ESC/POS byte-stream parser for the printer simulator, written from the ESC/POS command
// reference (PROTOCOLS §5 and the Epson command list), independently of any encoder: it splits
// the stream into commands and says which are real-time (answered even while the printer is offline).

export type EscPosCommand =
  | { readonly kind: 'text'; readonly bytes: Buffer }
  | { readonly kind: 'newline' }
  | { readonly kind: 'init' }
  | { readonly kind: 'bold'; readonly on: boolean }
  | { readonly kind: 'underline'; readonly on: boolean }
  | { readonly kind: 'align'; readonly align: 'left' | 'center' | 'right' }
  | { readonly kind: 'size'; readonly width: number; readonly height: number }
  | { readonly kind: 'print-mode'; readonly bold: boolean; readonly underline: boolean; readonly width: number; readonly height: number }
  | { readonly kind: 'codepage'; readonly table: number }
  | { readonly kind: 'feed'; readonly lines: number }
  | { readonly kind: 'barcode'; readonly symbology: string; readonly data: string }
  | { readonly kind: 'qr-store'; readonly data: Buffer }
  | { readonly kind: 'qr-print' }
  | { readonly kind: 'image'; readonly width: number; readonly height: number }
  | { readonly kind: 'cut'; readonly partial: boolean }
  | { readonly kind: 'drawer-kick'; readonly pin: 2 | 5; readonly onMs: number; readonly offMs: number }
  | { readonly kind: 'realtime-status'; readonly query: number }
  | { readonly kind: 'realtime-kick'; readonly pin: 2 | 5; readonly onMs: number }
  | { readonly kind: 'transmit-status'; readonly query: number }
  | { readonly kind: 'setting'; readonly bytes: Buffer }
  | { readonly kind: 'unknown'; readonly bytes: Buffer };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

/** ESC commands with a fixed number of parameter bytes that only change settings. */
const escSettings: Record<number, number> = {
  0x20: 1, // ESC SP n  character spacing
  0x24: 2, // ESC $     absolute position
  0x25: 1, // ESC %     user-defined characters
  0x32: 0, // ESC 2     default line spacing
  0x33: 1, // ESC 3 n   line spacing
  0x34: 1, // ESC 4 n   italic (some models)
  0x3c: 0, // ESC <     return home
  0x3d: 1, // ESC = n   peripheral device
  0x47: 1, // ESC G n   double-strike
  0x4a: 1, // ESC J n   feed n dots
  0x4c: 0, // ESC L     page mode
  0x4d: 1, // ESC M n   font
  0x52: 1, // ESC R n   international character set
  0x53: 0, // ESC S     standard mode
  0x54: 1, // ESC T n   page-mode direction
  0x55: 1, // ESC U n   unidirectional printing
  0x56: 1, // ESC V n   90° rotation
  0x5c: 2, // ESC \     relative position
  0x65: 1, // ESC e n   reverse feed
  0x72: 1, // ESC r n   colour
  0x7b: 1, // ESC { n   upside-down
};

/** GS commands with a fixed number of parameter bytes that only change settings. */
const gsSettings: Record<number, number> = {
  0x24: 2, // GS $   vertical position (page mode)
  0x2f: 1, // GS / m print downloaded image (placeholder-less; rare on receipts)
  0x3a: 0, // GS :   macro
  0x42: 1, // GS B n reverse
  0x48: 1, // GS H n HRI position
  0x4c: 2, // GS L   left margin
  0x50: 2, // GS P   motion units
  0x57: 2, // GS W   print area width
  0x5c: 2, // GS \   relative vertical position
  0x61: 1, // GS a n automatic status back
  0x62: 1, // GS b n smoothing
  0x66: 1, // GS f n HRI font
  0x68: 1, // GS h n barcode height
  0x77: 1, // GS w n barcode module width
};

const barcodeNames: Record<number, string> = {
  0: 'UPC-A', 1: 'UPC-E', 2: 'EAN13', 3: 'EAN8', 4: 'CODE39', 5: 'ITF', 6: 'CODABAR',
  65: 'UPC-A', 66: 'UPC-E', 67: 'EAN13', 68: 'EAN8', 69: 'CODE39', 70: 'ITF', 71: 'CODABAR', 72: 'CODE93', 73: 'CODE128',
  74: 'GS1-128', 75: 'DATABAR', 76: 'DATABAR-TRUNCATED', 77: 'DATABAR-LIMITED', 78: 'DATABAR-EXPANDED',
};

type Parsed = { readonly command: EscPosCommand; readonly length: number } | null;

/** Splits an ESC/POS stream into commands; a command cut off at the end of a chunk waits for the rest. */
export class EscPosParser {
  #pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): EscPosCommand[] {
    let buffer = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    const commands: EscPosCommand[] = [];
    for (;;) {
      if (buffer.length === 0) break;
      const parsed = parseOne(buffer);
      if (parsed === null) break;
      commands.push(parsed.command);
      buffer = buffer.subarray(parsed.length);
    }
    this.#pending = Buffer.from(buffer);
    return commands;
  }
}

function parseOne(b: Buffer): Parsed {
  const first = b[0] ?? 0;
  if (first >= 0x20) {
    let end = 1;
    while (end < b.length && (b[end] ?? 0) >= 0x20) end += 1;
    return { command: { kind: 'text', bytes: Buffer.from(b.subarray(0, end)) }, length: end };
  }
  switch (first) {
    case 0x0a:
    case 0x0c:
      return { command: { kind: 'newline' }, length: 1 };
    case 0x09:
      return { command: { kind: 'text', bytes: Buffer.from(' ') }, length: 1 };
    case DLE:
      return parseDle(b);
    case ESC:
      return parseEsc(b);
    case GS:
      return parseGs(b);
    case FS:
      return parseFs(b);
    default:
      return { command: { kind: 'setting', bytes: Buffer.from([first]) }, length: 1 }; // CR and other controls print nothing
  }
}

function need(b: Buffer, length: number, command: (b: Buffer) => EscPosCommand): Parsed {
  return b.length < length ? null : { command: command(b), length };
}

const setting = (length: number) => (b: Buffer): EscPosCommand => ({ kind: 'setting', bytes: Buffer.from(b.subarray(0, length)) });

function parseDle(b: Buffer): Parsed {
  const fn = b[1];
  if (fn === undefined) return null;
  if (fn === 0x04) return need(b, 3, (x) => ({ kind: 'realtime-status', query: x[2] ?? 0 }));
  if (fn === 0x05) return need(b, 3, setting(3));
  if (fn === 0x14) {
    const sub = b[2];
    if (sub === undefined) return null;
    if (sub === 0x01) return need(b, 5, (x) => ({ kind: 'realtime-kick', pin: x[3] === 1 ? 5 : 2, onMs: (x[4] ?? 1) * 100 }));
    if (sub === 0x08) return need(b, 8, setting(8));
    return need(b, 5, setting(5));
  }
  return need(b, 2, (x) => ({ kind: 'unknown', bytes: Buffer.from(x.subarray(0, 2)) }));
}

function parseEsc(b: Buffer): Parsed {
  const c = b[1];
  if (c === undefined) return null;
  const n = b[2];
  switch (c) {
    case 0x40:
      return { command: { kind: 'init' }, length: 2 };
    case 0x45:
      return need(b, 3, () => ({ kind: 'bold', on: ((n ?? 0) & 1) === 1 }));
    case 0x2d:
      return need(b, 3, () => ({ kind: 'underline', on: (n ?? 0) % 48 !== 0 }));
    case 0x61:
      return need(b, 3, () => ({ kind: 'align', align: (['left', 'center', 'right'] as const)[(n ?? 0) % 48] ?? 'left' }));
    case 0x74:
      return need(b, 3, () => ({ kind: 'codepage', table: n ?? 0 }));
    case 0x64:
      return need(b, 3, () => ({ kind: 'feed', lines: n ?? 0 }));
    case 0x21:
      return need(b, 3, () => {
        const mode = n ?? 0;
        return { kind: 'print-mode', bold: (mode & 0x08) !== 0, underline: (mode & 0x80) !== 0, width: mode & 0x20 ? 2 : 1, height: mode & 0x10 ? 2 : 1 };
      });
    case 0x70:
      return need(b, 5, (x) => ({ kind: 'drawer-kick', pin: (x[2] ?? 0) % 48 === 1 ? 5 : 2, onMs: (x[3] ?? 0) * 2, offMs: (x[4] ?? 0) * 2 }));
    case 0x69:
    case 0x6d:
      return { command: { kind: 'cut', partial: true }, length: 2 };
    case 0x63:
      return need(b, 4, setting(4)); // ESC c 3/4/5 n
    case 0x44: {
      const end = b.indexOf(0x00, 2); // ESC D n1 … NUL: tab stops
      return end < 0 ? null : { command: setting(end + 1)(b), length: end + 1 };
    }
    case 0x2a: {
      if (b.length < 5) return null;
      const dots = (b[3] ?? 0) + (b[4] ?? 0) * 256;
      const length = 5 + ((b[2] ?? 0) >= 32 ? 3 * dots : dots);
      return need(b, length, () => ({ kind: 'image', width: dots, height: (b[2] ?? 0) >= 32 ? 24 : 8 }));
    }
    default: {
      const params = escSettings[c];
      if (params !== undefined) return need(b, 2 + params, setting(2 + params));
      return { command: { kind: 'unknown', bytes: Buffer.from(b.subarray(0, 2)) }, length: 2 };
    }
  }
}

function parseGs(b: Buffer): Parsed {
  const c = b[1];
  if (c === undefined) return null;
  const n = b[2];
  switch (c) {
    case 0x21:
      return need(b, 3, () => ({ kind: 'size', width: (((n ?? 0) >> 4) & 7) + 1, height: ((n ?? 0) & 7) + 1 }));
    case 0x56: {
      if (n === undefined) return null;
      if ([0, 1, 48, 49].includes(n)) return { command: { kind: 'cut', partial: n % 48 === 1 }, length: 3 };
      return need(b, 4, () => ({ kind: 'cut', partial: n === 66 || n === 98 || n === 104 }));
    }
    case 0x6b:
      return parseBarcode(b);
    case 0x28:
      return parseGsParen(b);
    case 0x72:
    case 0x49:
      return need(b, 3, () => (c === 0x72 ? { kind: 'transmit-status', query: n ?? 0 } : { kind: 'setting', bytes: Buffer.from(b.subarray(0, 3)) }));
    case 0x76: {
      if (b.length < 8) return null; // GS v 0 m xL xH yL yH: raster image
      const widthBytes = (b[4] ?? 0) + (b[5] ?? 0) * 256;
      const height = (b[6] ?? 0) + (b[7] ?? 0) * 256;
      return need(b, 8 + widthBytes * height, () => ({ kind: 'image', width: widthBytes * 8, height }));
    }
    case 0x38: {
      if (b.length < 7) return null; // GS 8 L p1 p2 p3 p4 m fn …: graphics data with a 4-byte length
      const length = (b[3] ?? 0) + (b[4] ?? 0) * 0x100 + (b[5] ?? 0) * 0x10000 + (b[6] ?? 0) * 0x1000000;
      return need(b, 7 + length, setting(7 + length));
    }
    default: {
      const params = gsSettings[c];
      if (params !== undefined) return need(b, 2 + params, setting(2 + params));
      return { command: { kind: 'unknown', bytes: Buffer.from(b.subarray(0, 2)) }, length: 2 };
    }
  }
}

function parseBarcode(b: Buffer): Parsed {
  const m = b[2];
  if (m === undefined) return null;
  const symbology = barcodeNames[m] ?? `BARCODE-${m}`;
  if (m <= 6) {
    const end = b.indexOf(0x00, 3); // function A: data up to NUL
    if (end < 0) return null;
    return { command: { kind: 'barcode', symbology, data: b.subarray(3, end).toString('latin1') }, length: end + 1 };
  }
  const count = b[3];
  if (count === undefined) return null;
  return need(b, 4 + count, (x) => {
    const data = x.subarray(4, 4 + count);
    return { kind: 'barcode', symbology, data: m === 73 || m === 74 ? code128Text(data) : data.toString('latin1') };
  });
}

/** Code 128 data as sent to the printer: `{A`/`{B`/`{C` pick the code set, `{{` is a brace; set C bytes are digit pairs. */
function code128Text(data: Buffer): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let text = '';
  for (let at = 0; at < data.length; at += 1) {
    const byte = data[at] ?? 0;
    if (byte === 0x7b && at + 1 < data.length) {
      const next = String.fromCharCode(data[at + 1] ?? 0);
      at += 1;
      if (next === 'A' || next === 'B' || next === 'C') set = next;
      else if (next === '{') text += '{';
      continue; // FNC1–4 and shift print nothing
    }
    text += set === 'C' ? String(byte).padStart(2, '0') : String.fromCharCode(byte);
  }
  return text;
}

function parseGsParen(b: Buffer): Parsed {
  if (b.length < 5) return null;
  const fn = b[2];
  const length = (b[3] ?? 0) + (b[4] ?? 0) * 256;
  return need(b, 5 + length, (x) => {
    const params = x.subarray(5, 5 + length);
    if (fn === 0x6b && params[0] === 0x31) {
      if (params[1] === 0x50) return { kind: 'qr-store', data: Buffer.from(params.subarray(3)) };
      if (params[1] === 0x51) return { kind: 'qr-print' };
    }
    return { kind: 'setting', bytes: Buffer.from(x.subarray(0, 5 + length)) };
  });
}

function parseFs(b: Buffer): Parsed {
  const c = b[1];
  if (c === undefined) return null;
  if (c === 0x2e || c === 0x26) return { command: { kind: 'setting', bytes: Buffer.from(b.subarray(0, 2)) }, length: 2 };
  if (c === 0x43 || c === 0x21 || c === 0x2d || c === 0x57) return need(b, 3, setting(3));
  if (c === 0x70) return need(b, 4, () => ({ kind: 'image', width: 0, height: 0 })); // FS p n m: NV logo
  if (c === 0x28) {
    if (b.length < 5) return null;
    const length = 5 + (b[3] ?? 0) + (b[4] ?? 0) * 256;
    return need(b, length, setting(length));
  }
  return { command: { kind: 'unknown', bytes: Buffer.from(b.subarray(0, 2)) }, length: 2 };
}

// Code pages by ESC t number (Epson numbering): the upper halves of CP437 and CP850/858.
const cp437 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
const cp850 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';
const cp858 = `${cp850.slice(0, 0x55)}€${cp850.slice(0x56)}`;
const upperHalves: Record<number, string> = { 0: cp437, 2: cp850, 19: cp858 };

/** Decodes printed text with the code page ESC t selected; an unknown table prints bytes ≥ 0x80 as '?'. */
export function decodeText(bytes: Buffer, table: number): string {
  const upper = upperHalves[table];
  let text = '';
  for (const byte of bytes) text += byte < 0x80 ? String.fromCharCode(byte) : (upper?.[byte - 0x80] ?? '?');
  return text;
}
