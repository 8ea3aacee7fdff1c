import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CommandName } from '../../../common/api/names.ts';
import type { ReturnableSale, ReturnView } from '../../../common/returns.ts';
import { EscPosPrinterSimulator } from '../../../drivers/sim/escpos-printer-sim.ts';
import { startTerminal, type RunningTerminal } from '../../../main/terminal/terminal.ts';
import { demoTerminalConfig } from '../../support/terminal-config.ts';
import { useTempDir } from '../../unit/ledger/temp-dir.ts';

const COLA = '036000291452';
const dir = useTempDir();
let sim: EscPosPrinterSimulator;
let terminal: RunningTerminal;
let request = 0;

async function value<T>(command: CommandName, input: Record<string, unknown> = {}): Promise<T> {
  const result = await terminal.api.dispatch(command, { requestId: `req-rp-${String((request += 1)).padStart(6, '0')}`, ...input });
  if (!result.ok) throw new Error(`${command} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

beforeEach(async () => {
  sim = new EscPosPrinterSimulator();
  const port = await sim.listen();
  const config = demoTerminalConfig({ dataDir: dir(), role: 'associate', laneId: 'L01', devices: [{ kind: 'printer', protocol: 'escpos', host: '127.0.0.1', port }] });
  terminal = await startTerminal(config, pino({ level: 'silent' }));
  await value('operator.signIn', { credential: { kind: 'pin', operatorId: '1001', pin: '1234' } });
  await value('shift.open', { float: [{ denomination: 2000, count: 5 }] });
});

afterEach(async () => {
  await terminal.stop();
  await sim.close();
});

it('a cash return opens the drawer and prints the return receipt with its barcode on the lane printer', async () => {
  const saleReceipt = sim.nextReceipt(10_000);
  await value('basket.scan', { code: COLA, source: 'keyed', quantity: 2 });
  await value('tender.cash', { tendered: 5000 });
  const receiptNumber = terminal.lane.state().receipt?.receiptNumber ?? '';
  await saleReceipt;
  // The sale's own kick has opened the drawer; the cashier closes it.
  await expect.poll(() => sim.drawerOpen, { timeout: 10_000 }).toBe(true);
  sim.setDrawer(false);

  const sale = await value<ReturnableSale>('return.lookup', { receiptNumber });
  const drawer = new Promise<string>((resolve) => sim.events.once('drawer', resolve));
  const printed = sim.nextReceipt(10_000);
  const done = await value<ReturnView>('return.byReceipt', { receiptNumber, lines: [{ lineId: sale.lines[0]?.lineId, quantity: 1 }] });
  expect(done.refunds).toEqual([{ method: 'cash', label: 'Cash', amount: done.total }]);
  expect(await drawer).toBe('open');
  const paper = await printed;
  expect(paper.text).toContain('*** RETURN ***');
  expect(paper.text).toContain(`Original receipt ${receiptNumber}`);
  expect(paper.text).toContain(`[CODE128 RCPT-${done.receiptNumber}]`);
});
