import type { PaymentResult } from '../payment-terminal.ts';
import type { TerminalResult } from './messages.ts';

/** Issuer reason codes a shopper can act on (ISO 8583 response codes). */
const issuerReasons: Record<string, string> = {
  '05': 'Do not honour',
  '14': 'Invalid card number',
  '41': 'Card reported lost',
  '43': 'Card reported stolen',
  '51': 'Insufficient funds',
  '54': 'Card expired',
  '55': 'Incorrect PIN',
  '57': 'Transaction not permitted for this card',
  '61': 'Withdrawal limit exceeded',
  '65': 'Activity limit exceeded',
  '75': 'Too many PIN attempts',
  '91': 'Card issuer unavailable',
};

/** The lane's view of a terminal result: only brand, last four, auth code and terminal reference. */
export function toPaymentResult(result: TerminalResult): PaymentResult {
  switch (result.code) {
    case 'approved':
      return {
        status: 'approved',
        amount: result.approvedAmount ?? 0,
        brand: result.brand,
        // A tender needs four digits; a terminal that masks everything leaves us none to show.
        last4: result.last4 || '0000',
        authCode: result.authCode,
        reference: result.terminalRef,
      };
    case 'declined': {
      const known = issuerReasons[result.hostCode];
      const text = known ?? (result.message || 'Declined');
      return { status: 'declined', reason: result.hostCode ? `${text} (${result.hostCode})` : text, ...(result.hostCode ? { code: result.hostCode } : {}) };
    }
    case 'customer-timeout':
      return { status: 'failed', reason: 'No card was presented in time; the card was not charged.', cause: 'customer-timeout' };
    case 'aborted':
      return { status: 'aborted' };
    case 'busy':
      return { status: 'failed', reason: 'The card reader is busy with another transaction.', cause: 'busy' };
    case 'not-understood':
      return { status: 'failed', reason: `The card reader did not accept the request (${result.rawCode}).`, cause: 'refused' };
    case 'error':
      return { status: 'failed', reason: `The card reader reported an error (${result.rawCode}${result.message ? `: ${result.message}` : ''}).`, cause: 'refused' };
    default: {
      const unreachable: never = result.code;
      throw new Error(`unknown result code ${String(unreachable)}`);
    }
  }
}
