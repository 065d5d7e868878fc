// Serving built files as they ship: one home for the static server of `npm run web` (scripts/web.mjs) and
// of the benchmarks (bench/serve.mjs), under the web shell's content security policy.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, normalize, resolve, sep } from 'node:path';
import { createJiti } from 'jiti';

const { CONTENT_SECURITY_POLICY_WEB } = await createJiti(import.meta.url).import('../shared/ipc/csp.ts');

export const MIME = {
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

/** The headers of every answer: the web shell's CSP, no caching of a build that may change, no sniffing. */
export const HEADERS = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_WEB, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };

/** The URL path (query left out, percent-decoded), or null when it cannot be decoded. */
export function urlPath(url) {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://x').pathname);
  } catch {
    return null;
  }
}

/** Maps a decoded URL path to a file inside `dir`, or null when it would leave it. */
export function fileUnder(dir, path) {
  const base = resolve(dir);
  const file = resolve(base, normalize('.' + (path.endsWith('/') ? `${path}index.html` : path)));
  return file.startsWith(base + sep) ? file : null;
}

/** Answers a GET or HEAD with `file` (or 404 when it is missing, 405 for other methods). */
export async function sendFile(req, res, file) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...HEADERS, Allow: 'GET, HEAD' }).end();
    return;
  }
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  res.writeHead(200, { ...HEADERS, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
