import { useEffect, useRef, type ReactNode } from 'react';
import { errorCodes, type ErrorCode } from '../../../common/api/result.ts';
import { useNotice, useTerminalState, useTranslator } from '../api/hooks.ts';
import { Icon } from './illustrations.tsx';

export const NOTICE_SHOWN_MS = 4_000;

function isErrorCode(code: string): code is ErrorCode {
  return (errorCodes as readonly string[]).includes(code);
}

/**
 * The latest notice, large, for four seconds or until the screen moves on (a refused scan must
 * not hang over the payment screen). A popover lives in the top layer, so it shows above an open
 * dialog such as the keypad too.
 */
export function NoticeBanner(): ReactNode {
  const { notice, dismissNotice } = useNotice();
  const { t } = useTranslator();
  const ref = useRef<HTMLDivElement>(null);
  const phase = useTerminalState()?.phase;
  const shownIn = useRef(phase);

  useEffect(() => {
    if (notice && shownIn.current !== phase) dismissNotice(notice.id);
    shownIn.current = phase;
  }, [phase, notice, dismissNotice]);

  useEffect(() => {
    if (!notice) return;
    const banner = ref.current;
    if (banner?.matches(':popover-open')) banner.hidePopover();
    banner?.showPopover();
    const timer = setTimeout(() => dismissNotice(notice.id), NOTICE_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice, dismissNotice]);

  // A scanned receipt is not news: the associate screen opens Returns for it.
  if (!notice || notice.code === 'RECEIPT') return null;
  const text = isErrorCode(notice.code) ? t(`error.${notice.code}`) : notice.message;
  return (
    <div
      ref={ref}
      key={notice.id}
      popover="manual"
      className={`notice notice-${notice.level}`}
      role={notice.level === 'info' ? 'status' : 'alert'}
      data-testid="notice"
      data-code={notice.code}
    >
      <Icon name={notice.level === 'info' ? 'info' : 'alert'} />
      <p className="notice-text">{text}</p>
      <button type="button" className="btn btn-icon notice-close" onClick={() => dismissNotice(notice.id)} aria-label={t('notice.dismiss')}>
        <Icon name="close" />
      </button>
    </div>
  );
}
