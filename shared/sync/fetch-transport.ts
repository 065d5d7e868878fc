import { PROTOCOL_HEADER, PROTOCOL_VERSION } from './protocol';
import { needsPlainHttpConsent, requestUrl, type ServerRequest, type ServerResponse } from './connection';

export interface FetchConnection {
  url: string;
  token: string;
  allowPlainHttp: boolean;
}

/**
 * Makes one request of the sync server with `fetch` (the browser's, Node's or Electron main's). Every
 * way it can end is an answer, never a throw: the sync client decides what a failure means.
 */
export async function fetchServer(connection: FetchConnection | null, request: ServerRequest, fetchImpl: typeof fetch = fetch): Promise<ServerResponse> {
  if (!connection) return { kind: 'not-configured' };
  if (needsPlainHttpConsent(connection.url) && !connection.allowPlainHttp) return { kind: 'plain-http' };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const response = await fetchImpl(requestUrl(connection.url, request), {
      method: request.method,
      headers: {
        authorization: `Bearer ${connection.token}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: controller.signal,
      // The token goes in a header; no cookie of anyone's should travel with it.
      credentials: 'omit',
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = { error: 'invalid', message: `the server answered ${response.status} with something that is not JSON; is ${connection.url} a Loupe sync server?` };
    }
    return { kind: 'answer', status: response.status, body };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'timeout' };
    return { kind: 'unreachable', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
