// `npm run web`: builds the web shell when its sources changed, then serves it on 127.0.0.1.
// A tiny static server rather than a dev server: what is served is exactly what is shipped, under the
// same content security policy, so end-to-end tests see the real app.
import { createServer } from 'node:http';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileUnder, sendFile, urlPath } from './static-files.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist-web');
const sources = ['renderer', 'shared', 'vite.web.config.ts', 'package.json', 'tsconfig.json'];
const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 5317);
const forceBuild = process.argv.includes('--rebuild');

/** The newest modification time under `path` (a file or a folder). */
async function newest(path) {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of await readdir(path)) latest = Math.max(latest, await newest(join(path, entry)));
  return latest;
}

async function buildIfStale() {
  const built = await stat(join(outDir, 'index.html')).catch(() => null);
  if (built && !forceBuild) {
    const changed = Math.max(...(await Promise.all(sources.map((s) => newest(join(root, s))))));
    if (built.mtimeMs > changed) return;
  }
  console.log('Building the web shell…');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.web.config.ts'), logLevel: 'warn' });
}

function serve() {
  const server = createServer(async (req, res) => {
    const path = urlPath(req.url);
    await sendFile(req, res, path === null ? null : fileUnder(outDir, path));
  });
  server.on('error', (error) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another port.` : `Cannot serve: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => console.log(`Loupe (web) is at http://${host}:${port}/`));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(1);
}
try {
  await buildIfStale();
} catch (error) {
  console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
serve();
