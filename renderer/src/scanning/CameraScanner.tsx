import type { ReactNode } from 'react';
import type { CameraScanning } from '../../../common/gate.ts';
import { useTranslator } from '../api/hooks.ts';
import { useCameraScanner } from './useCameraScanner.ts';
import '../styles/camera.css';

/**
 * The camera's view with what it is doing: live, starting, or why it cannot scan. Mounted only
 * while camera scanning is wanted; unmounting releases the camera.
 */
export function CameraScanner({ mode, onScan, className }: { readonly mode: CameraScanning['mode']; readonly onScan: (code: string) => void; readonly className?: string }): ReactNode {
  const { t } = useTranslator();
  const { video, status } = useCameraScanner(mode, onScan);
  const working = status === 'live' || status === 'starting';
  return (
    <div className={`camera camera-${status}${className ? ` ${className}` : ''}`} data-testid="camera-scanner" data-status={status}>
      <div className="camera-frame" hidden={!working}>
        <video ref={video} className="camera-video" aria-label={t('camera.preview')} playsInline muted />
        <span className="camera-target" aria-hidden="true" />
      </div>
      <p className="camera-status" role="status" data-testid="camera-status">
        <span className="camera-dot" aria-hidden="true" />
        {t(`camera.${status}`)}
      </p>
    </div>
  );
}
