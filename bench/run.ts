/**
 * `npm run bench`: how fast the playground trains and searches, measured against stock tfjs (issue 6).
 *
 * Builds the app plus the bench page (bench.html → src/bench/) into dist-bench, serves it with vite preview on its own
 * port, drives Debian's Chromium headless through Playwright (a fresh browser per task, so every figure starts with
 * a fresh GPU device and pipeline cache), runs the Node-side figure in this process (tfjs cpu), then writes
 * bench/results/<date>-<backend>.json and bench/results/latest.md and prints the Markdown table.
 *
 *   npm run bench                       # everything, SwiftShader WebGPU (~10–15 min on 2 cores)
 *   npm run bench -- --quick            # small step counts: a smoke run of the whole pipeline
 *   npm run bench -- --gpu              # real GPU: the Vulkan flags of LATENCY.md; adapter.info is recorded
 *   npm run bench -- --only throughput --backends webgpu,webgl
 *   npm run bench -- --only soak        # issue 16 §9: 1,000 steps + an AtomNAS search, memory counters (~15–25 min)
 *
 * Every row of the table carries the command that reproduces it; nothing is copied from an earlier run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { build, preview } from 'vite';
import { BENCH_USAGE, BenchUsageError, figureCommand, parseBenchArgs, type BenchOptions } from '../src/bench/args';
import { accuracyRow, atomnasRows, gpuCountRows, gradRows, memoryRows, predictorRows, responsivenessRows, throughputRows, ttfsRow } from '../src/bench/rows';
import {
  BENCH_FORMAT,
  BENCH_VERSION,
  isFullRun,
  isSoftwareAdapter,
  resultFileName,
  validateBenchResult,
  type BenchAdapter,
  type BenchEnvironment,
  type BenchError,
  type BenchResult,
  type FigureId,
  type FigureRow,
} from '../src/bench/schema';
import { markdownReport } from '../src/bench/table';
import type { BenchTask, BenchTaskResult, PageEnv } from '../src/bench/tasks';
import { measureThroughput } from '../src/bench/throughput';
import { memoryAfterSteps } from '../src/bench/memoryBench';
import { soakRows, summariseHeapSnapshot, type HeapSummary } from '../src/bench/soak';
import { decodeBuiltin } from '../src/data/builtin';
import { mnistSplit } from '../src/data/split';
import { initBackend } from '../src/engine/backend';
import { installFastCpuKernels } from '../src/engine/cpuKernels';
import { useMockWebGpu } from '../src/engine/mockWebGpu';
import { measurePredictor, measureResponsiveness } from './app';
import { chromiumArgs, runInPage } from './browser';

const T0 = Date.now();
const log = (s: string): void => console.error(`[${((Date.now() - T0) / 1000).toFixed(0).padStart(4)} s] ${s}`);

async function buildBench(o: BenchOptions): Promise<void> {
  const root = process.cwd();
  log(`building the app and bench.html into ${o.outDir}`);
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir: o.outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { main: path.join(root, 'index.html'), bench: path.join(root, 'bench.html') } },
    },
  });
}

/**
 * The soak task, with V8 heap snapshots (CDP HeapProfiler) taken while part A trains, when the page logs the reading of
 * each step in `snapshotSteps`: the heap figure without compiled code. Snapshots are summarised here (sizes per node
 * type) and not kept.
 */
