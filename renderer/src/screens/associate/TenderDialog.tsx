import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { BasketView } from '../../../../common/basket.ts';
import { minorDigits } from '../../../../common/money.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';
import { Modal } from '../../components/Modal.tsx';
import { money } from '../../format.ts';
import { quickCashAmounts } from './quick-cash.ts';
import '../../styles/tenders.css';

const MAX_DIGITS = 9;

/**
 * Taking payment at the attended lane. The amount is keyed in minor units (typing 2000 is 20.00,
 * as on a cash register); Enter or F1 takes it as cash, F2 charges it to a card, F3 redeems a
 * gift card for it. Less than is due leaves the rest for the next tender (split tender); more
 * cash than is due gives change, shown big on the receipt screen.
 */
export function TenderDialog({ basket, onClose }: { readonly basket: BasketView; readonly onClose: () => void }): ReactNode {
  const { t, locale } = useTranslator();
  const titleId = useId();
  const [digits, setDigits] = useState('');
  const [giftCode, setGiftCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, run] = usePendingCommand({ quiet: true });
  const amount = digits === '' ? null : Number(digits);
  const body = useRef<HTMLDivElement>(null);
  // The keyed amount goes to the dialog, not to a button that happens to have focus.
  useEffect(() => body.current?.focus(), []);
  const show = (value: number): string => money(value, basket.currency, locale);
  const scale = 10 ** minorDigits(basket.currency);

  const finish = (result: { ok: boolean; error?: { code: string; message: string } }, closes: boolean): void => {
    if (!result.ok) {
      setError(result.error?.message ?? '');
      return;
    }
    setError(null);
    setDigits('');
    if (closes) onClose();
  };

  const cash = async (tendered: number): Promise<void> => {
    if (pending) return;
    const result = await run('tender.cash', { tendered });
    // The dialog stays for the rest of a split payment; a settled sale moves to the receipt.
    finish(result, result.ok && result.value.phase === 'receipt');
  };
  const card = async (): Promise<void> => {
    if (pending) return;
    const part = amount !== null && amount < basket.due ? { amount } : {};
    finish(await run('payment.start', { method: 'card', ...part }), true);
  };
  const gift = async (code: string): Promise<void> => {
    if (pending || code.trim() === '') return;
    const part = amount !== null && amount < basket.due ? { amount } : {};
    const result = await run('tender.giftCard', { code: code.trim(), ...part });
    if (result.ok) setGiftCode(null);
    finish(result, result.ok && result.value.phase === 'receipt');
  };

  const onKeyDown = (event: React.KeyboardEvent): void => {
    if (giftCode !== null || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    // Enter on a focused button presses that button.
    if (event.key === 'Enter' && event.target instanceof HTMLButtonElement) return;
    if (/^[0-9]$/.test(event.key)) {
      event.preventDefault();
      setDigits((current) => (current.length < MAX_DIGITS ? (current + event.key).replace(/^0+/, '') : current));
    } else if (event.key === 'Backspace') {
      event.preventDefault();
      setDigits((current) => current.slice(0, -1));
    } else if (event.key === 'Enter' || event.key === 'F1') {
      event.preventDefault();
      void cash(amount ?? basket.cash.due);
    } else if (event.key === 'F2') {
      event.preventDefault();
      void card();
    } else if (event.key === 'F3') {
      event.preventDefault();
      setGiftCode('');
    }
  };

  return (
    <Modal labelledBy={titleId} onDismiss={pending ? undefined : onClose} className="tender" testId="tender-dialog">
      <div className="tender-body" onKeyDown={onKeyDown} tabIndex={-1} ref={body} data-testid="tender-keys">
        <div className="tender-head">
          <h2 id={titleId}>{t('tender.title')}</h2>
          <button type="button" className="btn btn-icon btn-ghost" onClick={onClose} aria-label={t('tender.close')} disabled={pending}>
            <Icon name="close" />
          </button>
        </div>
        <dl className="tender-due">
          <div>
            <dt>{basket.paid > 0 ? t('tender.rest') : t('tender.total')}</dt>
            <dd data-testid="tender-due">{show(basket.due)}</dd>
          </div>
          {basket.cash.rounding !== 0 && (
            <div className="tender-cash-due">
              <dt>{t('tender.cashDue')}</dt>
              <dd>{show(basket.cash.due)}</dd>
            </div>
          )}
        </dl>
        {basket.tenders.length > 0 && (
          <ul className="tender-taken" aria-label={t('tender.taken')}>
            {basket.tenders.map((tender) => (
              <li key={tender.tenderId}>
                <span>{tender.method === 'card' ? t('receipt.card', { brand: tender.brand, last4: tender.last4 }) : tender.method === 'cash' ? t('receipt.cash') : t('tender.giftCardLast4', { last4: tender.last4 })}</span>
                <span>{show(tender.amount)}</span>
              </li>
            ))}
          </ul>
        )}

        <output className="tender-amount" data-testid="tender-amount" aria-live="polite">
          {amount === null ? <span className="tender-amount-hint">{t('tender.keyAmount')}</span> : show(amount)}
        </output>
        <div className="tender-quick" role="group" aria-label={t('tender.quick')}>
          {quickCashAmounts(basket.cash.due, scale).map((value) => (
            <button key={value} type="button" className="btn tender-quick-btn" disabled={pending} onClick={() => void cash(value)} data-testid={`quick-cash-${value}`}>
              {value === basket.cash.due ? t('tender.exact', { amount: show(value) }) : show(value)}
            </button>
          ))}
        </div>

        {giftCode !== null ? (
          <form
            className="tender-gift"
            onSubmit={(event) => {
              event.preventDefault();
              void gift(giftCode);
            }}
          >
            <label htmlFor={`${titleId}-gift`}>{t('tender.giftCode')}</label>
            <input id={`${titleId}-gift`} value={giftCode} onChange={(event) => setGiftCode(event.target.value)} autoFocus autoComplete="off" data-testid="gift-code" />
            <button type="submit" className="btn btn-primary" disabled={pending || giftCode.trim() === ''}>
              {t('tender.redeem')}
            </button>
            <button type="button" className="btn" onClick={() => setGiftCode(null)}>
              {t('tender.back')}
            </button>
          </form>
        ) : (
          <div className="tender-methods">
            <button type="button" className="btn btn-primary as-key" disabled={pending} onClick={() => void cash(amount ?? basket.cash.due)} data-testid="tender-cash">
              <span>{amount === null ? t('tender.cashExact') : t('tender.cash')}</span>
              <kbd>Enter</kbd>
            </button>
            <button type="button" className="btn btn-secondary as-key" disabled={pending} onClick={() => void card()} data-testid="tender-card">
              <span>{amount !== null && amount < basket.due ? t('tender.cardPart', { amount: show(amount) }) : t('tender.card')}</span>
              <kbd>F2</kbd>
            </button>
            <button type="button" className="btn btn-secondary as-key" disabled={pending} onClick={() => setGiftCode('')} data-testid="tender-gift">
              <span>{t('tender.giftCard')}</span>
              <kbd>F3</kbd>
            </button>
          </div>
        )}
        {error && (
          <p className="tender-error" role="alert" data-testid="tender-error">
            {error}
          </p>
        )}
      </div>
    </Modal>
  );
}
