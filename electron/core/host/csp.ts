/**
 * The Content-Security-Policy of every page the till shows. Scripts and connections only from
 * the app itself; inline scripts, eval, plugins, framing and form posts are refused.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/**
 * Only for `electron-vite dev`: Vite's dev server injects an inline React refresh preamble and
 * talks to the page over a WebSocket. Never used for a built app.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws:")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
