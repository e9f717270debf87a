/**
 * The soak of issue 16 §9, run in the bench page: (A) many training steps of a deliberately tiny network, (B) an
 * AtomNAS search through several shrink events, reading tensor count, WebGPU buffer pool and JS heap (after a forced
 * GC) as they go. The verdicts are src/bench/soak.ts's; this file only measures.
 *
 * The tiny network is tiny because SwiftShader (WebGPU on the CPU) pays per dispatch: the app's "tiny" preset network
 * takes seconds per step there, which would make 1,000 steps a matter of hours.
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec } from '../core/archspec';
import { archCosts } from '../core/costs';
import { rngStream } from '../core/rng';
import { buildNetwork } from '../engine/network';
import { constScalarCount } from '../engine/scalars';
import { syntheticData } from '../engine/testing';
import { Trainer } from '../engine/trainer';
import { createRun } from '../methods/atomnas/run/index';
import { atomnasPreset, type AtomNasSettings } from '../methods/atomnas/settings';
import type { SoakSearchSettings } from './args';
import { appTrainConfig } from './memoryBench';
import type { SoakSample } from './soak';

export interface SoakOptions {
  steps: number;
  every: number;
  warmup: number;
  search: SoakSearchSettings;
}

interface NetInfo {
  name: string;
  macs: number;
  params: number;
  layers: string;
}

export interface SoakTrainRaw {
  spec: NetInfo;
  input: string;
  batch: number;
  steps: number;
  every: number;
  warmup: number;
  /** Before the first step, every `every` steps, and after the trainer and network are disposed. */
  samples: SoakSample[];
  afterDispose: SoakSample;
  /** Wall time of every training step (reading time excluded). */
  stepMs: number[];
  totalMs: number;
}

export interface SoakSearchRaw {
  settings: AtomNasSettings;
  input: string;
  supernet: NetInfo;
  final: NetInfo;
  steps: number;
  events: { step: number; macsBefore: number; macsAfter: number; removedAtoms: number }[];
  /** Before the first step, then after every step (tagged with MACs and the number of shrinks so far). */
  samples: SoakSample[];
  afterDispose: SoakSample;
  stepMs: number[];
  totalMs: number;
}

export interface SoakRaw {
  /** gc() was exposed (--js-flags=--expose-gc): heap readings are taken right after a full GC. */
  forcedGc: boolean;
  /** The engine's cached constant scalars at the end (created once each, counted in numTensors). */
  constScalars: number;
  train: SoakTrainRaw;
  search: SoakSearchRaw | null;
  searchError?: string;
}

interface PoolManager {
  numUsedBuffers: number;
  numFreeBuffers: number;
  numBytesUsed: number;
  numBytesAllocated: number;
}

/** One reading: a forced full GC first (when gc() is exposed), then tf.memory(), the buffer manager and the heap. */
function read(step: number, t0: number, extra: Partial<SoakSample> = {}): SoakSample {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = tf.memory();
  const backend = tf.backend() as unknown as { bufferManager?: Partial<PoolManager>; numDataIds?: () => number };
  const pool = backend.bufferManager;
  const hasPool = pool !== undefined && typeof pool.numUsedBuffers === 'number' && typeof pool.numFreeBuffers === 'number';
  const heap = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return {
    step,
    atMs: performance.now() - t0,
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    dataIds: typeof backend.numDataIds === 'function' ? backend.numDataIds() : null,
    gpuBuffers: hasPool ? (pool.numUsedBuffers ?? 0) + (pool.numFreeBuffers ?? 0) : null,
    gpuBytes: hasPool ? (pool.numBytesAllocated ?? null) : null,
    gpuUsedBytes: hasPool ? (pool.numBytesUsed ?? null) : null,
    heapBytes: gc && heap ? heap.usedJSHeapSize : null,
    constScalars: constScalarCount(),
    ...extra,
  };
}

function netInfo(spec: ArchSpec): NetInfo {
  const c = archCosts(spec);
  const layers = spec.layers
    .map((l) => {
      switch (l.type) {
        case 'conv':
          return `conv${l.k}×${l.k}/${l.stride} ${l.cin}→${l.cout}`;
        case 'mb':
          return `MB ${l.branches.map((b) => `k${b.k}·${b.hidden}`).join('+')}/${l.stride} ${l.cin}→${l.cout}`;
        case 'dense':
          return `dense ${l.cin}→${l.cout}`;
        default:
          return l.type;
      }
    })
    .join(', ');
  return { name: spec.name, macs: c.macs, params: c.params, layers };
}

/**
 * The soak network: 8×8×1 input, 4 classes; stem conv 3×3 (1→4), MB k3 with expand (4→8, hidden 8, stride 2), residual
 * MB k5 (8→8, hidden 16), head conv 1×1 (8→16), global average pool, dense 16→4. Every op type of a real step (conv,
 * depthwise, BN, ReLU, residual add, pool, dense, SGD with momentum, weight decay, BN running statistics) at a few
 * dozen dispatches per step.
 */
export function soakSpec(size = 8, numClasses = 4): ArchSpec {
  return {
    version: 1,
    name: 'soak net (8×8 input, 2 MB blocks, 4 classes)',
    input: { height: size, width: size, channels: 1 },
    numClasses,
    layers: [
      { type: 'conv', cin: 1, cout: 4, k: 3, stride: 1, relu: true },
      { type: 'mb', cin: 4, cout: 8, stride: 2, branches: [{ k: 3, hidden: 8 }], residual: false },
      { type: 'mb', cin: 8, cout: 8, stride: 1, branches: [{ k: 5, hidden: 16 }], residual: true },
      { type: 'conv', cin: 8, cout: 16, k: 1, stride: 1, relu: true },
      { type: 'gap' },
      { type: 'dense', cin: 16, cout: numClasses },
    ],
  };
}

