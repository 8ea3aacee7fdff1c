import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../../common/receipt.ts';
import type { DeviceEvents } from '../../../drivers/device.ts';
import { CashDrawer, type DrawerState } from '../../../drivers/printer/cash-drawer.ts';
import { PrinterError, ReceiptPrinter, type PrinterStatus, type ReceiptPrinterOptions } from '../../../drivers/printer/receipt-printer.ts';
import { EscPosPrinterSimulator } from '../../../drivers/sim/escpos-printer-sim.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import { nextEvent } from '../../support/events.ts';

type PrinterEvents = DeviceEvents<PrinterStatus>;

const receipt: ReceiptDocument = {
  blocks: [
    { type: 'line', text: 'Corner Grocer', align: 'center', bold: true, size: 'large' },
    { type: 'line', text: 'Grüße aus Köln, 5 €', align: 'center' },
    { type: 'rule' },
    { type: 'pair', left: 'Milk 1 l', right: '1.19' },
    { type: 'pair', left: 'Bananas 1.234 kg', right: '2.45' },
    { type: 'rule', style: 'double' },
    { type: 'pair', left: 'TOTAL', right: 'EUR 3.64', bold: true },
    { type: 'barcode', symbology: 'code128', data: 'R-L01-000042' },
    { type: 'qr', data: 'https://example.com/r/L01-000042' },
    { type: 'cut' },
  ],
};

const expectedText = [
  '        Corner Grocer',
  '           Grüße aus Köln, 5 €',
  '─'.repeat(42),
  `Milk 1 l${' '.repeat(30)}1.19`,
  `Bananas 1.234 kg${' '.repeat(22)}2.45`,
  '═'.repeat(42),
  `TOTAL${' '.repeat(29)}EUR 3.64`,
  '[CODE128 R-L01-000042]',
  '', // the line feed after a barcode feeds an empty line
  '[QR https://example.com/r/L01-000042]',
].join('\n');

let sim: EscPosPrinterSimulator;
let pair: PtyPair | null;
let printer: ReceiptPrinter | null;

beforeEach(() => {
  sim = new EscPosPrinterSimulator();
  pair = null;
  printer = null;
});

afterEach(async () => {
  await printer?.close();
  await sim.close();
  await pair?.dispose();
});

const fast = { statusPollMs: 150, statusTimeoutMs: 1000, presenceCheckMs: 50, reconnect: { initialMs: 50, maxMs: 200 } } as const;

async function start(options: ReceiptPrinterOptions): Promise<ReceiptPrinter> {
  printer = new ReceiptPrinter(options);
  const ready = printer.status().state === 'online' ? Promise.resolve() : nextEvent<PrinterEvents, 'status'>(printer, 'status', (status) => status.state !== 'off');
  await printer.open();
  await printer.claim();
  await printer.enable();
  await ready;
  return printer;
}

async function overTcp(options: Partial<ReceiptPrinterOptions> = {}): Promise<ReceiptPrinter> {
  const port = await sim.listen();
  return start({ name: 'Receipt printer', transport: { type: 'tcp', host: '127.0.0.1', port }, ...fast, ...options });
}

async function overSerial(options: Partial<ReceiptPrinterOptions> = {}): Promise<ReceiptPrinter> {
  pair = await PtyPair.open();
  await sim.openSerial(pair.simPath);
  return start({ name: 'Receipt printer', transport: { type: 'serial', path: pair.posPath, baudRate: 38400 }, ...fast, ...options });
}

function until(device: ReceiptPrinter, accept: (status: { state: string; detail: string }) => boolean): Promise<unknown> {
  if (accept(device.status())) return Promise.resolve();
  return nextEvent<PrinterEvents, 'status'>(device, 'status', accept);
}

