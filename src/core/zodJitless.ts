/**
 * Zod without its JIT in the worker. Zod v4 probes `new Function('')` when it builds an object schema, to decide
 * whether to compile fast parsers; under the app's Content-Security-Policy (no eval, scripts/securityHeaders.ts) the
 * probe fails harmlessly, but the browser reports a CSP violation. Zod reads `globalThis.__zod_globalConfig` when it
 * loads, so this file has no imports and is the worker's first import. The page does the same with the classic script
 * public/zod-jitless.js in index.html: the page's bundler puts zod and the schemas into a shared chunk that runs before
 * any code of the entry module, so only a script outside the bundle runs early enough there.
 */
const g = globalThis as { __zod_globalConfig?: Record<string, unknown> };
g.__zod_globalConfig = { ...g.__zod_globalConfig, jitless: true };

export {};
