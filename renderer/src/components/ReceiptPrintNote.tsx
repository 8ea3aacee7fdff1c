import type { ReactNode } from 'react';
import type { ReceiptPrintStatus } from '../../../common/api/contract.ts';
import { useTranslator } from '../api/hooks.ts';
import { Icon } from './illustrations.tsx';

/** Where the shopper's receipt is: printing, printed below, or shown here because the printer failed. */
export function ReceiptPrintNote({ status }: { readonly status: ReceiptPrintStatus | null }): ReactNode {
  const { t } = useTranslator();
  if (!status) return null;
  const text = status.state === 'failed' ? t(`receiptPrint.failed.${status.problem ?? 'error'}`) : t(`receiptPrint.${status.state}`);
  return (
    <p className={`receipt-print receipt-print-${status.state}`} data-testid="receipt-print" data-state={status.state} role="status">
      <Icon name={status.state === 'failed' ? 'alert' : 'info'} />
      {text}
    </p>
  );
}
