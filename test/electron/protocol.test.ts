import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  isAppUrl,
  registerAppScheme,
  resolveAppFile,
  serveApp,
} from '../../electron/main/protocol';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../shared/ipc';
import { protocol } from './electron-stand-in';

const root = mkdtempSync(path.join(tmpdir(), 'loupe-renderer-'));
const fetchApp = (url: string) => {
  const handler = protocol.handlers.get('app');
  if (handler === undefined) throw new Error('app: is not served');
  return handler(new Request(url));
};

beforeAll(() => {
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Loupe</title>');
  writeFileSync(path.join(root, 'assets', 'index-1.js'), 'export {};');
  writeFileSync(path.join(path.dirname(root), 'loupe-secret.txt'), 'outside the app');
  serveApp(root);
});

describe('the app:// scheme', () => {
  it('is registered as standard and secure (an origin of its own, IndexedDB allowed), not CORS-readable', () => {
    registerAppScheme();
    expect(protocol.privileged).toContainEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
  });

  it('serves the page with the CSP header and the right type', async () => {
    const response = await fetchApp(APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Loupe</title>');
  });

  it('serves the page’s scripts as JavaScript', async () => {
    const response = await fetchApp('app://loupe/assets/index-1.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the built renderer, however the path is spelled', async () => {
    for (const url of [
      'app://loupe/../loupe-secret.txt',
      'app://loupe/%2e%2e/loupe-secret.txt',
      'app://loupe/..%2Floupe-secret.txt',
      'app://loupe/assets/..%5C..%5Cloupe-secret.txt',
      'app://loupe/%00index.html',
      'app://loupe/missing.js',
      'app://other-host/index.html',
    ]) {
      expect((await fetchApp(url)).status, url).toBe(404);
    }
    expect(resolveAppFile(root, 'app://loupe/..%2Floupe-secret.txt')).toBeNull();
  });

  it('tells the app’s URLs from everything else', () => {
    expect(isAppUrl('app://loupe/index.html#x')).toBe(true);
    expect(isAppUrl('app://loupe.evil.example/index.html')).toBe(false);
    expect(isAppUrl('https://loupe/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

// The renderer's index.html is written by the renderer's owners; its <meta> must carry the same policy.
const indexHtml = fileURLToPath(new URL('../../renderer/index.html', import.meta.url));
describe.skipIf(!existsSync(indexHtml))('renderer/index.html', () => {
  it('carries the same content security policy in a <meta> (less frame-ancestors, which a <meta> cannot set)', () => {
    const html = readFileSync(indexHtml, 'utf8');
    const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY_META);
  });
});
