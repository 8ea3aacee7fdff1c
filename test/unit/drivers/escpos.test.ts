import { describe, expect, it } from 'vitest';
import { ReceiptDocumentSchema } from '../../../common/receipt.ts';
import { encodeDrawerKick, encodeReceipt } from '../../../drivers/printer/escpos-encode.ts';
import { decodeStatus, isStatusByte } from '../../../drivers/printer/escpos-status.ts';
import { decodeText, EscPosParser, type EscPosCommand } from '../../../drivers/sim/escpos-parser.ts';

const bytes = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const layout = { columns: 42, codepage: 'cp858' } as const;
const idle = { printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paper: 0x12 };

describe('ESC/POS commands and status (PROTOCOLS §5)', () => {
  it('kicks the drawer with the golden ESC p frame: pin 2, 50 ms on, 500 ms off', () => {
    expect(Buffer.from(encodeDrawerKick(2, 50, 500, layout))).toEqual(bytes('1B 70 00 19 FA'));
    expect(new EscPosParser().push(bytes('1B 70 00 19 FA'))).toEqual([{ kind: 'drawer-kick', pin: 2, onMs: 50, offMs: 500 }]);
  });

  it('tells status bytes from noise by their fixed bits', () => {
    expect([0x12, 0x16, 0x1e, 0x7e].map(isStatusByte)).toEqual([true, true, true, true]);
    expect([0x00, 0xff, 0x13, 0x92, 0x02, 0x10].map(isStatusByte)).toEqual([false, false, false, false, false, false]);
  });

  it('decodes the idle replies 0x12 and 0x16 as drawer closed and open (pin 3 high = open)', () => {
    expect(decodeStatus(idle, 'high')).toEqual({ online: true, paper: 'ok', coverOpen: false, drawer: 'closed', error: null });
    expect(decodeStatus({ ...idle, printer: 0x16 }, 'high').drawer).toBe('open');
    expect(decodeStatus({ ...idle, printer: 0x16 }, 'low').drawer).toBe('closed');
  });

  it('decodes paper near end, paper out, cover open and a cutter error', () => {
    expect(decodeStatus({ ...idle, paper: 0x1e }, 'high').paper).toBe('near-end');
    expect(decodeStatus({ ...idle, printer: 0x1a, offlineCause: 0x32, paper: 0x7e }, 'high')).toMatchObject({ online: false, paper: 'out' });
    expect(decodeStatus({ ...idle, printer: 0x1a, offlineCause: 0x16 }, 'high')).toMatchObject({ online: false, coverOpen: true });
    expect(decodeStatus({ ...idle, printer: 0x1a, offlineCause: 0x52, errorCause: 0x1a }, 'high').error).toBe('autocutter error');
  });
});

describe('ESC/POS stream parser of the printer simulator', () => {
  const golden = Buffer.concat([
    bytes('1B 40'),
    bytes('1D 48 02 1D 6B 43 0D'),
    Buffer.from('4006381333931', 'latin1'),
    bytes('1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 06 1D 28 6B 03 00 31 45 31'),
    bytes('1D 28 6B 09 00 31 50 30'), // pL = 3 + 6 data bytes
    Buffer.from('L01-42', 'latin1'),
    bytes('1D 28 6B 03 00 31 51 30'),
    bytes('1D 56 00 1D 56 01 1D 56 41 03 1D 56 42 03 10 04 04'),
  ]);
  const expected: EscPosCommand[] = [
    { kind: 'init' },
    { kind: 'setting', bytes: bytes('1D 48 02') },
    { kind: 'barcode', symbology: 'EAN13', data: '4006381333931' },
    { kind: 'setting', bytes: bytes('1D 28 6B 04 00 31 41 32 00') },
    { kind: 'setting', bytes: bytes('1D 28 6B 03 00 31 43 06') },
    { kind: 'setting', bytes: bytes('1D 28 6B 03 00 31 45 31') },
    { kind: 'qr-store', data: Buffer.from('L01-42') },
    { kind: 'qr-print' },
    { kind: 'cut', partial: false },
    { kind: 'cut', partial: true },
    { kind: 'cut', partial: false },
    { kind: 'cut', partial: true },
    { kind: 'realtime-status', query: 4 },
  ];

  it('reads the golden barcode, QR and cut commands', () => {
    expect(new EscPosParser().push(golden)).toEqual(expected);
  });

  it('reads the same commands when the stream arrives one byte at a time', () => {
    const parser = new EscPosParser();
    const commands = [...golden].flatMap((byte) => parser.push(Buffer.from([byte])));
    expect(commands).toEqual(expected);
  });

  it('decodes CP858 text, euro sign included, as the encoder writes it', () => {
    const encoded = Buffer.from(encodeReceipt(ReceiptDocumentSchema.parse({ blocks: [{ type: 'line', text: 'Grüße 5 € ñ' }] }), layout));
    const text = new EscPosParser()
      .push(encoded)
      .map((command) => (command.kind === 'text' ? decodeText(command.bytes, 19) : ''))
      .join('');
    expect(text).toBe('Grüße 5 € ñ');
  });
});
