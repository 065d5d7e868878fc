/**
 * The content security policy of Loupe's window. AI output is rendered as text, so nothing needs inline
 * script, eval or any remote origin; inline styles are allowed for React's `style` attributes.
 */
const PAGE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/**
 * Sent by main as a response header on everything the desktop window loads. The page connects nowhere:
 * main makes the sync server's requests (shared/sync connection).
 */
export const CONTENT_SECURITY_POLICY = [...PAGE_DIRECTIVES, "connect-src 'self'", "frame-ancestors 'none'"].join('; ');

/**
 * What renderer/index.html carries in `<meta http-equiv="Content-Security-Policy">`, so the page is
 * covered where no header can be set (the web shell on static hosting). In the web shell the page itself
 * calls the sync server, at whatever address the reviewer saved, so it may connect to http(s) origins; the
 * desktop window is held to `'self'` by the header, and a page obeys both. Browsers ignore
 * `frame-ancestors` in a `<meta>`, so it is left out here and given by the header alone.
 */
export const CONTENT_SECURITY_POLICY_META = [...PAGE_DIRECTIVES, "connect-src 'self' https: http:"].join('; ');

/** Sent as a header by the web shell's own server (scripts/web.mjs): the meta's policy, with `frame-ancestors`. */
export const CONTENT_SECURITY_POLICY_WEB = [CONTENT_SECURITY_POLICY_META, "frame-ancestors 'none'"].join('; ');
