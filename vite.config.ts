import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Cross-origin isolation (latency profiler), CSP, nosniff, no referrer: scripts/securityHeaders.ts (also public/_headers).
import { DEV_HEADERS, PRODUCTION_HEADERS } from './scripts/securityHeaders';
// The run card's "Code" line: package version and commit at build time (core/appVersion.ts).
import { appVersion } from './src/cli/appVersion';

/**
 * The worker never shows a method's view (React panels, CSS): its build resolves the descriptors' lazy
 * `import('./view/index')` to an empty module, so no React or view CSS lands in the worker's chunks.
 */
const noViewsInWorker: Plugin = {
  name: 'no-method-views-in-worker',
  enforce: 'pre',
  resolveId(id, importer) {
    if (importer && /[\\/]src[\\/]methods[\\/][^\\/]+[\\/]index\.ts$/.test(importer) && /^\.\/view(\/index)?$/.test(id)) return '\0method-view-stub';
    return null;
  },
  load(id) {
    return id === '\0method-view-stub' ? 'export const view = null;' : null;
  },
};

export default defineConfig({
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(appVersion(import.meta.dirname)) },
  base: './',
  server: { headers: DEV_HEADERS, port: 5173 },
  preview: { headers: PRODUCTION_HEADERS, port: 4173 },
  worker: { format: 'es', plugins: () => [noViewsInWorker] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // The e2e build (playwright.config.ts) adds the bench page: e2e/engine-kernels.spec.ts runs the engine's kernel
    // check on WebGPU there. Production builds have index.html only.
    ...(process.env.NAS_BENCH_PAGE ? { rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } } } : {}),
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
