import type { ReceiptDocument } from '../../common/receipt.ts';
import { ReceiptPrinter, type PrinterStatus } from '../printer/receipt-printer.ts';
import { aborted, defineProbe, messageOf, online, oneOf, serialLine, serialLineFlags, serialOrTcpPort, wholeNumber } from './probe-kit.ts';

// The receipt printer probe: the printer's real-time status (DLE EOT), polled as the lane polls
// it, printed on every change. Paper is used only with --test-print, once, when the printer is ready.

function testReceipt(address: string): ReceiptDocument {
  return {
    blocks: [
      { type: 'line', text: 'Printer test', align: 'center', bold: true, size: 'wide' },
      { type: 'rule' },
      { type: 'pair', left: 'Printed at', right: new Date().toISOString().slice(0, 19).replace('T', ' ') },
      { type: 'pair', left: 'Connected to', right: address.slice(0, 40) },
      { type: 'line', text: 'ÄÖÜ äöü ß € – code page check' },
      { type: 'rule', style: 'double' },
      { type: 'line', text: 'npm run devices -- probe', align: 'center' },
      { type: 'feed', lines: 2 },
      { type: 'cut' },
    ],
  };
}

export const escposProbe = defineProbe<PrinterStatus>({
  kind: 'printer',
  protocol: 'escpos',
  flags: {
    ...serialLineFlags,
    'poll-ms': 'milliseconds between polls (default: 200 for a scale\'s weight, 1000 for a printer\'s status)',
    'drawer-open-when': 'the drawer-sense level meaning open: high (default) or low',
  },
  switches: { 'test-print': 'prints a short test receipt once, when the printer is ready (uses paper); without it nothing is printed' },
  create(port, flags) {
    const where = serialOrTcpPort(port, flags, 9100);
    const openWhen = flags['drawer-open-when'] === undefined ? undefined : oneOf('drawer-open-when', flags['drawer-open-when'], ['high', 'low'] as const);
    const printer = new ReceiptPrinter({
      name: 'probe',
      transport: 'tcp' in where ? { type: 'tcp', ...where.tcp } : { type: 'serial', path: where.path, ...serialLine(flags) },
      statusPollMs: wholeNumber(flags, 'poll-ms', 50, 60_000),
      drawer: { openWhen },
    });
    return {
      device: printer,
      async drive(print, signal) {
        if (flags['test-print'] === 'yes' && (await online(printer, signal))) {
          try {
            await printer.print(testReceipt(printer.address));
            print({ event: 'test-print', printed: true });
          } catch (error) {
            print({ event: 'test-print', printed: false, message: messageOf(error) });
          }
        }
        await aborted(signal);
      },
    };
  },
  report: (status) => ({ event: 'printer', online: status.online, paper: status.paper, coverOpen: status.coverOpen, drawer: status.drawer, error: status.error }),
});
