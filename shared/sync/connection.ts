import { z } from 'zod';

/**
 * How the app reaches a sync server: the shapes that cross from the page to whatever holds the token.
 * In the desktop shell the token stays in the main process (kept with the OS's secure storage) and the
 * page only asks for requests to be made; in the web shell the page holds it itself. Either way the page
 * speaks these shapes, so the sync client is written once.
 */

/** An http(s) address with no credentials, query or fragment in it: the server's base URL. */
export const ServerUrl = z
  .string()
  .trim()
  .min(1, 'type the server address, such as https://loupe.example.org')
  .max(2000)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.search === '' && url.hash === '';
    } catch {
      return false;
    }
  }, 'the server address must start with https:// (or http://) and hold no user name, password, "?" or "#"')
  .transform((text) => text.replace(/\/+$/u, ''));

export const ServerToken = z
  .string()
  .trim()
  .min(1, 'paste the token the coordinator gave you')
  .max(500, 'a token is at most 500 characters; check that only the token was pasted')
  .regex(/^\S+$/u, 'a token has no spaces or line breaks; check that only the token was pasted');

/** What the reviewer saves: the address, the token, and whether they accepted sending it unencrypted. */
export const ConnectionSettings = z.strictObject({
  url: ServerUrl,
  /** Absent: keep the token already stored (the form never shows it back). */
  token: ServerToken.optional(),
  /** The reviewer confirmed sending the token over plain HTTP to an address that is not this machine. */
  allowPlainHttp: z.boolean().default(false),
});
export type ConnectionSettings = z.input<typeof ConnectionSettings>;

/**
 * Where the token is kept: `os` — the operating system's secure storage (Keychain, DPAPI, libsecret/kwallet);
 * `plain` — the desktop shell found no secure storage, so the token is kept as a file readable by this
 * user; `browser` — this browser's site storage.
 */
export const TokenStorage = z.enum(['os', 'plain', 'browser', 'memory']);
export type TokenStorage = z.infer<typeof TokenStorage>;

/** What the page may know of the connection: never the token itself. */
export const ConnectionInfo = z.object({
  url: z.string().nullable(),
  hasToken: z.boolean(),
  allowPlainHttp: z.boolean(),
  storage: TokenStorage,
  /** A sentence for the reviewer when the token is less protected than it should be. */
  storageWarning: z.string().optional(),
});
export type ConnectionInfo = z.infer<typeof ConnectionInfo>;

/** Paths the page may ask for: the health check and the protocol's routes, nothing else on that host. */
const ServerPath = z
  .string()
  .max(1000)
  .regex(/^\/(health|v1\/[A-Za-z0-9._~%/-]+)$/u, 'a request goes to /health or a /v1/ route of the sync server')
  // "." and ".." segments (also percent-encoded) would lead a URL parser out of /v1/, to anything on the host.
  .refine((path) => !/(^|\/)(\.|%2e){1,2}(\/|$)/iu.test(path), 'a request path has no "." or ".." segments');

export const ServerRequest = z.strictObject({
  method: z.enum(['GET', 'POST', 'DELETE']),
  path: ServerPath,
  query: z.record(z.string(), z.string()).optional(),
  /** Sent as JSON. */
  body: z.unknown().optional(),
  /** Given up after this long, answered `timeout`. */
  timeoutMs: z.number().int().min(100).max(600_000),
});
export type ServerRequest = z.infer<typeof ServerRequest>;

/**
 * How a request ended. `answer`: the server answered (any status; its JSON body, or null); `unreachable`:
 * no answer (offline, refused, DNS, TLS); `timeout`; `not-configured`: no address or token saved;
 * `plain-http`: refused before sending, as the token would travel unencrypted to another machine and the
 * reviewer has not agreed to that.
 */
export const ServerResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer'), status: z.number().int(), body: z.unknown() }),
  z.object({ kind: z.literal('unreachable'), message: z.string() }),
  z.object({ kind: z.literal('timeout') }),
  z.object({ kind: z.literal('not-configured') }),
  z.object({ kind: z.literal('plain-http') }),
]);
export type ServerResponse = z.infer<typeof ServerResponse>;

/** Sends one request; whoever implements it adds the address, the token and the protocol header. */
export type ServerTransport = (request: ServerRequest) => Promise<ServerResponse>;

/** Whether an address is this machine: plain HTTP to it does not cross a network. */
export function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(host);
}

/** Whether sending a token to this address needs the reviewer's consent: plain HTTP to another machine. */
export function needsPlainHttpConsent(url: string): boolean {
  return url.startsWith('http:') && !isLoopback(url);
}

/** The full address of a request: base URL, path and query. */
export function requestUrl(base: string, request: Pick<ServerRequest, 'path' | 'query'>): string {
  const query = request.query && Object.keys(request.query).length > 0 ? `?${new URLSearchParams(request.query).toString()}` : '';
  return `${base}${request.path}${query}`;
}
