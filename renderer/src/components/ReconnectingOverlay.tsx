import type { ReactNode } from 'react';
import { useConnectionStatus, useTranslator } from '../api/hooks.ts';
import { Modal } from './Modal.tsx';

/** Covers the screen while the link to the lane is down, so no one taps into the void. */
export function ReconnectingOverlay(): ReactNode {
  const status = useConnectionStatus();
  const { t } = useTranslator();
  if (status !== 'reconnecting') return null;
  return (
    <Modal labelledBy="reconnecting-title" className="reconnecting" testId="reconnecting">
      <div className="spinner" aria-hidden="true" />
      <h2 id="reconnecting-title" role="status">
        {t('app.reconnecting')}
      </h2>
      <p>{t('app.reconnectingHint')}</p>
    </Modal>
  );
}