for (const [transport, connect] of [
  ['TCP (port 9100 style)', overTcp],
  ['a serial pseudo-terminal', overSerial],
] as const) {
  describe(`ESC/POS receipt printer over ${transport}`, () => {
    it('prints a receipt document that comes out as the expected virtual receipt', async () => {
      const device = await connect();
      await until(device, (status) => status.state === 'online');
      const cut = sim.nextReceipt();
      await device.print(receipt);
      const printed = await cut;
      expect(printed.text).toBe(expectedText);
      expect(printed.cut).toBe('full');
      expect(printed.lines[0]).toMatchObject({ bold: true, width: 2, height: 2 });
      expect(printed.lines.find((line) => line.text.startsWith('TOTAL'))).toMatchObject({ bold: true, width: 1 });
      expect(sim.unknown).toEqual([]);
    });

    it('refuses to print while out of paper, prints nothing, and prints again once paper is loaded', async () => {
      const device = await connect();
      await until(device, (status) => status.state === 'online');
      const paperOut = until(device, (status) => status.state === 'error');
      sim.setPaper('out');
      await paperOut;
      expect(device.status().detail).toMatch(/out of paper/);
      const failure = device.print(receipt);
      await expect(failure).rejects.toThrow(PrinterError);
      await expect(failure).rejects.toMatchObject({ code: 'PAPER_OUT', message: 'Receipt printer: out of paper; the receipt was not printed' });
      expect(sim.printBytes).toBe(0);
      sim.setPaper('ok');
      await until(device, (status) => status.state === 'online');
      await device.print(receipt);
      expect(sim.receipts.map((printed) => printed.text)).toEqual([expectedText]);
    });

    it('refuses to print with the cover open', async () => {
      const device = await connect();
      sim.setCover(true);
      await until(device, (status) => status.detail.startsWith('cover open'));
      await expect(device.print(receipt)).rejects.toMatchObject({ code: 'COVER_OPEN', message: expect.stringMatching(/cover is open; the receipt was not printed/) });
      expect(sim.printBytes).toBe(0);
      expect(sim.receipts).toEqual([]);
    });
  });
}

