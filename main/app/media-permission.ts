import { isAppUrl } from '../terminal/app-url.ts';

/** A page's request for a permission, as Electron's request and check handlers describe it. */
export interface PermissionAsk {
  readonly permission: string;
  /** The URL (request handler) or origin (check handler) asking. */
  readonly requestingUrl: string;
  readonly isMainFrame: boolean;
  /** For `media`: what it wants, `video` and/or `audio` (`unknown` when a check does not say). */
  readonly mediaTypes: readonly string[];
}

/**
 * Whether the shell grants a permission: only the camera (`media` with video alone, no
 * microphone), only to the renderer's own origin in its top frame, and only on a terminal
 * configured to scan with the camera. Everything else — notifications, geolocation, HID,
 * serial, the microphone, any other origin — is refused. Pure, so it is unit-tested.
 */
export function allowPermission(ask: PermissionAsk, terminal: { readonly camera: boolean }): boolean {
  if (!terminal.camera || ask.permission !== 'media') return false;
  if (!ask.isMainFrame || !isAppUrl(ask.requestingUrl)) return false;
  return ask.mediaTypes.length > 0 && ask.mediaTypes.every((type) => type === 'video');
}
