import type { PaymentStatus } from '../../../../common/api/contract.ts';
import { useTerminalState, useTranslator } from '../../api/hooks.ts';
import { languageOf } from '../../i18n/languages.ts';

/**
 * What the payment screen says under the amount. The lane and its card reader word their prompts
 * in the store's language; a shopper who picked another language reads the screen's own
 * translation of what the payment is doing instead.
 */
export function usePaymentMessage(payment: PaymentStatus): string {
  const { t, locale } = useTranslator();
  const storeLocale = useTerminalState()?.locale ?? locale;
  const own = languageOf(locale) !== languageOf(storeLocale);
  switch (payment.state) {
    case 'declined':
      return own || !payment.message ? t('error.PAYMENT_DECLINED') : payment.message;
    case 'failed':
      return own || !payment.message ? t('paying.failed') : payment.message;
    case 'idle':
    case 'waiting':
      return own || !payment.message ? t('paying.waiting') : payment.message;
    default: {
      const unknown: never = payment.state;
      throw new Error(`unknown payment state ${String(unknown)}`);
    }
  }
}
