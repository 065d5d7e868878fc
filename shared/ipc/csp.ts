/**
 * The content security policy of Loupe's window. AI output is rendered as text, so nothing needs inline
 * script, eval or any remote origin; inline styles are allowed for React's `style` attributes.
 */
const PAGE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** Sent by main as a response header on everything the window loads. */
export const CONTENT_SECURITY_POLICY = [...PAGE_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/**
 * What renderer/index.html carries in `<meta http-equiv="Content-Security-Policy">`, so the page is
 * covered where no header can be set (the web shell on static hosting). Browsers ignore
 * `frame-ancestors` in a `<meta>`, so it is left out here and given by the header alone.
 */
export const CONTENT_SECURITY_POLICY_META = PAGE_DIRECTIVES.join('; ');
