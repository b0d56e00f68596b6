/**
 * The production build of the preview UI (`npm run build`): web/ bundled into dist/ui, which an
 * installed velvet serves as it is. Nothing of src/ stays imported: the few constants the UI
 * takes from src/preview/protocol.ts are bundled in, its types are erased.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // the CodeMirror chunk (with lang-html's CSS and JavaScript modes) is ~510 kB; it is loaded
    // on demand, after the first paint, so its size does not hold up the page
    chunkSizeWarningLimit: 600,
  },
});
