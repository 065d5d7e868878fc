// `npm run web`: builds the web shell when its sources changed, then serves it on 127.0.0.1.
// A tiny static server rather than a dev server: what is served is exactly what is shipped, under the
// same content security policy, so end-to-end tests see the real app.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist-web');
const sources = ['renderer', 'shared', 'vite.web.config.ts', 'package.json', 'tsconfig.json'];
const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 5317);
const forceBuild = process.argv.includes('--rebuild');

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

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

/** Maps a URL path to a file inside dist-web, or null when it would leave it. */
function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(outDir, normalize('.' + path));
  return file.startsWith(outDir + sep) ? file : null;
}

function serve() {
  const server = createServer(async (req, res) => {
    const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = fileFor(req.url ?? '/');
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
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
