import { useId, useRef, useState, type ReactNode } from 'react';
import type { BasketLineView, BasketView } from '../../../../common/basket.ts';
import type { CorrectionKind, CorrectionSettings, LineDiscountInput } from '../../../../common/corrections.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Modal } from '../../components/Modal.tsx';
import { formatKilograms, money } from '../../format.ts';
import { moneyEntryText, parseMoneyEntry, parsePercentEntry } from './correction-entry.ts';
import { reasonLabel } from './reason-label.ts';
import '../../styles/corrections.css';

export const correctionKeys: Readonly<Record<CorrectionKind, string>> = { void: 'F2', override: 'F3', discount: 'F4', exempt: 'F5' };

interface CorrectionDialogProps {
  readonly kind: CorrectionKind;
  readonly basket: BasketView;
  /** The selected line; null for the sale-wide tax exemption. */
  readonly line: BasketLineView | null;
  readonly lineNumber: number;
  readonly settings: CorrectionSettings;
  readonly onClose: () => void;
}

type Failure = { readonly code: string; readonly message: string } | null;

/**
 * One correction with its reason: void the selected line, set its price, discount it, or exempt
 * the sale from tax. Main decides whether the operator may (a cashier beyond the store's limit
 * gets the approval dialog instead, and this one steps aside for it).
 */
