/**
 * Training throughput of the baseline ArchSpec: this engine's Trainer against the same network as a stock tfjs
 * LayersModel (engine/export's `toLayersModel`, same initial weights) trained with `trainOnBatch`, same batch size,
 * same data order and the same backend, in alternating blocks within one run. Runs in the browser and in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { archCosts } from '../core/costs';
import { rngStream } from '../core/rng';
import { baselineSpec } from '../core/skeleton';
import { BatchSource, disposeBatch } from '../engine/batches';
import { engineConvKernelsActive, setEngineConvKernels, type EngineConvMode } from '../engine/convGrads';
import { toLayersModel } from '../engine/export';
import { diffCounts, instrumentWebGpu, type GpuCounts } from '../engine/gpuCounters';
import { buildNetwork } from '../engine/network';
import { Trainer, type TrainConfig, type TrainData } from '../engine/trainer';

export interface ThroughputOptions {
  net: 'tiny' | 'full';
  width: number;
  batch: number;
  rounds: number;
  block: number;
  warmup: number;
  seed?: number;
  /** After the timed rounds, count the kernels one step of each side runs (tf.profile; cheap on the CPU only). */
  countKernels?: boolean;
  /**
   * On a webgpu backend (real, or the mock device in Node): count the GPU work of `countGpuSteps` further steps of
   * each side (engine/gpuCounters: dispatches, uploads, passes, submits, readbacks, pipeline compiles).
   */
  countGpu?: boolean;
  /** Steps per side counted when `countGpu` (default 2). */
  countGpuSteps?: number;
  /** When the engine's conv gradient programs replace tfjs's on WebGPU (engine/convGrads; default 'auto'). */
  engineConv?: EngineConvMode;
}

/** GPU work per training step, after the warm-up steps (so pipeline compiles are those after step 1). */
export interface GpuStepCounts {
  engine: GpuCounts[];
  stock: GpuCounts[];
}

/** Raw timings: per-step wall milliseconds (loss read back included on both sides). */
export interface ThroughputRaw {
  backend: string;
  spec: { name: string; macs: number; params: number };
  batch: number;
  /** Warm-up steps (shader compilation on the first), not part of the comparison. */
  engineWarmupMs: number[];
  stockWarmupMs: number[];
  /** Round i: `block` steps each; rounds alternate which side goes first. */
  engineBlocks: number[][];
  stockBlocks: number[][];
  lossEngine: number[];
  lossStock: number[];
  recipe: string;
  /** Kernels launched by one training step (when asked for): the number of dispatches a GPU would see. */
  kernels?: { engine: number; stock: number; engineTop: [string, number][]; stockTop: [string, number][] };
  /** GPU work of single steps (when asked for, on webgpu). */
  gpuCounts?: GpuStepCounts;
}

