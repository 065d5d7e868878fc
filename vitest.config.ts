import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'] },
      },
      {
        plugins: [react()],
        resolve: { alias: { '#platform': here('./renderer/platform/memory.ts') } },
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.{ts,tsx}'],
          setupFiles: ['test/component/setup.ts'],
          // A test waits up to 5 s for what a user would see (setup.ts); several waits must fit in one test.
          testTimeout: 20_000,
        },
      },
      {
        // The Electron runtime cannot be downloaded here: `electron` is replaced by a stand-in, through an
        // alias so that it also reaches code inside node_modules (electron-store).
        resolve: { alias: { electron: here('./test/electron/electron-stand-in.ts') } },
        test: {
          name: 'electron',
          environment: 'node',
          include: ['test/electron/**/*.test.ts'],
          server: { deps: { inline: ['electron-store', 'conf'] } },
        },
      },
      {
        // Runs the real `loupe` command in child processes (test/cli/run.ts).
        test: { name: 'cli', environment: 'node', include: ['test/cli/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        // The sync server over PGlite in temp folders, and over PostgreSQL when LOUPE_TEST_POSTGRES_URL names
        // one (docs/testing.md). Files run one at a time: each starts databases, which is the slow part.
        test: { name: 'server', environment: 'node', include: ['test/server/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
