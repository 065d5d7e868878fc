import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// `electron-vite build` writes out/main/index.js (package.json "main"), out/preload/index.cjs and
// out/renderer/; electron/main/paths.ts finds the last two relative to the first.
export default defineConfig({
  main: {
    // ES module output (package.json says "type": "module"). Dependencies (electron-store, zod) stay
    // external and load from node_modules, which electron-builder packs; electron-store is ESM-only, which
    // an ES module main imports as is.
    build: { rolldownOptions: { input: { index: here('electron/main/index.ts') } } },
  },
  preload: {
    build: {
      // With `sandbox: true` Electron runs the preload as a classic CommonJS script that can require only
      // `electron` and a few polyfilled modules, so it must be one self-contained .cjs file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('renderer'),
    // The desktop build of the page talks to the OS through the preload bridge.
    resolve: { alias: { '#platform': here('renderer/platform/electron.ts') } },
    plugins: [react()],
    build: { rolldownOptions: { input: here('renderer/index.html') } },
  },
});