describe('ESC/POS printer status and cash drawer', () => {
  it('kicks the drawer with ESC p on pin 2 and follows it open and closed through DLE EOT 1', async () => {
    const device = await overTcp();
    await until(device, (status) => status.state === 'online');
    const drawer = new CashDrawer(device);
    expect(drawer.state).toBe('closed');
    const changes: DrawerState[] = [];
    drawer.onChange((state) => changes.push(state));
    await drawer.open();
    expect(sim.kicks).toEqual([{ pin: 2, onMs: 100, realtime: false }]);
    expect(drawer.state).toBe('open');
    expect(device.status().detail).toMatch(/drawer open/);
    sim.setDrawer(false);
    await expect.poll(() => drawer.state, { timeout: 5000 }).toBe('closed');
    expect(changes).toEqual(['open', 'closed']);
  });

  it('reads the drawer-sense polarity as configured', async () => {
    sim = new EscPosPrinterSimulator({ drawerOpenLevel: 'low' });
    const device = await overTcp({ drawer: { openWhen: 'low' } });
    await until(device, (status) => status.state === 'online');
    expect(new CashDrawer(device).state).toBe('closed');
    sim.setDrawer(true);
    await expect.poll(() => device.printerStatus()?.drawer, { timeout: 5000 }).toBe('open');
  });

  it('opens the drawer with the real-time pulse while the printer is out of paper', async () => {
    const device = await overTcp({ drawer: { pin: 5, pulseOnMs: 200 } });
    sim.setPaper('out');
    await until(device, (status) => status.state === 'error');
    await new CashDrawer(device).open();
    expect(sim.kicks).toEqual([{ pin: 5, onMs: 200, realtime: true }]);
    expect(sim.drawerOpen).toBe(true);
  });

  it('reports paper near its end but keeps printing', async () => {
    const device = await overSerial();
    sim.setPaper('near-end');
    await until(device, (status) => /paper low/.test(status.detail));
    expect(device.status().state).toBe('online');
    await device.print({ blocks: [{ type: 'line', text: 'still printing' }, { type: 'cut', partial: true }] });
    expect(sim.receipts.map(({ text, cut }) => ({ text, cut }))).toEqual([{ text: 'still printing', cut: 'partial' }]);
    await device.print({ blocks: [{ type: 'line', text: 'not cut yet' }] });
    expect(sim.tape).toBe('still printing\n-- -- partial cut -- --\nnot cut yet');
  });

  it('ignores noise on the line between status replies', async () => {
    const device = await overSerial();
    await until(device, (status) => status.state === 'online');
    sim.noise([0x00, 0xff, 0x81, 0x41]);
    await device.print({ blocks: [{ type: 'line', text: 'after the noise' }, { type: 'cut' }] });
    expect(sim.receipts.at(-1)?.text).toBe('after the noise');
    expect(device.status().state).toBe('online');
  });

  it('refuses a bad receipt naming the field, sending nothing', async () => {
    const device = await overTcp();
    await until(device, (status) => status.state === 'online');
    await expect(device.print({ blocks: [{ type: 'barcode', symbology: 'ean13', data: '12AB' }] })).rejects.toMatchObject({
      code: 'INVALID_RECEIPT',
      message: 'Receipt printer: receipt blocks.0.data: EAN-13 takes 12 or 13 digits',
    });
    await expect(device.print({ blocks: [{ type: 'line', text: 'two\nlines' }] })).rejects.toThrow(/blocks\.0\.text: no control characters/);
    expect(sim.printBytes).toBe(0);
  });

  it('reports a printer that stops answering status requests offline, and online when it answers again', async () => {
    const device = await overTcp();
    await until(device, (status) => status.state === 'online');
    const silent = until(device, (status) => status.state === 'offline');
    sim.mute = true;
    await silent;
    expect(device.status().detail).toMatch(/does not answer status requests/);
    await expect(device.print(receipt)).rejects.toMatchObject({ code: 'OFFLINE' });
    sim.mute = false;
    await until(device, (status) => status.state === 'online');
  });

  it('reconnects to a network printer that was switched off and on again', async () => {
    const device = await overTcp();
    await until(device, (status) => status.state === 'online');
    const port = Number(device.address.split(':')[1]);
    const lost = until(device, (status) => status.state === 'offline');
    await sim.stopListening();
    await lost;
    expect(device.status().detail).toMatch(/127\.0\.0\.1:\d+/);
    await sim.listen(port);
    await until(device, (status) => status.state === 'online');
    await device.print({ blocks: [{ type: 'line', text: 'back again' }, { type: 'cut' }] });
    expect(sim.receipts.at(-1)?.text).toBe('back again');
  });

  it('reconnects to a serial printer after its cable was pulled and plugged back', async () => {
    const device = await overSerial();
    await until(device, (status) => status.state === 'online');
    const lost = until(device, (status) => status.state === 'offline');
    await sim.closeSerial();
    await pair?.kill();
    await lost;
    await pair?.restart();
    if (pair) await sim.openSerial(pair.simPath);
    await until(device, (status) => status.state === 'online');
    await device.print({ blocks: [{ type: 'line', text: 'replugged' }, { type: 'cut' }] });
    expect(sim.receipts.at(-1)?.text).toBe('replugged');
  });

  it('fails a print when the cable is pulled, without reporting it printed', async () => {
    const device = await overSerial();
    await until(device, (status) => status.state === 'online');
    await sim.closeSerial();
    await pair?.kill();
    await expect(device.print(receipt)).rejects.toMatchObject({ code: 'OFFLINE', message: expect.stringMatching(/^Receipt printer: /) });
    expect(sim.receipts).toEqual([]);
    await until(device, (status) => status.state === 'offline');
    expect(device.status().detail).toContain(pair?.posPath);
  });

  it('refuses to print or kick while not enabled, and refuses bad options by name', async () => {
    printer = new ReceiptPrinter({ name: 'Idle printer', transport: { type: 'tcp', host: '127.0.0.1' } });
    await expect(printer.print(receipt)).rejects.toMatchObject({ code: 'NOT_ENABLED' });
    await expect(printer.kickDrawer()).rejects.toMatchObject({ code: 'NOT_ENABLED' });
    expect(() => new ReceiptPrinter({ name: 'x', transport: { type: 'tcp', host: 'h' }, codepage: 'cp9999' })).toThrow(/codepage: unknown code page/);
    expect(() => new ReceiptPrinter({ name: 'x', transport: { type: 'serial', path: '' } })).toThrow(/transport\.path/);
  });
});
