import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer build. Electron loads the files from its own app:// origin, hence relative paths.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
  },
  server: {
    host: '127.0.0.1',
    // `npx vite` serves the UI against a running browser host (npm run host). The Origin header
    // is left as is: the host refuses cross-origin sockets, and through the proxy the page's
    // origin and the forwarded Host still agree.
    proxy: {
      '/api': { target: 'http://127.0.0.1:5170', ws: true },
    },
  },
});
