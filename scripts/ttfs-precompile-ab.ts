/**
 * Issue 15 §5 A/B: time to the end of the first training step with and without the engine's pre-compile
 * (engine/precompile), interleaved ABBA in fresh browsers (every run starts with an empty pipeline cache), on the bench
 * page (bench.html, the `ttfs` task of src/bench/page.ts). SwiftShader WebGPU unless --gpu.
 *
 *   npx tsx scripts/ttfs-precompile-ab.ts [--presets train-quick,atomnas-tiny] [--rounds 2] [--skip-build] [--gpu]
 *
 * Prints one line per run and, per preset, the medians: build + pre-compile + first step, and the first step alone.
 */
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build, preview } from 'vite';
import type { TtfsRaw } from '../src/bench/tasks';
import { TTFS_PRESETS, type TtfsPreset } from '../src/bench/args';
import { chromiumArgs, runInPage } from '../bench/browser';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const presets = (opt('presets') ?? 'train-quick,atomnas-tiny').split(',') as TtfsPreset[];
for (const p of presets) if (!TTFS_PRESETS.includes(p)) throw new Error(`unknown preset ${p} (${TTFS_PRESETS.join(', ')})`);
const rounds = Number(opt('rounds') ?? 2);
/** Pipelines built at once during the pre-compile (engine/precompile's default when absent; 0 = all at once). */
const concurrency = opt('concurrency') === undefined ? undefined : Number(opt('concurrency'));
const gpu = argv.includes('--gpu');
const outDir = opt('out') ?? 'dist-ttfs';
const port = Number(opt('port') ?? 4191);
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const T0 = Date.now();
const log = (s: string): void => console.error(`[${((Date.now() - T0) / 1000).toFixed(0).padStart(4)} s] ${s}`);

const launch = (): Promise<Browser> => chromium.launch({ executablePath: chromiumPath, args: chromiumArgs(gpu) });

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
/** What the user waits for: network build, pre-compile (when on), first step. */
const total = (r: TtfsRaw): number => r.buildMs + (r.precompile?.ms ?? 0) + r.firstStepMs;

async function main(): Promise<void> {
  const root = process.cwd();
  if (!argv.includes('--skip-build')) {
    log(`building bench.html into ${outDir}`);
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, rolldownOptions: { input: { bench: path.join(root, 'bench.html') } } } });
  }
  const server = await preview({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { port, strictPort: true } });
  const base = `http://localhost:${port}`;
  const results: Record<string, { on: TtfsRaw[]; off: TtfsRaw[] }> = {};
  try {
    for (const preset of presets) {
      results[preset] = { on: [], off: [] };
      for (let r = 0; r < rounds; r++) {
        // ABBA: off, on, on, off, …
        const order = r % 2 === 0 ? [false, true] : [true, false];
        for (const precompile of order) {
          const res = await runInPage(launch, base, { kind: 'ttfs', backend: 'webgpu', preset, precompile, ...(concurrency === undefined ? {} : { precompileConcurrency: concurrency }) }, log);
          if (res.kind !== 'ttfs') throw new Error('unexpected reply');
          const raw = res.raw;
          (precompile ? results[preset].on : results[preset].off).push(raw);
          log(
            `${preset} pre-compile ${precompile ? 'on ' : 'off'}: total ${sec(total(raw))} = build ${sec(raw.buildMs)}` +
              (raw.precompile ? ` + pre-compile ${sec(raw.precompile.ms)} (${raw.precompile.programs} programs, encode ${sec(raw.precompile.encodeMs)})` : '') +
              ` + first step ${sec(raw.firstStepMs)}; second step ${sec(raw.secondStepMs)}; adapter ${res.env.adapter?.vendor ?? '?'}/${res.env.adapter?.architecture ?? '?'}`,
          );
        }
      }
    }
  } finally {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  for (const [preset, { on, off }] of Object.entries(results)) {
    const a = median(off.map(total));
    const b = median(on.map(total));
    console.log(
      `${preset}: time to first step, median of ${off.length} / ${on.length}: without pre-compile ${sec(a)}, with ${sec(b)} (×${(b / a).toFixed(2)}); ` +
        `first step alone ${sec(median(off.map((r) => r.firstStepMs)))} → ${sec(median(on.map((r) => r.firstStepMs)))}; pre-compile ${sec(median(on.map((r) => r.precompile?.ms ?? 0)))}`,
    );
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
