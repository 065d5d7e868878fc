import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/ipc';

/**
 * Locks down the session the window uses. Loupe needs no camera, microphone, location, notifications or
 * devices, so every permission is refused, both when a page asks (request) and when Chromium checks
 * silently (check). The CSP header is added to every response, whatever served it, as a second line
 * behind the header `serveApp` sets and the `<meta>` in index.html.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
