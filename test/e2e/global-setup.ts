// Before any end-to-end test: Chromium must be there, the web shell must be built, and one web server
// serves it to every test file (each test opens its own, empty browser profile).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_INSTALL, root, startWebServer } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web shell, such as http://127.0.0.1:41234/ */
    webUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The end-to-end tests run in Debian's Chromium, and ${CHROMIUM} is missing. Install it with:\n    ${CHROMIUM_INSTALL}`);
  }
  // LOUPE_E2E_URL points the tests at a web shell that is already running (`npm run web` in another
  // terminal, say) instead of starting one.
  const running = process.env.LOUPE_E2E_URL;
  if (running) {
    project.provide('webUrl', new URL(running).toString());
    return async () => undefined;
  }
  // `npm test` has just built it; when the e2e project runs alone, build it here if it was never built.
  // (scripts/web.mjs rebuilds it by itself when the sources are newer.)
  if (!existsSync(join(root, 'dist-web', 'index.html'))) {
    console.log('Building the web shell (vite build --config vite.web.config.ts)…');
    const built = spawnSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('The web shell did not build (see the vite output above).');
  }
  const server = await startWebServer();
  project.provide('webUrl', server.url);
  return () => server.stop();
}
