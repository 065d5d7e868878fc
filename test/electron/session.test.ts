import { describe, expect, it } from 'vitest';
import { hardenSession } from '../../electron/main/session';
import { CONTENT_SECURITY_POLICY } from '../../shared/ipc';
import { SessionStandIn } from './electron-stand-in';

const hardened = () => {
  const session = new SessionStandIn();
  hardenSession(session as unknown as Electron.Session);
  return session;
};

describe('the window’s session', () => {
  it('refuses every permission a page requests', () => {
    const session = hardened();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      session.permissionRequestHandler?.({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
    }
  });

  it('answers every silent permission check with no', () => {
    const session = hardened();
    for (const permission of ['media', 'persistent-storage', 'clipboard-sanitized-write', 'hid', 'serial', 'usb']) {
      expect(session.permissionCheckHandler?.({}, permission), permission).toBe(false);
    }
  });

  it('adds the strict content security policy to every response, keeping the other headers', () => {
    const session = hardened();
    let headers: Record<string, string[]> | undefined;
    session.headersListener?.(
      { url: 'app://loupe/index.html', responseHeaders: { 'Content-Type': ['text/html'] } },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('the content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows scripts from the app only: no inline script, no eval, no remote origin', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('closes plugins, base rewriting, form posts and framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});
