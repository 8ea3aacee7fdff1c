import type { PaymentResult, TransactionStatus } from '../payment/payment-terminal.ts';
import { ECR_REF } from '../payment/stx-etx/messages.ts';
import { StxEtxPaymentTerminal } from '../payment/stx-etx/stx-etx-payment-terminal.ts';
import { aborted, defineProbe, messageOf, ProbeUsageError, serialLine, serialLineFlags, serialOrTcpPort, type ProbeLine } from './probe-kit.ts';

// The payment terminal probe never starts a transaction: it connects (the driver's hello),
// asks the terminal what it knows of one reference (S00, which never charges) each time the link
// comes up, and reports link changes until stopped. A sale is the lane's job, not a technician's.

/** What a payment result may show: the driver already keeps card data inside it. */
function resultLine(result: PaymentResult): Readonly<Record<string, unknown>> {
  return { ...result };
}

function statusLine(reference: string, status: TransactionStatus): ProbeLine {
  return status.state === 'done'
    ? { event: 'terminal-status', reference, state: status.state, result: resultLine(status.result) }
    : { event: 'terminal-status', reference, state: status.state };
}

const STATUS_ATTEMPTS = 3;

export const stxEtxProbe = defineProbe<PaymentResult>({
  kind: 'payment',
  protocol: 'stx-etx',
  flags: {
    ...serialLineFlags,
    reference: 'the lane\'s reference of a transaction to ask the terminal about (default: a fresh PROBE-… reference, which it does not know)',
  },
  create(port, flags) {
    const where = serialOrTcpPort(port, flags);
    if (flags.reference !== undefined && !ECR_REF.test(flags.reference)) {
      throw new ProbeUsageError(`--reference must be 1–40 letters, digits, _ or -, got "${flags.reference}"`);
    }
    const reference = flags.reference ?? `PROBE-${Date.now().toString(36).toUpperCase()}`;
    const terminal = new StxEtxPaymentTerminal({
      name: 'probe',
      connection: 'tcp' in where ? { kind: 'tcp', ...where.tcp } : { kind: 'serial', path: where.path, ...serialLine(flags) },
    });
    return {
      device: terminal,
      async drive(print, signal) {
        const ask = async (): Promise<void> => {
          // The driver may still hold word of the link that went down before this one came up,
          // and take it for the answer (transactionStatus outside a transaction does not clear
          // it): asking again while the link is up gets the terminal's real reply.
          for (let attempt = 1; ; attempt += 1) {
            try {
              const status = await terminal.transactionStatus(reference);
              if (!signal.aborted) print(statusLine(reference, status));
              return;
            } catch (error) {
              if (signal.aborted) return;
              if (attempt >= STATUS_ATTEMPTS || terminal.status().state !== 'online') {
                print({ event: 'error', message: messageOf(error) });
                return;
              }
            }
          }
        };
        // An ask still waiting when the probe stops ends with the link, printing nothing.
        const onStatus = (status: { state: string }): void => {
          if (status.state === 'online') void ask();
        };
        terminal.on('status', onStatus);
        await aborted(signal);
        terminal.off('status', onStatus);
      },
    };
  },
  // The probe starts no transaction, so a result would be the lane's, seen on a shared link.
  report: (result) => ({ event: 'payment', ...resultLine(result) }),
});
