import { useId, useState, type ReactNode } from 'react';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { DateOfBirthEntry, dateOfBirthFromDigits } from '../../components/DateOfBirthEntry.tsx';
import { Modal } from '../../components/Modal.tsx';
import '../../styles/age-check.css';

/**
 * The cashier checks the customer's ID for the age-restricted items in the basket: the date of
 * birth keyed off the ID goes to main, which works out the age, refuses an under-age buyer and
 * keeps only the age (never the date). Until then the sale cannot be paid.
 */
export function AgeCheckDialog({ onClose }: { readonly onClose: () => void }): ReactNode {
  const { t } = useTranslator();
  const titleId = useId();
  const [pending, run] = usePendingCommand({ quiet: true });
  const [digits, setDigits] = useState('');
  const [error, setError] = useState<string | null>(null);
  const dateOfBirth = dateOfBirthFromDigits(digits);

  const approve = async (): Promise<void> => {
    if (!dateOfBirth || pending) return;
    const result = await run('age.verify', { dateOfBirth });
    if (result.ok) onClose();
    else setError(t(`error.${result.error.code}`));
  };

  return (
    <Modal labelledBy={titleId} onDismiss={onClose} className="as-age" testId="age-check-dialog">
      <h2 id={titleId} className="as-age-title">
        {t('associate.ageCheckTitle')}
      </h2>
      <p className="as-age-body">{t('associate.ageCheckExplain')}</p>
      <form
        className="age-pause-form"
        onSubmit={(event) => {
          event.preventDefault();
          void approve();
        }}
      >
        <DateOfBirthEntry
          digits={digits}
          onChange={(next) => {
            setDigits(next);
            setError(null);
          }}
          testId="age-dob-input"
        />
        {error && (
          <p className="as-blocked" role="alert" data-testid="age-check-error">
            {error}
          </p>
        )}
        <div className="age-pause-actions">
          <button type="button" className="btn btn-secondary btn-lg" onClick={onClose}>
            {t('ageCheck.back')}
          </button>
          <button type="submit" className="btn btn-primary btn-lg" disabled={!dateOfBirth || pending} data-testid="age-approve">
            {t('ageCheck.approve')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
