// Zod without its JIT, set before zod loads (see src/core/zodJitless.ts): a classic script, so it runs before the
// app's module scripts, whose shared chunks build zod schemas when they load. Zod v4's JIT probe calls
// `new Function('')`, which the app's Content-Security-Policy (no eval) blocks and reports as a violation.
globalThis.__zod_globalConfig = Object.assign({}, globalThis.__zod_globalConfig, { jitless: true });
