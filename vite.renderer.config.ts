// Builds the React renderer (shared by the Electron window and `berth serve`). The built index.html
// carries the CSP as a <meta> too (app/main/electron/csp-meta.ts); the dev server's does not.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { withCspMeta } from './app/main/electron/csp-meta';

const cspMeta: Plugin = { name: 'berth-csp-meta', apply: 'build', transformIndexHtml: (html) => withCspMeta(html) };

export default defineConfig({
  root: fileURLToPath(new URL('./app/renderer', import.meta.url)),
  base: './',
  plugins: [react(), cspMeta],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
