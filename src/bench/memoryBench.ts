/**
 * Memory after a short and a long training run of the tiny network (width 0.25, stem stride 2, batch 16: the e2e
 * preset): tf.memory() tensor counts and bytes, and on WebGPU the bytes in live buffers and in the buffer pool.
 * Runs in the browser and in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { archCosts } from '../core/costs';
import { rngStream } from '../core/rng';
import { baselineSpec } from '../core/skeleton';
import { buildNetwork } from '../engine/network';
import { Trainer, type TrainConfig, type TrainData } from '../engine/trainer';
import type { MemoryReading } from './summary';

export interface MemoryRaw {
  spec: { name: string; macs: number; params: number };
  batch: number;
  /** Before the first step, after the short run, after the long run. */
  readings: MemoryReading[];
  msPerStep: number;
}

/** The app's Train recipe (URL defaults: SGD 0.9, lr 0.05, wd 4e-5, label smoothing 0.1), constant lr. */
export function appTrainConfig(batch: number): TrainConfig {
  return { epochs: 1_000, batchSize: batch, lr: 0.05, optimizer: 'sgd', schedule: 'constant', weightDecay: 4e-5, labelSmoothing: 0.1, seed: 1 };
}

function reading(steps: number): MemoryReading {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesAllocatedInGPU?: number };
  return {
    steps,
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    gpuBytesUsed: typeof m.numBytesInGPU === 'number' ? m.numBytesInGPU : null,
    gpuBytesAllocated: typeof m.numBytesAllocatedInGPU === 'number' ? m.numBytesAllocatedInGPU : null,
  };
}

/** Train the tiny network and read tf.memory() before training and after `counts[0]` and `counts[1]` steps. */
export async function memoryAfterSteps(data: TrainData, counts: [number, number], log: (s: string) => void = () => {}): Promise<MemoryRaw> {
  const { dataset } = data;
  const batch = 16;
  const spec = baselineSpec({ width: 0.25, tiny: true, input: { height: dataset.height, width: dataset.width, channels: dataset.channels }, numClasses: dataset.numClasses });
  const net = buildNetwork(spec, rngStream(1, 'init'));
  const trainer = new Trainer(net, data, appTrainConfig(batch));
  const readings: MemoryReading[] = [reading(0)];
  const t0 = performance.now();
  try {
    for (let s = 1; s <= counts[1]; s++) {
      await trainer.trainStep();
      if (s === counts[0] || s === counts[1]) {
        readings.push(reading(s));
        log(`memory: ${s} steps, ${readings[readings.length - 1].numTensors} tensors`);
      }
    }
    const c = archCosts(spec);
    return { spec: { name: spec.name, macs: c.macs, params: c.params }, batch, readings, msPerStep: (performance.now() - t0) / counts[1] };
  } finally {
    trainer.dispose();
    net.dispose();
  }
}
