import { BrowserMultiFormatReader } from '@zxing/browser';
import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import type { CameraScanning } from '../../../common/gate.ts';
import { cameraHints, cameraProblem, type CameraProblem } from './camera-formats.ts';
import { CameraRepeatFilter, nextDecodeDelay } from './camera-pace.ts';

export type CameraStatus = 'starting' | 'live' | CameraProblem;

/** Frames are decoded at this width at most: enough for an EAN-13 across a third of the view, cheap for QR. */
const DECODE_WIDTH = 800;
/** How long to wait for the first frame before trying again. */
const NO_FRAME_RETRY_MS = 100;

/**
 * Reads barcodes from the camera shown in the returned `video` element: opens the camera (getUserMedia), decodes frames with
 * @zxing at a capped pace (camera-pace.ts) one at a time, counts a code held in view once, and
 * calls `onScan` with each new code. The camera is released while the page is hidden and when the
 * component unmounts. A refused or missing camera is a status, never an exception: the lane keeps
 * its other scanners.
 */
export function useCameraScanner(mode: CameraScanning['mode'], onScan: (code: string) => void): { video: RefObject<HTMLVideoElement | null>; status: CameraStatus } {
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<CameraStatus>('starting');
  const scanned = useEffectEvent(onScan);

  useEffect(() => {
    const reader = new BrowserMultiFormatReader(cameraHints(mode));
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const repeats = new CameraRepeatFilter();
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;

    const release = (): void => {
      generation += 1;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
      stream = null;
      const element = video.current;
      if (element) element.srcObject = null;
    };

    const decodeOnce = (element: HTMLVideoElement): void => {
      if (!context) return;
      const scale = Math.min(1, DECODE_WIDTH / element.videoWidth);
      canvas.width = Math.round(element.videoWidth * scale);
      canvas.height = Math.round(element.videoHeight * scale);
      context.drawImage(element, 0, 0, canvas.width, canvas.height);
      let text: string | null = null;
      try {
        text = reader.decodeFromCanvas(canvas).getText();
      } catch {
        // No code in this frame (NotFound), or a misread (Checksum, Format): the next frame tries again.
      }
      if (text !== null && repeats.accept(text, performance.now())) scanned(text);
    };

    const tick = (run: number): void => {
      if (run !== generation) return;
      const element = video.current;
      if (!element || element.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || element.videoWidth === 0) {
        timer = setTimeout(() => tick(run), NO_FRAME_RETRY_MS);
        return;
      }
      const started = performance.now();
      decodeOnce(element);
      timer = setTimeout(() => tick(run), nextDecodeDelay(performance.now() - started));
    };

    const start = async (): Promise<void> => {
      const run = ++generation;
      setStatus('starting');
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no media devices'), { name: 'NotFoundError' });
        const opened = await navigator.mediaDevices.getUserMedia({ audio: false, video: { width: { ideal: 1280 }, height: { ideal: 720 } } });
        if (run !== generation) {
          for (const track of opened.getTracks()) track.stop();
          return;
        }
        stream = opened;
        const element = video.current;
        if (!element) throw new Error('the camera view is gone');
        element.srcObject = opened;
        element.muted = true;
        await element.play();
        if (run !== generation) return;
        setStatus('live');
        tick(run);
      } catch (error) {
        if (run !== generation) return;
        release();
        setStatus(cameraProblem(error));
      }
    };

    // A hidden page (another window in front, the screen off) decodes nothing and holds no camera.
    const onVisibility = (): void => {
      if (document.hidden) release();
      else void start();
    };

    document.addEventListener('visibilitychange', onVisibility);
    if (!document.hidden) void start();
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      release();
    };
  }, [mode]);

  return { video, status };
}
