/**
 * Issue 15 §5: Trainer.precompileStep leaves every weight, BN running statistic, optimizer slot and step count as it
 * found it, and training afterwards is bit-identical to training without it. On the CPU backend precompileStep really
 * runs the step's update (there is no compile-only mode there), so a restore that missed anything would show here.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rngStream } from '../core/rng';
import { buildNetwork } from './network';
import { precompileTrainStep } from './precompile';
import { liveTensors, syntheticData, tinySpec } from './testing';
import { Trainer, type TrainConfig } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const cfg = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  epochs: 3,
  batchSize: 8,
  lr: 0.05,
  optimizer: 'sgd',
  momentum: 0.9,
  schedule: 'cosine',
  warmupSteps: 2,
  weightDecay: 4e-5,
  labelSmoothing: 0.1,
  seed: 1,
  ...over,
});

function make(over: Partial<TrainConfig> = {}): Trainer {
  return new Trainer(buildNetwork(tinySpec(), rngStream(1, 'init')), syntheticData(120), cfg(over));
}

function free(t: Trainer): void {
  t.dispose();
  t.net.dispose();
}

async function losses(t: Trainer, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await t.trainStep()).loss);
  return out;
}

describe('Trainer.precompileStep', () => {
  for (const optimizer of ['sgd', 'rmsprop', 'adam'] as const) {
    it(`${optimizer}: changes no weight, BN statistic, optimizer slot or step count; later losses are identical`, async () => {
      const plain = make({ optimizer });
      const pre = make({ optimizer });
      try {
        // Once before the first step (no slots yet) and once mid-run (slots and step counts exist).
        await losses(plain, 2);
        const p0 = await pre.net.params.snapshot();
        pre.precompileStep();
        expect(await pre.net.params.snapshot()).toEqual(p0);
        expect(pre.optimizer.stateNames()).toEqual([]);
        expect(pre.stepIndex).toBe(0);
        await losses(pre, 2);
        const p1 = await pre.net.params.snapshot();
        const o1 = await pre.optimizer.saveState();
        const live = liveTensors();
        pre.precompileStep();
        expect(await pre.net.params.snapshot()).toEqual(p1);
        expect(await pre.optimizer.saveState()).toEqual(o1);
        expect(liveTensors()).toBe(live);
        expect(pre.stepIndex).toBe(2);
        expect(await losses(pre, 4)).toEqual(await losses(plain, 4));
        expect(await pre.net.params.snapshot()).toEqual(await plain.net.params.snapshot());
      } finally {
        free(plain);
        free(pre);
      }
    });
  }

  it('precompileTrainStep is a no-op off WebGPU', async () => {
    const t = make();
    try {
      const p0 = await t.net.params.snapshot();
      const seen: number[] = [];
      const r = await precompileTrainStep(t, (p) => seen.push(p.done));
      expect(r.programs).toBe(0);
      expect(seen).toEqual([]);
      expect(await t.net.params.snapshot()).toEqual(p0);
    } finally {
      free(t);
    }
  });
});
