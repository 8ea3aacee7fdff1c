import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceiptView } from '../../../common/basket.ts';
import { ReceiptPrinter } from '../../../drivers/printer/receipt-printer.ts';
import { SimulatedPaymentTerminal } from '../../../drivers/payment/simulated-payment-terminal.ts';
import { EscPosPrinterSimulator } from '../../../drivers/sim/escpos-printer-sim.ts';
import type { Ledger } from '../../../main/ledger/ledger.ts';
import { renderReceiptText } from '../../../main/checkout/receipt-text.ts';
import { lanePaymentTerminal, type Lane } from '../../../main/terminal/lane.ts';
import { receiptDocument, ReceiptPrinting } from '../../../main/terminal/receipt-printing.ts';
import { nextEvent } from '../../support/events.ts';
import type { DeviceEvents } from '../../../drivers/device.ts';
import type { PrinterStatus } from '../../../drivers/printer/receipt-printer.ts';
import { useTempDir } from '../../unit/ledger/temp-dir.ts';
import { demoLane, nextRequest } from './demo-lane.ts';

const COLA = '036000291452';
const SOURDOUGH = '4006381333931';
const fast = { statusPollMs: 150, statusTimeoutMs: 1000, presenceCheckMs: 50, reconnect: { initialMs: 50, maxMs: 200 } } as const;

const dir = useTempDir();
let sim: EscPosPrinterSimulator;
let printer: ReceiptPrinter;
let payment: SimulatedPaymentTerminal;
let printing: ReceiptPrinting;
let lane: Lane;
let ledger: Ledger;

beforeEach(async () => {
  sim = new EscPosPrinterSimulator();
  const port = await sim.listen();
  printer = new ReceiptPrinter({ name: 'Receipt printer', transport: { type: 'tcp', host: '127.0.0.1', port }, ...fast });
  const online = nextEvent<DeviceEvents<PrinterStatus>, 'status'>(printer, 'status', (status) => status.state === 'online');
  await printer.open();
  await printer.claim();
  await printer.enable();
  await online;
  payment = new SimulatedPaymentTerminal({ name: 'Card terminal', delayMs: 0 });
  await payment.open();
  await payment.claim();
  await payment.enable();
  printing = new ReceiptPrinting(printer, { text: { timeZone: 'America/New_York' }, log: pino({ level: 'silent' }), changed: () => lane.refresh() });
  ({ lane, ledger } = demoLane(dir(), 'self-checkout', {
    payment: lanePaymentTerminal(payment),
    saleCompleted: (receipt) => printing.saleCompleted(receipt),
    annotate: (state) => ({ receiptPrint: printing.status(state.receipt) }),
  }));
});

afterEach(async () => {
  await printing.settled();
  await printer.close();
  await payment.close();
  await sim.close();
  ledger.close();
});

async function sell(...codes: string[]): Promise<ReceiptView> {
  for (const code of codes) lane.scan(code, 'scanner', nextRequest());
  lane.startPayment(nextRequest());
  await lane.settled();
  const receipt = lane.state().receipt;
  if (!receipt) throw new Error('the sale did not complete');
  return receipt;
}

describe('a completed sale is printed on the lane’s receipt printer', () => {
  it('prints the receipt text laid out by the receipt renderer, with the receipt barcode, and says so', async () => {
    const printed = sim.nextReceipt(10_000);
    const receipt = await sell(SOURDOUGH, COLA);
    expect(lane.state().receiptPrint).toEqual({ state: 'printing', problem: null });
    const paper = await printed;
    await printing.settled();
    expect(lane.state().receiptPrint).toEqual({ state: 'printed', problem: null });
    const expected = renderReceiptText(receipt, { width: 42, timeZone: 'America/New_York' }).trimEnd().split('\n');
    const barcode = expected.pop() ?? '';
    expect(paper.text).toBe([...expected, `[CODE128 ${barcode.trim()}]`].join('\n'));
    expect(paper.text).toContain('Cola 12-pack');
    expect(paper.text).toMatch(/TOTAL\s+14\.31/);
    expect(paper.lines.find((line) => line.text.startsWith('TOTAL'))?.bold).toBe(true);
    expect(paper.cut).toBe('full');
  });

  it('keeps the sale and shows the receipt on screen when the printer is out of paper', async () => {
    sim.setPaper('out');
    await nextEvent<DeviceEvents<PrinterStatus>, 'data'>(printer, 'data', (status) => status.paper === 'out');
    const receipt = await sell(COLA);
    await printing.settled();
    const state = lane.state();
    expect(state.phase).toBe('receipt');
    expect(state.receiptPrint).toEqual({ state: 'failed', problem: 'paperOut' });
    expect(ledger.sales.findByReceiptNumber(receipt.receiptNumber)?.saleId).toBe(receipt.saleId);
    expect(sim.receipts).toHaveLength(0);
  });

  it('prints a sale once however often it is shown, and the next sale on its own', async () => {
    const receipt = await sell(COLA);
    printing.saleCompleted(receipt);
    await printing.settled();
    lane.finishSale(nextRequest());
    await sell(SOURDOUGH);
    await printing.settled();
    expect(sim.receipts).toHaveLength(2);
    expect(receiptDocument(receipt).blocks.at(-1)).toEqual({ type: 'cut', partial: false });
  });
});
