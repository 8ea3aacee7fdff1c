import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAppUrl } from '../../../main/terminal/app-url.ts';

describe('the Electron sender and navigation check', () => {
  it('accepts the renderer’s own pages', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/`)).toBe(true);
    expect(isAppUrl('app://lane/assets/index.js?v=1#top')).toBe(true);
  });

  it('refuses every other origin, look-alikes included', () => {
    for (const url of [
      'app://evil/index.html',
      'app://lane.evil/index.html',
      'app://lane:8080/index.html',
      'app://user:pass@lane/index.html',
      'https://lane/index.html',
      'http://127.0.0.1:5170/',
      'file:///work/main/dist/renderer/index.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});
