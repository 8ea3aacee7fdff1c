import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { laneUrgency, interventionUrgency, type BoardLane } from '../../../../common/store.ts';
import { useTranslator } from '../../api/hooks.ts';
import { formatClockTime, money } from '../../format.ts';
import { interventionLabel } from './intervention-text.ts';
import { LaneDetail } from './LaneDetail.tsx';
import { formatWaiting, useNow, useStoreBoard } from './useStoreBoard.ts';
import '../../styles/board.css';

function LaneTile({ lane, index, now, onOpen }: { readonly lane: BoardLane; readonly index: number; readonly now: number; readonly onOpen: () => void }): ReactNode {
  const { t, locale } = useTranslator();
  const urgency = laneUrgency(lane, now);
  const status = t(`board.status.${lane.status}`);
  const reachable = lane.status !== 'offline' && lane.status !== 'connecting';
  return (
    <li className="board-cell">
      <button
        type="button"
        className={`lane-tile lane-${lane.status} urgency-${urgency}`}
        onClick={onOpen}
        data-testid="lane-tile"
        data-lane={lane.laneId}
        data-status={lane.status}
        data-urgency={urgency}
        aria-label={t('board.openLane', { lane: lane.laneId, status })}
      >
        <span className="lane-tile-head">
          <span className="lane-tile-name">
            {index < 9 && (
              <kbd className="lane-tile-key" aria-hidden="true">
                {index + 1}
              </kbd>
            )}
            {lane.laneId}
          </span>
          <span className={`lane-status lane-status-${lane.status}`} data-testid="lane-status">
            {status}
          </span>
        </span>
        {reachable ? (
          <span className="lane-tile-figures">
            <span className="lane-tile-total" data-testid="lane-total">
              {lane.currency ? money(lane.total, lane.currency, locale) : '—'}
            </span>
            <span className="lane-tile-items">{t('board.items', { count: lane.itemCount })}</span>
          </span>
        ) : (
          <span className="lane-tile-offline">{lane.lastSeen ? t('board.noAnswerSince', { time: formatClockTime(lane.lastSeen, locale) }) : t('board.neverReached')}</span>
        )}
        <span className="lane-tile-interventions">
          {lane.interventions.length === 0 && reachable && <span className="lane-tile-clear">{t('board.allClear')}</span>}
          {lane.interventions.map((intervention) => (
            <span key={intervention.id} className={`intervention intervention-${intervention.kind} urgency-${interventionUrgency(intervention, now)}`} data-testid="lane-intervention" data-kind={intervention.kind}>
              <span className="intervention-label">{interventionLabel(intervention, t)}</span>
              <span className="intervention-wait" aria-label={t('board.waited', { time: formatWaiting(now - Date.parse(intervention.since)) })}>
                {formatWaiting(now - Date.parse(intervention.since))}
              </span>
            </span>
          ))}
        </span>
      </button>
    </li>
  );
}

/** The attendant's live board: one tile per lane of the store, what waits at each and for how long. */
export function AttendantBoard(): ReactNode {
  const { t } = useTranslator();
  const [board, replaceBoard] = useStoreBoard();
  const now = useNow();
  const [openLane, setOpenLane] = useState<string | null>(null);
  const lanes = useMemo(() => board?.lanes ?? [], [board]);
  const waiting = lanes.reduce((count, lane) => count + lane.interventions.length, 0);

  // Keys 1–9 open a lane's panel, for an attendant at a keyboard.
  useEffect(() => {
    if (openLane !== null) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.altKey || event.metaKey || !/^[1-9]$/.test(event.key)) return;
      if (event.target instanceof HTMLInputElement) return;
      const lane = lanes[Number(event.key) - 1];
      if (lane) {
        event.preventDefault();
        setOpenLane(lane.laneId);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lanes, openLane]);

  const selected = lanes.find((lane) => lane.laneId === openLane) ?? null;
  return (
    <section className="board" aria-labelledby="board-title" data-testid="attendant-board">
      <header className="board-head">
        <h1 id="board-title">{t('board.title')}</h1>
        <span className="board-count">{t('board.count', { lanes: lanes.length })}</span>
        <span className={waiting > 0 ? 'board-waiting is-waiting' : 'board-waiting'} data-testid="board-waiting" role="status">
          {t('board.waitingCount', { count: waiting })}
        </span>
        {lanes.length > 0 && <span className="board-keys">{t('board.keysHint')}</span>}
      </header>
      {board && lanes.length === 0 ? (
        <p className="board-empty">{t('board.empty')}</p>
      ) : (
        <ul className="board-grid">
          {lanes.map((lane, index) => (
            <LaneTile key={lane.laneId} lane={lane} index={index} now={now} onOpen={() => setOpenLane(lane.laneId)} />
          ))}
        </ul>
      )}
      {selected && <LaneDetail key={selected.laneId} lane={selected} idScan={board?.idScan ?? null} now={now} onClose={() => setOpenLane(null)} onBoard={replaceBoard} />}
    </section>
  );
}
