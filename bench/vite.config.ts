import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The benchmark page: the app's own import and storage modules, built as the web shell builds them, with
 * nothing of the UI around them. scripts/bench.mjs builds it into a temporary folder (`build.outDir`) and
 * serves it from the same origin as the web shell, so that both use one IndexedDB.
 */
export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  resolve: { alias: { '#platform': here('../renderer/platform/web.ts') } },
  build: {
    target: 'es2022',
    emptyOutDir: true,
    rollupOptions: { input: here('./bench.html') },
  },
});
