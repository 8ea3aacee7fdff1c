import { useCallback, useState, type ReactNode } from 'react';
import { useTranslator } from '../../api/hooks.ts';
import { LazyCameraScanner as CameraScanner } from '../../scanning/LazyCameraScanner.tsx';
import { useScanSubmit } from '../../scanning/useScanSubmit.ts';
import '../../styles/camera.css';

/**
 * "Scan with camera": a fallback for a lane whose configuration turns the camera on, for a label
 * the scanner will not read. The camera runs only while the shopper has it open.
 */
export function CameraScan(): ReactNode {
  const { t } = useTranslator();
  const [open, setOpen] = useState(false);
  const submit = useScanSubmit('basket');
  const onScan = useCallback((code: string) => submit(code, 'camera'), [submit]);
  if (!open) {
    return (
      <button type="button" className="btn btn-secondary sc-camera-open" onClick={() => setOpen(true)} data-testid="camera-open">
        {t('camera.use')}
      </button>
    );
  }
  return (
    <aside className="sc-camera" aria-label={t('camera.use')}>
      <CameraScanner mode="retail" onScan={onScan} />
      <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)} data-testid="camera-close">
        {t('camera.stop')}
      </button>
    </aside>
  );
}
