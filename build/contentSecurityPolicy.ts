/**
 * The Content-Security-Policy PodPath ships in its built index.html. Everything the app runs is
 * its own files: no inline script, no eval (zod runs jitless for this), no remote code; workers
 * and the service worker come from the same origin. Styles come from the built CSS file; React's
 * style props are set through the CSSOM, which the policy does not govern. Share links never
 * leave the browser, so the app connects to its own origin only. `frame-ancestors` cannot be set
 * from a meta tag (CSP Level 3, section 6.4.2): a host that wants to limit who may embed PodPath
 * sends it as a header.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
