import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/ipc';

/**
 * The page is served from `app://loupe/`, not `file://`. A standard, secure scheme gives it an origin of
 * its own: IndexedDB is keyed to it, the IPC sender check and the navigation lock compare against it,
 * and `'self'` in the CSP means the app's files and nothing else on disk (under `file://` every local
 * file would share one origin).
 */
const SCHEME = 'app';
const HOST = 'loupe';
const ENTRY_PATH = '/index.html';
export const APP_ENTRY_URL = `${SCHEME}://${HOST}${ENTRY_PATH}`;

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/** Whether `url` belongs to the app (compared by scheme and host: Node gives custom schemes the origin "null"). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${SCHEME}:` && parsed.host === HOST;
}

/** Whether `url` is the app's one page (any query or fragment). */
export function isAppEntry(url: string): boolean {
  return isAppUrl(url) && parse(url)?.pathname === ENTRY_PATH;
}

/**
 * Must run before the app is ready: Chromium fixes scheme privileges at startup. `corsEnabled` stays off:
 * it would let other origins read the app's files; the page's own module scripts are same-origin.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });

/** The file under `root` that `url` names, or null for anything outside it. */
export function resolveAppFile(root: string, url: string): string | null {
  const parsed = parse(url);
  if (parsed === null || !isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname === '/' ? ENTRY_PATH : pathname}`);
  return file.startsWith(base + path.sep) ? file : null;
}

/** Serves the built renderer from `root`, every response with the CSP header. */
export function serveApp(root: string): void {
  protocol.handle(SCHEME, async (request) => {
    const file = resolveAppFile(root, request.url);
    if (file === null) return notFound();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound();
    }
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
