import { describe, expect, it } from 'vitest';
import { allowPermission, type PermissionAsk } from '../../../main/app/media-permission.ts';
import { APP_ORIGIN } from '../../../main/terminal/app-url.ts';

const camera: PermissionAsk = { permission: 'media', requestingUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true, mediaTypes: ['video'] };

describe('the Electron permission handler', () => {
  it('grants the camera to the renderer’s own page on a terminal that scans with it', () => {
    expect(allowPermission(camera, { camera: true })).toBe(true);
    // The check handler gives the origin, not a page URL.
    expect(allowPermission({ ...camera, requestingUrl: APP_ORIGIN }, { camera: true })).toBe(true);
  });

  it('refuses the camera on a terminal configured without it', () => {
    expect(allowPermission(camera, { camera: false })).toBe(false);
  });

  it('refuses the microphone, an unknown media type and a request that names none', () => {
    for (const mediaTypes of [['audio'], ['video', 'audio'], ['unknown'], []]) {
      expect(allowPermission({ ...camera, mediaTypes }, { camera: true }), mediaTypes.join('+')).toBe(false);
    }
  });

  it('refuses every other origin and any sub-frame', () => {
    for (const requestingUrl of ['http://127.0.0.1:5170/', 'app://evil/index.html', 'https://lane/', 'file:///index.html', 'not a url']) {
      expect(allowPermission({ ...camera, requestingUrl }, { camera: true }), requestingUrl).toBe(false);
    }
    expect(allowPermission({ ...camera, isMainFrame: false }, { camera: true })).toBe(false);
  });

  it('refuses every other permission, even to the app itself', () => {
    for (const permission of ['notifications', 'geolocation', 'hid', 'serial', 'usb', 'clipboard-read', 'openExternal', 'fullscreen', 'display-capture']) {
      expect(allowPermission({ ...camera, permission }, { camera: true }), permission).toBe(false);
    }
  });
});
