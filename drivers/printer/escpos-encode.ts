import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { ParsedReceipt, ReceiptBlock } from '../../common/receipt.ts';

export type PaperColumns = 32 | 35 | 42 | 44 | 48;

export interface EscPosLayout {
  /** Characters per line in font A: 42 or 48 on 80 mm paper, 32 on 58 mm. */
  readonly columns: PaperColumns;
  /** Code page for text, from the encoder's list (`cp858` has the euro sign and Western European letters). */
  readonly codepage: string;
}

const sizes = { normal: [1, 1], wide: [2, 1], tall: [1, 2], large: [2, 2] } as const;

function encoder(layout: EscPosLayout): ReceiptPrinterEncoder {
  // Epson's code page numbering is what most ESC/POS printers follow.
  return new ReceiptPrinterEncoder({ language: 'esc-pos', columns: layout.columns, codepageMapping: 'epson', feedBeforeCut: 4 });
}

/** The ESC/POS bytes of a receipt (the encoder does the command encoding; PROTOCOLS §5). */
export function encodeReceipt(receipt: ParsedReceipt, layout: EscPosLayout): Uint8Array {
  const out = encoder(layout).initialize().codepage(layout.codepage as Parameters<ReceiptPrinterEncoder['codepage']>[0]);
  for (const block of receipt.blocks) addBlock(out, block, layout.columns);
  return out.encode();
}

function addBlock(out: ReceiptPrinterEncoder, block: ReceiptBlock, columns: number): void {
  switch (block.type) {
    case 'line': {
      const [width, height] = sizes[block.size];
      out.align(block.align).bold(block.bold).underline(block.underline).size(width, height).line(block.text);
      out.size(1, 1).underline(false).bold(false).align('left');
      return;
    }
    case 'pair': {
      const room = Math.max(0, columns - block.right.length - 1);
      const left = block.left.length > room ? block.left.slice(0, room) : block.left;
      out.bold(block.bold).line(`${left.padEnd(columns - block.right.length)}${block.right}`).bold(false);
      return;
    }
    case 'rule':
      out.rule({ style: block.style });
      return;
    case 'feed':
      out.newline(block.lines);
      return;
    case 'barcode':
      out.align('center').barcode(block.data, block.symbology, { height: 60, text: block.hri ? 'below' : 'none' }).align('left');
      return;
    case 'qr':
      out.align('center').qrcode(block.data, { model: 2, size: block.size, errorlevel: 'm' }).align('left');
      return;
    case 'cut':
      out.cut(block.partial ? 'partial' : 'full');
      return;
    default: {
      const unreachable: never = block;
      throw new Error(`unknown receipt block ${JSON.stringify(unreachable)}`);
    }
  }
}

/** ESC p: a pulse on the drawer kick connector (pin 2 or pin 5), on/off times in ms. */
export function encodeDrawerKick(pin: 2 | 5, onMs: number, offMs: number, layout: EscPosLayout): Uint8Array {
  return encoder(layout).pulse(pin === 2 ? 0 : 1, onMs, offMs).encode();
}

/** Whether the encoder knows a code page name. */
export function isKnownCodepage(codepage: string, layout: Omit<EscPosLayout, 'codepage'>): boolean {
  try {
    encoder({ ...layout, codepage }).codepage(codepage as Parameters<ReceiptPrinterEncoder['codepage']>[0]);
    return true;
  } catch {
    return false;
  }
}
