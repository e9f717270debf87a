import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEV_HEADERS, netlifyHeaders, PRODUCTION_HEADERS } from './securityHeaders';

describe('security headers', () => {
  it('public/_headers carries exactly the production headers (static hosting sends what the preview server sends)', () => {
    const text = readFileSync(new URL('../public/_headers', import.meta.url), 'utf8');
    expect(text).toBe(netlifyHeaders(PRODUCTION_HEADERS));
  });

  it('production CSP: nothing inline, no eval, workers from self and blob:, connections to self only', () => {
    const csp = PRODUCTION_HEADERS['Content-Security-Policy'];
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*/);
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp).toMatch(/(^|; )worker-src 'self' blob:(;|$)/);
    expect(csp).toMatch(/(^|; )connect-src 'self'(;|$)/);
    expect(PRODUCTION_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(PRODUCTION_HEADERS['Referrer-Policy']).toBe('no-referrer');
  });

  it('the dev policy relaxes only inline scripts/styles and the HMR socket, never eval', () => {
    const dev = DEV_HEADERS['Content-Security-Policy'];
    expect(dev).not.toMatch(/unsafe-eval/);
    expect(dev).toMatch(/worker-src 'self' blob:/);
    expect(DEV_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});