const SOAK_BATCH = 16;

/** Part A: `steps` steps of the soak network (the app's Train recipe, batch 16), a reading every `every` steps. */
export async function soakTrain(o: Pick<SoakOptions, 'steps' | 'every' | 'warmup'>, log: (s: string) => void = () => {}): Promise<SoakTrainRaw> {
  const data = syntheticData(800, 4, 8, 11);
  const spec = soakSpec(8, 4);
  const t0 = performance.now();
  const samples: SoakSample[] = [read(0, t0)];
  const net = buildNetwork(spec, rngStream(1, 'init'));
  const trainer = new Trainer(net, data, appTrainConfig(SOAK_BATCH));
  const stepMs: number[] = [];
  try {
    for (let s = 1; s <= o.steps; s++) {
      stepMs.push((await trainer.trainStep()).ms);
      if (s % o.every === 0 || s === o.steps) {
        const r = read(s, t0);
        samples.push(r);
        const recent = stepMs.slice(-o.every);
        log(`soak ${s}/${o.steps}: ${r.numTensors} tensors, pool ${r.gpuBuffers ?? '–'} buffers / ${r.gpuBytes ?? '–'} B, heap ${r.heapBytes ?? '–'} B; ${(recent.reduce((a, b) => a + b, 0) / recent.length).toFixed(0)} ms/step`);
      }
    }
  } finally {
    trainer.dispose();
    net.dispose();
  }
  const afterDispose = read(o.steps, t0);
  return { spec: netInfo(spec), input: '8×8×1 synthetic (4 classes)', batch: SOAK_BATCH, steps: o.steps, every: o.every, warmup: o.warmup, samples, afterDispose, stepMs, totalMs: performance.now() - t0 };
}

/** The soak search's settings: the tiny preset with the soak's fields replaced. */
export function soakSearchSettings(b: SoakSearchSettings): AtomNasSettings {
  return {
    ...atomnasPreset('tiny'),
    width: b.width,
    kernels: [...b.kernels],
    batchSize: b.batch,
    trainLimit: 0,
    epochs: b.epochs,
    shrinkEvery: b.shrinkEvery,
    rho: b.rho,
    bnRecalBatches: 4,
    // On 8×8 input the last blocks see 1×1 maps, where batch-statistics BN amplifies gradients; at the preset's lr 0.1
    // the search diverged at step 39 on SwiftShader (the AtomNAS unit tests use lr 0.03 on 8×8 for the same reason).
    lr: 0.03,
  };
}

/**
 * Part B: an AtomNAS search created as the worker creates it (`createRun(ctx, settings)`), stepped to the end with a
 * snapshot after every step (as the worker's live view drains it), and finished (validation and test); a reading
 * after every step.
 */
export async function soakSearch(b: SoakSearchSettings, log: (s: string) => void = () => {}): Promise<SoakSearchRaw> {
  const data = syntheticData(b.images, 4, b.size, 13);
  const settings = soakSearchSettings(b);
  const t0 = performance.now();
  const before = read(0, t0, { events: 0 });
  const run = createRun({ data, profile: null }, settings);
  const supernet = netInfo(run.net.spec);
  before.macs = run.macs;
  const samples: SoakSample[] = [before];
  const stepMs: number[] = [];
  try {
    run.start();
    for (let i = 0; i < run.totalSteps; i++) {
      const t = performance.now();
      const s = await run.step();
      stepMs.push(performance.now() - t);
      run.snapshot();
      const r = read(s.done, t0, { macs: run.macs, events: run.events.length });
      samples.push(r);
      const prev = samples[samples.length - 2];
      if (r.events !== prev.events || s.done % 10 === 0) {
        log(`search step ${s.done}/${run.totalSteps}: ${r.events} shrinks, MACs ${(run.macs / 1e6).toFixed(4)}M, ${r.numTensors} tensors, pool ${r.gpuBuffers ?? '–'} buffers, heap ${r.heapBytes ?? '–'} B`);
      }
    }
    await run.finish();
    run.outcome();
    const final = netInfo(run.net.spec);
    const events = run.events.map((e) => ({ step: e.step, macsBefore: e.macsBefore, macsAfter: e.macsAfter, removedAtoms: e.removedAtoms }));
    const steps = run.totalSteps;
    run.dispose();
    const afterDispose = read(steps, t0, { events: events.length });
    return { settings, input: `${b.size}×${b.size}×1 synthetic (4 classes)`, supernet, final, steps, events, samples, afterDispose, stepMs, totalMs: performance.now() - t0 };
  } catch (e) {
    run.dispose();
    throw e;
  }
}

/** Both parts; a failed search is reported, not thrown, so that part A's figures survive it. */
export async function measureSoak(o: SoakOptions, log: (s: string) => void = () => {}): Promise<SoakRaw> {
  const forcedGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  if (!forcedGc) log('gc() is not exposed (--js-flags=--expose-gc): no heap readings');
  const train = await soakTrain(o, log);
  let search: SoakSearchRaw | null = null;
  let searchError: string | undefined;
  try {
    search = await soakSearch(o.search, log);
  } catch (e) {
    searchError = e instanceof Error ? e.message : String(e);
    log(`search failed: ${searchError}`);
  }
  return { forcedGc, constScalars: constScalarCount(), train, search, ...(searchError ? { searchError } : {}) };
}
