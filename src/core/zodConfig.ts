/**
 * Zod without its JIT: zod v4 probes `new Function('')` the first time it parses an object, to decide whether to
 * compile fast parsers. Under the app's Content-Security-Policy (no eval, scripts/securityHeaders.ts) the probe fails
 * harmlessly but the browser reports a CSP violation each time. Imported first by the page and the worker entries.
 */
import { config } from 'zod';

config({ jitless: true });
