/**
 * HTTP response headers of the app, in one place: the preview server and the dev server (vite.config.ts) send them, and
 * public/_headers (Netlify / Cloudflare Pages format, copied into the build) carries the same lines for static hosting
 * (securityHeaders.test.ts keeps the two in step).
 *
 * The Content-Security-Policy allows nothing inline and no eval: scripts, styles, workers and fetches come from the
 * app's own origin only (workers also from blob:, which tfjs and Vite may use for worker bootstraps). Images may be
 * data:/blob: URLs (canvas previews, exports). tfjs's WebGPU, WebGL and CPU backends need none of eval, inline code or
 * other origins (e2e/security.spec.ts trains under this policy and fails on any violation report).
 */

/** Cross-origin isolation: fine-grained performance.now() for the latency profiler (LATENCY.md). */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** The production policy, directive by directive. */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

/** Serialise directives into a header value. */
export function cspValue(directives: Readonly<Record<string, string>>): string {
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/** Headers of the built app (preview server, public/_headers). */
export const PRODUCTION_HEADERS: Readonly<Record<string, string>> = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': cspValue(CSP_DIRECTIVES),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The dev server's policy: as strict as Vite's dev client allows. Relaxed, and only here:
 *  - script-src 'unsafe-inline': @vitejs/plugin-react injects the React Refresh preamble into index.html as an inline
 *    module script (no nonce or hash support for it), and hot updates need it to run;
 *  - style-src 'unsafe-inline': in dev, Vite injects every imported CSS file as a <style> element from JavaScript
 *    (the build emits .css files instead);
 *  - connect-src adds ws: / wss: for Vite's hot-module-replacement socket.
 * Still no eval, workers only from self and blob:, no other origins.
 */
export const DEV_HEADERS: Readonly<Record<string, string>> = {
  ...PRODUCTION_HEADERS,
  'Content-Security-Policy': cspValue({
    ...CSP_DIRECTIVES,
    'script-src': "'self' 'unsafe-inline'",
    'style-src': "'self' 'unsafe-inline'",
    'connect-src': "'self' ws: wss:",
  }),
};

/** public/_headers text for these headers (every path). */
export function netlifyHeaders(headers: Readonly<Record<string, string>>): string {
  return ['/*', ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n') + '\n';
}