function topKernels(names: string[], n = 8): [string, number][] {
  const counts = new Map<string, number>();
  for (const k of names) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

const LR = 0.05;
const MOMENTUM = 0.9;
const LABEL_SMOOTHING = 0.1;

/**
 * Measure both trainers on `data`. The recipe is what the two can share exactly: SGD momentum 0.9, constant lr,
 * label-smoothed softmax cross-entropy, BN in training mode with momentum 0.9, no weight decay (the exported model
 * carries no regularisers).
 */
export async function measureThroughput(data: TrainData, o: ThroughputOptions, log: (s: string) => void = () => {}): Promise<ThroughputRaw> {
  const { dataset, split } = data;
  const seed = o.seed ?? 1;
  setEngineConvKernels(o.engineConv ?? 'auto');
  const spec = baselineSpec({
    width: o.width,
    tiny: o.net === 'tiny',
    input: { height: dataset.height, width: dataset.width, channels: dataset.channels },
    numClasses: dataset.numClasses,
  });
  const costs = archCosts(spec);
  const cfg: TrainConfig = {
    epochs: 1_000_000,
    batchSize: o.batch,
    lr: LR,
    optimizer: 'sgd',
    momentum: MOMENTUM,
    schedule: 'constant',
    weightDecay: 0,
    labelSmoothing: LABEL_SMOOTHING,
    seed,
  };
  const net = buildNetwork(spec, rngStream(seed, 'init'));
  const trainer = new Trainer(net, data, cfg);
  // Same initial weights: exported before any engine step.
  const model = toLayersModel(net);
  const optimizer = tf.train.momentum(LR, MOMENTUM);
  model.compile({
    optimizer,
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred, undefined, LABEL_SMOOTHING),
  });
  const source = new BatchSource(dataset, split.train, o.batch, rngStream(seed, 'data'));
  const lossEngine: number[] = [];
  const lossStock: number[] = [];
  const engineStep = async (): Promise<number> => {
    const info = await trainer.trainStep();
    lossEngine.push(info.loss);
    return info.ms;
  };
  const stockStep = async (): Promise<number> => {
    const t0 = performance.now();
    const b = source.next();
    const y = tf.tidy(() => tf.cast(tf.oneHot(b.y, dataset.numClasses), 'float32'));
    try {
      const loss = await model.trainOnBatch(b.x, y);
      lossStock.push(Array.isArray(loss) ? loss[0] : loss);
    } finally {
      disposeBatch(b);
      y.dispose();
    }
    return performance.now() - t0;
  };
  const run = async (step: () => Promise<number>, n: number): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await step());
    return out;
  };
  try {
    const engineWarmupMs = await run(engineStep, Math.max(1, o.warmup));
    const stockWarmupMs = await run(stockStep, Math.max(1, o.warmup));
    log(`warm-up: engine ${engineWarmupMs.map((v) => v.toFixed(0)).join(', ')} ms; stock ${stockWarmupMs.map((v) => v.toFixed(0)).join(', ')} ms`);
    const engineBlocks: number[][] = [];
    const stockBlocks: number[][] = [];
    for (let r = 0; r < o.rounds; r++) {
      // ABBA order: neither side always runs right after the other's allocations.
      if (r % 2 === 0) {
        engineBlocks.push(await run(engineStep, o.block));
        stockBlocks.push(await run(stockStep, o.block));
      } else {
        stockBlocks.push(await run(stockStep, o.block));
        engineBlocks.push(await run(engineStep, o.block));
      }
      log(`round ${r + 1}/${o.rounds}: engine ${engineBlocks[r].map((v) => v.toFixed(0)).join(', ')} ms; stock ${stockBlocks[r].map((v) => v.toFixed(0)).join(', ')} ms`);
    }
    let kernels: ThroughputRaw['kernels'];
    if (o.countKernels) {
      // tf.profile returns the engine's one activeProfile object: copy the names out before profiling again.
      const names = async (step: () => Promise<number>): Promise<string[]> =>
        (
          await tf.profile(async () => {
            await step();
          })
        ).kernels.map((k) => k.name);
      const e = await names(engineStep);
      const s = await names(stockStep);
      kernels = { engine: e.length, stock: s.length, engineTop: topKernels(e), stockTop: topKernels(s) };
      log(`kernels per step: engine ${kernels.engine}, stock ${kernels.stock}`);
    }
    let gpuCounts: GpuStepCounts | undefined;
    if (o.countGpu && tf.getBackend() === 'webgpu') {
      const counter = instrumentWebGpu();
      const countSteps = async (step: () => Promise<number>): Promise<GpuCounts[]> => {
        const out: GpuCounts[] = [];
        for (let i = 0; i < (o.countGpuSteps ?? 2); i++) {
          const before = counter.snapshot();
          await step();
          out.push(diffCounts(counter.snapshot(), before));
        }
        return out;
      };
      gpuCounts = { engine: await countSteps(engineStep), stock: await countSteps(stockStep) };
      log(`GPU work per step: engine ${JSON.stringify(gpuCounts.engine[0])}; stock ${JSON.stringify(gpuCounts.stock[0])}`);
    }
    return {
      kernels,
      gpuCounts,
      backend: tf.getBackend(),
      spec: { name: spec.name, macs: costs.macs, params: costs.params },
      batch: o.batch,
      engineWarmupMs,
      stockWarmupMs,
      engineBlocks,
      stockBlocks,
      lossEngine,
      lossStock,
      recipe: `SGD momentum ${MOMENTUM}, lr ${LR} constant, label smoothing ${LABEL_SMOOTHING}, no weight decay, BN momentum ${net.bnMomentum}; engine conv gradient programs ${engineConvKernelsActive() ? 'on' : 'off'} (${o.engineConv ?? 'auto'})`,
    };
  } finally {
    model.dispose();
    optimizer.dispose();
    trainer.dispose();
    net.dispose();
  }
}
