import { useId, type ReactNode } from 'react';
import type { BaggingView } from '../../../../common/api/contract.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';
import { Modal } from '../../components/Modal.tsx';

/**
 * An open bagging-area intervention, over the basket until it clears: by the weight coming right
 * (main sees it on the scale) or by an attendant accepting what lies there (an approval).
 */
export function BaggingAlert({ bagging }: { readonly bagging: BaggingView }): ReactNode {
  const { t } = useTranslator();
  const titleId = useId();
  const [pending, run] = usePendingCommand();
  const intervention = bagging.interventions[0];
  if (!intervention) return null;
  const { kind } = intervention;
  return (
    <Modal labelledBy={titleId} className="bagging-alert" testId="bagging-alert">
      <div className="bagging-alert-icon" aria-hidden="true">
        <Icon name="alert" />
      </div>
      <h2 id={titleId} className="bagging-alert-title" data-testid="bagging-alert-title" data-kind={kind}>
        {t(`bagging.${kind}.title`)}
      </h2>
      <p className="bagging-alert-body">{t(`bagging.${kind}.body`)}</p>
      <p className="bagging-alert-help">{t('bagging.help')}</p>
      <button
        type="button"
        className="btn btn-secondary btn-lg bagging-alert-allow"
        data-testid="bagging-allow"
        disabled={pending}
        onClick={() => void run('bagging.allow', { what: kind === 'unexpectedItem' ? 'bag' : 'personalItem' })}
      >
        {kind === 'unexpectedItem' ? t('bagging.ownBag') : t('bagging.attendant')}
      </button>
    </Modal>
  );
}
