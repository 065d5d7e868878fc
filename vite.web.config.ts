import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The web shell: the renderer built for a browser tab, with the browser implementation of `#platform`. */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react()],
  resolve: { alias: { '#platform': here('./renderer/platform/web.ts') } },
  build: {
    outDir: here('./dist-web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Served from the reviewer's own machine, never over a slow network: one bundle is fine.
    chunkSizeWarningLimit: 2000,
  },
});