async function runSoakInPage(launch: () => Promise<Browser>, base: string, task: Extract<BenchTask, { kind: 'soak' }>, snapshotSteps: number[]): Promise<{ result: BenchTaskResult; heap: HeapSummary[] }> {
  const browser = await launch();
  const heap: HeapSummary[] = [];
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    let chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (e: { chunk: string }) => chunks.push(e.chunk));
    let snapshots: Promise<void> = Promise.resolve();
    page.on('console', (m) => {
      const text = m.text();
      if (!text.startsWith('[bench]')) return;
      log(text);
      const step = Number(/soak (\d+)\//.exec(text)?.[1]);
      if (!snapshotSteps.includes(step)) return;
      snapshots = snapshots.then(async () => {
        const t0 = Date.now();
        chunks = [];
        await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
        const h = summariseHeapSnapshot(JSON.parse(chunks.join('')), step);
        chunks = [];
        heap.push(h);
        log(`heap snapshot at step ${step}: ${(h.totalBytes / 2 ** 20).toFixed(2)} MiB, ${((h.totalBytes - (h.byType.code ?? 0)) / 2 ** 20).toFixed(2)} MiB without code (${Date.now() - t0} ms)`);
      });
    });
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`${base}/bench.html`);
    await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: 60_000 });
    const result = await page.evaluate((t) => {
      const b = window.__bench;
      if (!b) throw new Error('bench page not ready');
      return b.run(t);
    }, task);
    await snapshots;
    return { result, heap };
  } finally {
    await browser.close();
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message.split('\n')[0] : String(e));

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(BENCH_USAGE);
    return;
  }
  const o = parseBenchArgs(argv);
  const date = new Date().toISOString();
  const rows: FigureRow[] = [];
  const raw: Record<string, unknown> = {};
  const errors: BenchError[] = [];
  const wants = (f: FigureId): boolean => o.only.includes(f);
  const primary = o.backends[0];
  let browserInfo: BenchEnvironment['browser'] = null;
  let adapter: BenchAdapter | null = null;
  let coi: boolean | null = null;
  const noteEnv = (env: PageEnv): void => {
    adapter ??= env.adapter;
    coi ??= env.crossOriginIsolated;
  };
  /** Run one figure; a failure is recorded with its reason and the run goes on. */
  const attempt = async (figure: FigureId, backend: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (e) {
      log(`${figure} (${backend}) failed: ${errorText(e)}`);
      errors.push({ figure, backend, message: errorText(e) });
    }
  };

  const browserFigures = (['throughput', 'grad-programs', 'atomnas', 'responsiveness', 'ttfs', 'memory', 'predictor', 'accuracy', 'soak'] as const).filter(wants);
  if (browserFigures.length > 0) {
    if (!o.skipBuild) await buildBench(o);
    const server = await preview({
      configFile: path.join(process.cwd(), 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: o.outDir },
      preview: { port: o.port, strictPort: true },
    });
    const base = `http://localhost:${o.port}`;
    const args = chromiumArgs(o.gpu);
    const launch = (): Promise<Browser> => chromium.launch({ executablePath: o.chromium, args });
    try {
      const probe = await launch();
      browserInfo = { name: 'Chromium', version: probe.version(), executable: o.chromium, args };
      await probe.close();
      log(`Chromium ${browserInfo.version}, flags: ${args.join(' ')}`);
      // adapter.info first: it says whether the WebGPU figures come from a GPU or from SwiftShader.
      await attempt('throughput', 'webgpu', async () => {
        const r = await runInPage(launch, base, { kind: 'info', backend: 'webgpu' }, log);
        noteEnv(r.env);
        const a = r.env.adapter;
        log(`WebGPU adapter: ${a ? `${a.vendor} / ${a.architecture} / ${a.description || '–'}, fallback ${a.isFallbackAdapter}` : 'none'}`);
        if (isSoftwareAdapter(a)) log('the adapter is a software one (SwiftShader): WebGPU figures run on the CPU');
      });

      if (wants('throughput')) {
        for (const backend of o.backends) {
          await attempt('throughput', backend, async () => {
            log(`throughput on ${backend}: ${o.net} baseline ×${o.width}, batch ${o.batch}`);
            const r = await runInPage(launch, base, { kind: 'throughput', backend, net: o.net, width: o.width, batch: o.batch, rounds: o.rounds, block: o.block, warmup: o.warmup, countGpu: backend === 'webgpu', engineConv: o.engineConv }, log);
            if (r.kind !== 'throughput') throw new Error('unexpected reply');
            noteEnv(r.env);
            raw[`throughput/${backend}`] = r;
            rows.push(...throughputRows(r.raw, o, backend, r.env), ...gpuCountRows(r.raw, o, backend, 'throughput'));
          });
        }
      }
      if (wants('grad-programs')) {
        // The bench size and the app's default size (×1, full resolution, batch 64).
        const sizes = [
          { net: o.net, width: o.width, batch: o.batch, label: 'bench size' },
          { net: 'full' as const, width: 1, batch: 64, label: "app's default" },
        ];
        for (const size of sizes) {
          await attempt('grad-programs', primary, async () => {
            log(`filter-gradient programs on ${primary}: ${size.label}`);
            const r = await runInPage(launch, base, { kind: 'grads', backend: primary, ...size, reps: o.gradReps }, log);
            if (r.kind !== 'grads') throw new Error('unexpected reply');
            noteEnv(r.env);
            raw[`grad-programs/${primary}/${size.label}`] = r;
            rows.push(...gradRows(r.raw, o, primary));
          });
        }
      }
      if (wants('atomnas')) {
        await attempt('atomnas', primary, async () => {
          log(`AtomNAS on ${primary}: ${JSON.stringify(o.atomnas)}`);
          const r = await runInPage(launch, base, { kind: 'atomnas', backend: primary, search: o.atomnas, rounds: o.atomnasRounds, block: o.block, warmup: o.warmup }, log);
          if (r.kind !== 'atomnas') throw new Error('unexpected reply');
          noteEnv(r.env);
          raw[`atomnas/${primary}`] = r;
          rows.push(...atomnasRows(r.raw, o, primary));
        });
      }
      if (wants('ttfs')) {
        for (const preset of o.ttfsPresets) {
          await attempt('ttfs', primary, async () => {
            log(`time to first step on ${primary}: ${preset}`);
            const r = await runInPage(launch, base, { kind: 'ttfs', backend: primary, preset }, log);
            if (r.kind !== 'ttfs') throw new Error('unexpected reply');
            noteEnv(r.env);
            raw[`ttfs/${primary}/${preset}`] = r;
            rows.push(ttfsRow(r.raw, r.env, o, primary));
          });
        }
      }
      if (wants('memory')) {
        await attempt('memory', primary, async () => {
          log(`memory on ${primary}: ${o.memorySteps.join(' and ')} steps`);
          const r = await runInPage(launch, base, { kind: 'memory', backend: primary, steps: o.memorySteps }, log);
          if (r.kind !== 'memory') throw new Error('unexpected reply');
          noteEnv(r.env);
          raw[`memory/${primary}`] = r;
          rows.push(...memoryRows(r.raw, o, primary));
        });
      }
      if (wants('accuracy')) {
        await attempt('accuracy', primary, async () => {
          log(`1-epoch accuracy on ${primary}, engine vs tfjs programs: seeds ${o.accuracySeeds.join(', ')}`);
          const r = await runInPage(launch, base, { kind: 'accuracy', backend: primary, seeds: o.accuracySeeds }, log);
          if (r.kind !== 'accuracy') throw new Error('unexpected reply');
          noteEnv(r.env);
          raw[`accuracy/${primary}`] = r;
          rows.push(accuracyRow(r.raw, o, primary));
        });
      }
      if (wants('soak')) {
        await attempt('soak', primary, async () => {
          log(`soak on ${primary}: ${o.soakSteps} steps, readings every ${o.soakEvery}; then an AtomNAS search ${JSON.stringify(o.soakSearch)}`);
          // gc() for a heap reading after a full GC, and heap sizes that are not rounded to buckets.
          const soakArgs = [...args, '--js-flags=--expose-gc', '--enable-precise-memory-info'];
          const soakLaunch = (): Promise<Browser> => chromium.launch({ executablePath: o.chromium, args: soakArgs });
          // Heap snapshots at warm-up and at the reading before the last (the last one is followed at once by part B).
          const snapAt = [o.soakWarmup, o.soakSteps - o.soakEvery].filter((s, i, a) => s > 0 && a.indexOf(s) === i);
          const { result: r, heap } = await runSoakInPage(soakLaunch, base, { kind: 'soak', backend: primary, steps: o.soakSteps, every: o.soakEvery, warmup: o.soakWarmup, search: o.soakSearch }, snapAt);
          if (r.kind !== 'soak') throw new Error('unexpected reply');
          noteEnv(r.env);
          raw[`soak/${primary}`] = { ...r.raw, heapSnapshots: heap, chromiumExtraArgs: ['--js-flags=--expose-gc', '--enable-precise-memory-info'] };
          rows.push(...soakRows({ ...r.raw, heapSnapshots: heap }, primary, figureCommand('soak', o, primary)));
        });
      }
      if (wants('responsiveness')) {
        await attempt('responsiveness', 'app', async () => {
          log(`responsiveness: the app's Train screen, ${o.windowS} s window`);
          const browser = await launch();
          try {
            const r = await measureResponsiveness(browser, base, o.windowS, log);
            raw.responsiveness = r;
            rows.push(...responsivenessRows(r, o, r.backend));
          } finally {
            await browser.close();
          }
        });
      }
      if (wants('predictor')) {
        await attempt('predictor', 'app', async () => {
          log('predictor: Latency screen, Quick profile of the tiny preset');
          const browser = await launch();
          try {
            const { profile } = await measurePredictor(browser, base, log);
            const d = profile.device;
            raw.predictor = { settings: profile.settings, device: d, durationMs: profile.durationMs, lutEntries: Object.keys(profile.lut).length, networks: profile.e2e.length, predictor: profile.predictor };
            if (!profile.predictor) throw new Error('the profile has no predictor (too few networks)');
            const ctx = `Quick profile of the tiny preset, ${profile.e2e.length} networks, n = ${profile.settings.samples}, ${(profile.durationMs / 1000).toFixed(0)} s`;
            rows.push(...predictorRows(profile.predictor.report, ctx, o, d.backend));
            if (d.backend === 'webgpu' && !adapter) {
              adapter = { vendor: d.adapterVendor, architecture: d.adapterArchitecture, device: d.adapterDevice, description: d.adapterDescription, isFallbackAdapter: d.isFallbackAdapter, features: [] };
            }
          } finally {
            await browser.close();
          }
        });
      }
    } finally {
      await server.close();
    }
  }

  if (wants('throughput-node') || wants('memory') || wants('gpu-proxy')) {
    const dataset = decodeBuiltin('mnist-10k.bin', new Uint8Array(await readFile(path.join(process.cwd(), 'public/data/mnist-10k.bin'))));
    const data = { dataset, split: mnistSplit(dataset.n) };
    // Node figures: tfjs cpu with the engine's fast CPU kernels (what the CLI uses); no browser needed.
    await initBackend(['cpu']);
    installFastCpuKernels();
    if (wants('throughput-node')) {
      await attempt('throughput-node', 'node-cpu', async () => {
        log(`throughput in Node (tfjs cpu): ${o.net} baseline ×${o.width}, batch ${o.batch}`);
        const r = await measureThroughput(data, { ...o, countKernels: true }, (s) => log(`[node] ${s}`));
        raw['throughput/node-cpu'] = r;
        rows.push(...throughputRows(r, o, 'node-cpu'));
      });
    }
    if (wants('memory')) {
      await attempt('memory', 'node-cpu', async () => {
        log(`memory in Node (tfjs cpu): ${o.nodeMemorySteps.join(' and ')} steps`);
        const r = await memoryAfterSteps(data, o.nodeMemorySteps, (s) => log(`[node] ${s}`));
        raw['memory/node-cpu'] = r;
        rows.push(...memoryRows(r, o, 'node-cpu'));
      });
    }
    if (wants('gpu-proxy')) {
      // GPU-independent proxy: the real tfjs-backend-webgpu on a counting mock device (values are all 0: counts only).
      await attempt('gpu-proxy', 'webgpu-mock', async () => {
        log(`GPU work per step on the mock WebGPU device: ${o.net} baseline ×${o.width}, batch ${o.batch}`);
        await useMockWebGpu();
        const r = await measureThroughput(data, { ...o, rounds: 0, block: 0, warmup: 1, countGpu: true }, (s) => log(`[node] ${s}`));
        raw['gpu-proxy/webgpu-mock'] = r;
        rows.push(...gpuCountRows(r, o, 'webgpu-mock', 'gpu-proxy'));
      });
    }
  }

  const cpus = os.cpus();
  const env: BenchEnvironment = {
    date,
    machine: {
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    browser: browserInfo,
    gpuFlags: o.gpu,
    adapter,
    softwareAdapter: isSoftwareAdapter(adapter),
    crossOriginIsolated: coi,
    tfjsVersion: tf.version.tfjs,
  };
  if (o.gpu && env.softwareAdapter) log('WARNING: --gpu was given but the adapter is a software one (SwiftShader): these are not GPU figures.');
  const result: BenchResult = {
    format: BENCH_FORMAT,
    version: BENCH_VERSION,
    env,
    options: { ...o },
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
    rows,
    raw,
    errors,
    durationS: (Date.now() - T0) / 1000,
  };
  // JSON has no NaN/Infinity: they become null, and the file must still validate.
  const json = JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
  validateBenchResult(JSON.parse(json));
  await mkdir(o.resultsDir, { recursive: true });
  const fileBackend = browserFigures.length > 0 ? primary : o.only.length === 1 && o.only[0] === 'gpu-proxy' ? 'webgpu-mock' : 'node-cpu';
  const file = path.join(o.resultsDir, resultFileName(env, fileBackend, o.only));
  await writeFile(file, `${json}\n`);
  const report = markdownReport(result);
  console.log(report);
  if (isFullRun(o.only)) {
    // latest.md is the table the README shows: only a run of every figure replaces it.
    await writeFile(path.join(o.resultsDir, 'latest.md'), `# Benchmark: latest run\n\nRaw results: \`${file}\`\n\n${report}\n`);
    log(`wrote ${file} and ${path.join(o.resultsDir, 'latest.md')}`);
  } else {
    log(`wrote ${file} (latest.md is left to full runs)`);
  }
  if (rows.length === 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof BenchUsageError ? e.message : e instanceof Error ? e.stack : e);
  process.exit(e instanceof BenchUsageError ? 2 : 1);
});
