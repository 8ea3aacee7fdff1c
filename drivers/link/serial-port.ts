import { stat } from 'node:fs/promises';
import type { SerialPort } from 'serialport';

// Helpers every serial driver needs around the serialport binding (PROTOCOLS §6–7).

/** The device number (`rdev`) behind a path, following links; null when unknown unless `strict`. */
export async function deviceNumber(path: string, strict = false): Promise<number | null> {
  try {
    return (await stat(path)).rdev;
  } catch (error) {
    if (strict) throw error;
    return null;
  }
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Turns an open failure into a status; the native binding reports errno text rather than codes. */
export function describeOpenError(path: string, error: unknown): { state: 'offline' | 'error'; detail: string } {
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  if (code === 'ENOENT' || /no such file/i.test(message)) return { state: 'offline', detail: `${path} not found (unplugged?)` };
  if (code === 'EACCES' || /permission denied/i.test(message)) {
    return { state: 'error', detail: `no permission to open ${path} (is the user in the dialout group?)` };
  }
  if (/lock|busy/i.test(message)) return { state: 'error', detail: `${path} is in use by another program` };
  return { state: 'offline', detail: `cannot open ${path}: ${message}` };
}

/** Closes a port whatever its state; bounded, because a port whose device vanished may never answer. */
export function closeQuietly(port: SerialPort): Promise<void> {
  port.removeAllListeners('data');
  if (!port.isOpen) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    try {
      port.close(() => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