export function CorrectionDialog({ kind, basket, line, lineNumber, settings, onClose }: CorrectionDialogProps): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const titleId = useId();
  const currency = basket.currency;
  const reasons = settings.reasons.filter((reason) => reason.appliesTo.includes(kind));
  const [reason, setReason] = useState(reasons[0]?.code ?? '');
  const [text, setText] = useState(kind === 'override' && line ? moneyEntryText(line.unitPrice, currency) : '');
  const [discountKind, setDiscountKind] = useState<LineDiscountInput['kind']>('percent');
  const [failure, setFailure] = useState<Failure>(null);
  const [pending, run] = usePendingCommand({ quiet: true });
  const field = useRef<HTMLInputElement>(null);

  const finish = (result: { ok: true } | { ok: false; error: { code: string; message: string } }): void => {
    // Beyond the cashier's limit: the approval dialog takes it from here, with exactly this input.
    if (result.ok || result.error.code === 'APPROVAL_REQUIRED') onClose();
    else setFailure(result.error);
  };

  const submit = async (): Promise<void> => {
    if (pending) return;
    setFailure(null);
    switch (kind) {
      case 'void':
        if (line) finish(await run('line.void', { lineId: line.lineId, reason }));
        return;
      case 'override': {
        const unitPrice = parseMoneyEntry(text, currency);
        if (unitPrice === null || !line) {
          setFailure({ code: 'local', message: t('corrections.badMoney') });
          field.current?.select();
          return;
        }
        finish(await run('line.overridePrice', { lineId: line.lineId, unitPrice, reason }));
        return;
      }
      case 'discount': {
        const value = discountKind === 'percent' ? parsePercentEntry(text) : parseMoneyEntry(text, currency);
        if (value === null || value <= 0 || !line) {
          setFailure({ code: 'local', message: t(discountKind === 'percent' ? 'corrections.badPercent' : 'corrections.badMoney') });
          field.current?.select();
          return;
        }
        const discount: LineDiscountInput = discountKind === 'percent' ? { kind: 'percent', basisPoints: value } : { kind: 'amount', amount: value };
        finish(await run('line.discount', { lineId: line.lineId, discount, reason }));
        return;
      }
      case 'exempt':
        if (text.trim() === '') {
          setFailure({ code: 'local', message: t('corrections.badCertificate') });
          return;
        }
        finish(await run('basket.taxExempt', { certificate: text.trim(), reason }));
        return;
      default: {
        const unknown: never = kind;
        throw new Error(`unknown correction ${String(unknown)}`);
      }
    }
  };

  const amount = (value: number): string => money(value, currency, locale);
  const quantity = line && (line.soldBy === 'weight' ? `${formatKilograms(line.quantity, locale)} kg` : `${line.quantity} ×`);
  const failureText = failure && (failure.code === 'local' || failure.code === 'INVALID_INPUT' ? failure.message : t(`error.${failure.code}` as Parameters<typeof t>[0]));

  return (
    <Modal labelledBy={titleId} onDismiss={onClose} className={`corr corr-${kind}`} testId="correction-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        onKeyDown={(event) => {
          // Number keys pick a reason, unless the cashier is typing in a field.
          if (event.target instanceof HTMLInputElement && event.target.type === 'text') return;
          const picked = /^[1-9]$/.test(event.key) ? reasons[Number(event.key) - 1] : undefined;
          if (picked) {
            event.preventDefault();
            setReason(picked.code);
            event.currentTarget.querySelector<HTMLInputElement>(`input[name="correction-reason"][value="${picked.code}"]`)?.focus();
          }
        }}
      >
        <div className="corr-head">
          <h2 id={titleId}>{t(`corrections.title.${kind}`)}</h2>
          <kbd>{correctionKeys[kind]}</kbd>
        </div>

        {line ? (
          <div className="corr-line" data-testid="correction-line">
            <div>
              <p className="corr-name">{line.name}</p>
              <p className="corr-meta">
                {t('corrections.lineMeta', { index: lineNumber, code: line.code })} · {quantity} {amount(line.unitPrice)}
                {line.soldBy === 'weight' ? '/kg' : ''}
              </p>
            </div>
            <div className="corr-amount">
              <span>{t('corrections.amount')}</span>
              <strong>{amount(line.extendedPrice - line.discountTotal)}</strong>
            </div>
          </div>
        ) : (
          <div className="corr-line">
            <p className="corr-meta">{t('corrections.exemptMeta', { tax: amount(basket.taxTotal) })}</p>
          </div>
        )}

        {kind === 'override' && (
          <label className="corr-field">
            <span>{line?.soldBy === 'weight' ? t('corrections.newPricePerKg') : t('corrections.newPrice')}</span>
            <input ref={field} type="text" inputMode="decimal" className="corr-input" value={text} onChange={(event) => setText(event.target.value)} autoFocus onFocus={(event) => event.target.select()} data-testid="correction-price" />
          </label>
        )}
        {kind === 'discount' && (
          <div className="corr-field">
            <div className="corr-toggle" role="radiogroup" aria-label={t('corrections.discount')}>
              {(['percent', 'amount'] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  role="radio"
                  aria-checked={discountKind === option}
                  className={discountKind === option ? 'corr-toggle-on' : undefined}
                  onClick={() => {
                    setDiscountKind(option);
                    field.current?.focus();
                  }}
                >
                  {option === 'percent' ? t('corrections.percent') : t('corrections.amountOff')}
                </button>
              ))}
            </div>
            <div className="corr-input-wrap">
              <input ref={field} type="text" inputMode="decimal" className="corr-input" value={text} onChange={(event) => setText(event.target.value)} autoFocus aria-label={t('corrections.discount')} data-testid="correction-discount" />
              <span className="corr-unit">{discountKind === 'percent' ? '%' : currency}</span>
            </div>
          </div>
        )}
        {kind === 'exempt' && (
          <label className="corr-field">
            <span>{t('corrections.certificate')}</span>
            <input ref={field} type="text" className="corr-input" value={text} onChange={(event) => setText(event.target.value.toUpperCase())} autoFocus maxLength={64} placeholder={t('corrections.certificatePlaceholder')} data-testid="correction-certificate" />
          </label>
        )}

        <fieldset className="corr-reasons">
          <legend>
            {t('corrections.reason')}
            {kind === 'void' && <span className="corr-hint">{t('corrections.reasonHint')}</span>}
          </legend>
          {reasons.map((option, index) => (
            <label key={option.code} className={`corr-reason${reason === option.code ? ' corr-reason-on' : ''}`}>
              <input type="radio" name="correction-reason" value={option.code} checked={reason === option.code} onChange={() => setReason(option.code)} autoFocus={kind === 'void' && index === 0} />
              <kbd>{index + 1}</kbd>
              {reasonLabel(translator, option)}
            </label>
          ))}
        </fieldset>

        {kind !== 'void' && <p className="corr-note">{t('corrections.limitNote')}</p>}
        <p className="corr-error" role="alert" data-testid="correction-error">
          {failureText}
        </p>
        <div className="corr-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('corrections.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className={kind === 'void' ? 'btn btn-danger' : 'btn btn-primary'} disabled={pending || reason === ''} data-testid="correction-confirm">
            {t(`corrections.confirm.${kind}`)} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
