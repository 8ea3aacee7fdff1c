import { lazy, Suspense, type ComponentProps, type ReactNode } from 'react';

// @zxing is most of a megabyte: it loads only on a terminal that shows the camera.
const CameraScanner = lazy(() => import('./CameraScanner.tsx').then((module) => ({ default: module.CameraScanner })));

/** The camera scanner, loaded on first use. */
export function LazyCameraScanner(props: ComponentProps<typeof CameraScanner>): ReactNode {
  return (
    <Suspense fallback={null}>
      <CameraScanner {...props} />
    </Suspense>
  );
}
