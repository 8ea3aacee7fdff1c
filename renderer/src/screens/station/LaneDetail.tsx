import { useId, useState, type ReactNode } from 'react';
import type { BoardIntervention, BoardLane, StoreBoard } from '../../../../common/store.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { DateOfBirthEntry, dateOfBirthFromDigits } from '../../components/DateOfBirthEntry.tsx';
import { Icon } from '../../components/illustrations.tsx';
import { Modal } from '../../components/Modal.tsx';
import { formatKilograms, money } from '../../format.ts';
import { interventionLabel } from './intervention-text.ts';
import { formatWaiting } from './useStoreBoard.ts';

interface LaneDetailProps {
  readonly lane: BoardLane;
  /** An ID card just scanned at this station (its age only). */
  readonly idScan: StoreBoard['idScan'];
  readonly now: number;
  readonly onClose: () => void;
  /** The board the lane answered with after an action, shown at once. */
  readonly onBoard: (board: StoreBoard) => void;
}

/**
 * One lane up close: what waits there, with the action that settles each, and its basket with a
 * void per line. Every action runs on the lane itself, which checks the attendant's permission.
 */
export function LaneDetail({ lane, idScan, now, onClose, onBoard }: LaneDetailProps): ReactNode {
  const { t, locale } = useTranslator();
  const titleId = useId();
  const [pending, run] = usePendingCommand();
  const [digits, setDigits] = useState('');
  const [voiding, setVoiding] = useState<string | null>(null);
  const laneId = lane.laneId;
  const ageCheck = lane.interventions.find((intervention) => intervention.kind === 'ageCheck');
  const dateOfBirth = dateOfBirthFromDigits(digits);
  const reachable = lane.status !== 'offline' && lane.status !== 'connecting';

  const done = (result: { ok: true; value: StoreBoard } | { ok: false }): void => {
    if (result.ok) onBoard(result.value);
  };

  const action = (intervention: BoardIntervention): ReactNode => {
    switch (intervention.kind) {
      case 'ageCheck':
        return null; // the date-of-birth form below settles it
      case 'bagging':
        return (
          <button type="button" className="btn btn-secondary btn-lg" disabled={pending} data-testid="clear-bagging" onClick={() => void run('attendant.clearBagging', { laneId }).then(done)}>
            {t('laneDetail.clearBagging')}
          </button>
        );
      case 'help':
        return (
          <button type="button" className="btn btn-secondary btn-lg" disabled={pending} data-testid="acknowledge-help" onClick={() => void run('attendant.acknowledgeHelp', { laneId }).then(done)}>
            {t('laneDetail.acknowledgeHelp')}
          </button>
        );
      default: {
        const unknown: never = intervention;
        throw new Error(`unknown intervention ${JSON.stringify(unknown)}`);
      }
    }
  };

  return (
    <Modal labelledBy={titleId} onDismiss={onClose} className="lane-detail" testId="lane-detail">
      <div className="lane-detail-head">
        <h2 id={titleId}>{t('laneDetail.title', { lane: laneId })}</h2>
        <span className={`lane-status lane-status-${lane.status}`}>{t(`board.status.${lane.status}`)}</span>
        <button type="button" className="btn btn-icon btn-ghost" onClick={onClose} aria-label={t('laneDetail.close')} data-testid="lane-detail-close">
          <Icon name="close" />
        </button>
      </div>
      {!reachable ? (
        <p className="lane-detail-offline">{t('laneDetail.offline')}</p>
      ) : (
        <div className="lane-detail-body">
          <section className="lane-detail-waiting" aria-label={t('laneDetail.waiting')}>
            {lane.interventions.length === 0 && <p className="lane-detail-nothing">{t('laneDetail.nothing')}</p>}
            <ul className="lane-detail-list">
              {lane.interventions.map((intervention) => (
                <li key={intervention.id} className={`lane-detail-intervention intervention-${intervention.kind}`} data-testid="detail-intervention" data-kind={intervention.kind}>
                  <span className="lane-detail-what">
                    <strong>{interventionLabel(intervention, t)}</strong>
                    {intervention.kind === 'bagging' && intervention.grams > 0 && <span className="lane-detail-grams">{formatKilograms(intervention.grams, locale)}</span>}
                    <span className="lane-detail-wait">{t('board.waited', { time: formatWaiting(now - Date.parse(intervention.since)) })}</span>
                  </span>
                  {action(intervention)}
                </li>
              ))}
            </ul>
            {ageCheck && (
              <form
                className="lane-detail-age"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (dateOfBirth && !pending) {
                    void run('attendant.approveAge', { laneId, dateOfBirth }).then((result) => {
                      done(result);
                      if (result.ok) setDigits('');
                    });
                  }
                }}
              >
                <p className="lane-detail-age-help">{t('laneDetail.ageHelp')}</p>
                {idScan && (
                  <div className={idScan.expired ? 'lane-detail-idscan is-expired' : 'lane-detail-idscan'} data-testid="id-scan">
                    <strong>{idScan.expired ? t('laneDetail.idScannedExpired') : t('laneDetail.idScanned', { age: idScan.age })}</strong>
                    <button
                      type="button"
                      className="btn btn-primary btn-lg"
                      disabled={pending || idScan.expired}
                      data-testid="approve-id-scan"
                      onClick={() => void run('attendant.approveAge', { laneId, idScan: true }).then(done)}
                    >
                      {t('laneDetail.approveIdScan')}
                    </button>
                  </div>
                )}
                <DateOfBirthEntry digits={digits} onChange={setDigits} testId="dob-input" />
                <button type="submit" className="btn btn-primary btn-lg" disabled={!dateOfBirth || pending} data-testid="approve-age">
                  {t('laneDetail.approveAge')}
                </button>
                {!idScan && <p className="lane-detail-scan-hint">{t('laneDetail.orScan')}</p>}
              </form>
            )}
          </section>
          <section className="lane-detail-basket" aria-labelledby={`${titleId}-basket`}>
            <h3 id={`${titleId}-basket`}>
              {t('laneDetail.lines')}
              <span className="lane-detail-total">{lane.currency ? money(lane.total, lane.currency, locale) : ''}</span>
            </h3>
            {lane.lines.length === 0 ? (
              <p className="lane-detail-nothing">{t('laneDetail.noLines')}</p>
            ) : (
              <ul className="lane-detail-lines">
                {lane.lines.map((line) => (
                  <li key={line.lineId} className="lane-detail-line" data-testid="detail-line">
                    <span className="lane-detail-line-name">
                      {line.soldBy === 'weight' ? formatKilograms(line.quantity, locale) : `${line.quantity} ×`} {line.name}
                      {line.minimumAge !== null && <span className="badge badge-age">{line.minimumAge}+</span>}
                    </span>
                    <span className="lane-detail-line-amount">{lane.currency ? money(line.amountPaid, lane.currency, locale) : ''}</span>
                    {voiding === line.lineId ? (
                      <button
                        type="button"
                        className="btn btn-danger"
                        disabled={pending}
                        data-testid="confirm-void"
                        onClick={() => void run('attendant.voidLine', { laneId, lineId: line.lineId }).then((result) => {
                          done(result);
                          setVoiding(null);
                        })}
                      >
                        {t('laneDetail.confirmVoid')}
                      </button>
                    ) : (
                      <button type="button" className="btn btn-secondary btn-danger-text" disabled={pending} data-testid="void-line" onClick={() => setVoiding(line.lineId)}>
                        {t('laneDetail.void')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </Modal>
  );
}
