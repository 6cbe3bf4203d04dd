// Builds the Node-side bundles: the Electron main process and the `berth` CLI (serve, diagnose).
// Dependencies stay external (SSR build): they are installed next to the bundle.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  ssr: { noExternal: ['zod', 'ws'] },
  build: {
    ssr: true,
    target: 'node20',
    outDir: fileURLToPath(new URL('./out/main', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        electron: fileURLToPath(new URL('./app/main/electron/main.ts', import.meta.url)),
        cli: fileURLToPath(new URL('./app/main/cli.ts', import.meta.url)),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
