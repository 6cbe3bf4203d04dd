// Builds the Electron preload. Sandboxed preloads must be one CommonJS file that requires
// nothing but 'electron', so everything else is bundled in.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  ssr: { noExternal: true, external: ['electron'] },
  build: {
    ssr: true,
    target: 'node20',
    outDir: fileURLToPath(new URL('./out/preload', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      input: { preload: fileURLToPath(new URL('./app/main/electron/preload.ts', import.meta.url)) },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});
