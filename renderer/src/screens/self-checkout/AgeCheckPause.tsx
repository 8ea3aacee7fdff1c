import { useId, useState, type ReactNode } from 'react';
import type { BasketView } from '../../../../common/basket.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { DateOfBirthEntry, dateOfBirthFromDigits } from '../../components/DateOfBirthEntry.tsx';
import { Icon } from '../../components/illustrations.tsx';
import { Modal } from '../../components/Modal.tsx';
import '../../styles/age-check.css';

/**
 * The lane is paused on an age-restricted item until an attendant approves it: from the
 * attendant station, or here at the lane (date of birth, then the attendant's PIN or badge in
 * the approval that follows; main checks the attendant may approve age checks).
 */
export function AgeCheckPause({ basket }: { readonly basket: BasketView }): ReactNode {
  const { t } = useTranslator();
  const titleId = useId();
  const [pending, run] = usePendingCommand();
  const [attendantHere, setAttendantHere] = useState(false);
  const [digits, setDigits] = useState('');
  const restricted = basket.lines.filter((line) => line.minimumAge !== null);
  const age = Math.max(...restricted.map((line) => line.minimumAge ?? 0));
  const dateOfBirth = dateOfBirthFromDigits(digits);
  return (
    <Modal labelledBy={titleId} className="bagging-alert age-pause" testId="age-check-pause">
      <div className="bagging-alert-icon age-pause-icon" aria-hidden="true">
        <Icon name="alert" />
      </div>
      <h2 id={titleId} className="bagging-alert-title" data-testid="age-check-title">
        {t('ageCheck.title')}
      </h2>
      {!attendantHere ? (
        <>
          <p className="bagging-alert-body">{t('ageCheck.body', { age })}</p>
          <ul className="age-pause-items" aria-label={t('ageCheck.items')}>
            {restricted.map((line) => (
              <li key={line.lineId}>
                {line.name} <span className="badge badge-age">{line.minimumAge}+</span>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-secondary btn-lg bagging-alert-allow" data-testid="age-attendant-here" onClick={() => setAttendantHere(true)}>
            {t('ageCheck.attendant')}
          </button>
        </>
      ) : (
        <form
          className="age-pause-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (dateOfBirth && !pending) void run('age.verify', { dateOfBirth });
          }}
        >
          <DateOfBirthEntry digits={digits} onChange={setDigits} testId="age-dob-input" />
          <div className="age-pause-actions">
            <button type="button" className="btn btn-secondary btn-lg" onClick={() => setAttendantHere(false)}>
              {t('ageCheck.back')}
            </button>
            <button type="submit" className="btn btn-primary btn-lg" disabled={!dateOfBirth || pending} data-testid="age-approve-here">
              {t('ageCheck.approve')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
