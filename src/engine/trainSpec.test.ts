import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rngStream } from '../core/rng';
import { buildNetwork } from './network';
import { liveTensors, syntheticData, tinySpec, useCpuBackend } from './testing';
import { Trainer } from './trainer';
import { budgetConfig, createSpecTraining, trainSpecToEnd, type TrainRecipe } from './trainSpec';

beforeAll(useCpuBackend);

const recipe = (over: Partial<TrainRecipe> = {}): TrainRecipe => ({
  batchSize: 8,
  lr: 0.05,
  optimizer: 'sgd',
  momentum: 0.9,
  schedule: 'cosine',
  warmupSteps: 2,
  weightDecay: 4e-5,
  labelSmoothing: 0.1,
  seed: 3,
  ...over,
});

// 200 images: 120 train (15 batches of 8), 40 val, 40 test.
const data = syntheticData(200);

describe('training budgets', () => {
  it('epochs map directly; steps and images become the epochs they reach into plus a step cap', () => {
    expect(budgetConfig(recipe(), { epochs: 2 }, 120)).toEqual({ ...recipe(), epochs: 2 });
    expect(budgetConfig(recipe(), { steps: 20 }, 120)).toEqual({ ...recipe(), epochs: 2, maxSteps: 20 });
    expect(budgetConfig(recipe(), { steps: 15 }, 120)).toMatchObject({ epochs: 1, maxSteps: 15 });
    // 100 images in batches of 8: 13 steps (104 images seen).
    expect(budgetConfig(recipe(), { images: 100 }, 120)).toMatchObject({ epochs: 1, maxSteps: 13 });
    expect(budgetConfig(recipe(), { images: 0 }, 120)).toMatchObject({ epochs: 0, maxSteps: 0 });
  });

  it('rejects budgets that are not whole non-negative counts, and batches that do not fit', () => {
    expect(() => budgetConfig(recipe(), { epochs: -1 }, 120)).toThrow(/epochs must be an integer ≥ 0, got -1/);
    expect(() => budgetConfig(recipe(), { steps: 2.5 }, 120)).toThrow(/steps must be an integer ≥ 0, got 2.5/);
    expect(() => budgetConfig(recipe(), { images: Number.NaN }, 120)).toThrow(/images must be a number ≥ 0/);
    expect(() => budgetConfig(recipe({ batchSize: 200 }), { steps: 1 }, 120)).toThrow(/batch size 200 is larger than the 120 training examples/);
  });

  it('the Trainer runs exactly the budget, and the LR schedule spans it', async () => {
    const byEpochs = createSpecTraining(tinySpec(), data, recipe(), { epochs: 2 });
    const bySteps = createSpecTraining(tinySpec(), data, recipe(), { steps: 20 });
    const byImages = createSpecTraining(tinySpec(), data, recipe(), { images: 100 });
    try {
      expect([byEpochs.stepsPerEpoch, byEpochs.totalSteps, bySteps.totalSteps, byImages.totalSteps]).toEqual([15, 30, 20, 13]);
      // Cosine decays to 0 on the last step of each budget, not of the epochs it reaches into.
      expect(bySteps.trainer.lrAt(19)).toBeCloseTo(0, 12);
      expect(bySteps.trainer.lrAt(10)).toBeGreaterThan(0);
      const r = await byImages.run();
      expect(r.steps).toBe(13);
      expect(byImages.done).toBe(true);
    } finally {
      byEpochs.dispose();
      bySteps.dispose();
      byImages.dispose();
    }
  });
});

describe('createSpecTraining', () => {
  it('gives the same numbers as building the network from the seeded init stream and a Trainer by hand', async () => {
    const net = buildNetwork(tinySpec(), rngStream(3, 'init'));
    const trainer = new Trainer(net, data, { ...recipe(), epochs: 1 });
    const t = createSpecTraining(tinySpec(), data, recipe(), { epochs: 1 });
    try {
      for (let i = 0; i < 5; i++) expect((await t.step()).loss).toBe((await trainer.trainStep()).loss);
      expect((await t.evaluate('val')).accuracy).toBe((await trainer.evaluate('val')).accuracy);
    } finally {
      t.dispose();
      trainer.dispose();
      net.dispose();
    }
  });

  it('the init stream name picks the initial weights; the spec is validated (a clean copy)', async () => {
    const a = createSpecTraining(tinySpec(), data, recipe(), { steps: 1 });
    const b = createSpecTraining(tinySpec(), data, recipe(), { steps: 1 }, { initStream: 'final-init' });
    try {
      const name = a.net.params.names()[0];
      const wa = Array.from(await a.net.params.get(name).data());
      const wb = Array.from(await b.net.params.get(name).data());
      expect(wa).not.toEqual(wb);
      expect(a.spec).toEqual(tinySpec());
    } finally {
      a.dispose();
      b.dispose();
    }
    const bad = { ...tinySpec(), numClasses: 5 };
    const before = liveTensors();
    expect(() => createSpecTraining(bad, data, recipe(), { epochs: 1 })).toThrow(/classifier must output numClasses 5/);
    expect(liveTensors()).toBe(before);
  });

  it('frees the network when the Trainer cannot be built', () => {
    const before = liveTensors();
    // An epoch budget reaches the Trainer, whose batch source refuses a batch larger than the training set.
    expect(() => createSpecTraining(tinySpec(), data, recipe({ batchSize: 500 }), { epochs: 1 })).toThrow(/batch size 500 is larger than the 120/);
    expect(liveTensors()).toBe(before);
  });

  it('leaves no tensor behind after dispose; a released network outlives it until the caller frees it', async () => {
    const before = liveTensors();
    const t = createSpecTraining(tinySpec(), data, recipe(), { steps: 6 });
    for (let i = 0; i < 3; i++) await t.step();
    await t.evaluate('val', { bnRecalibrate: true });
    await t.run({ test: true });
    t.dispose();
    t.dispose(); // twice is harmless
    expect(liveTensors()).toBe(before);

    const kept = createSpecTraining(tinySpec(), data, recipe(), { steps: 2 });
    await kept.run();
    const net = kept.releaseNetwork();
    kept.dispose();
    expect(liveTensors()).toBeGreaterThan(before);
    expect(tf.tidy(() => net.predict(tf.zeros([1, 8, 8, 1])).shape)).toEqual([1, 4]);
    net.dispose();
    expect(liveTensors()).toBe(before);
  });
});

describe('running to the end', () => {
  it('validates every epoch (a partial last one too) and reuses the last validation as the final one', async () => {
    const before = liveTensors();
    const rows: number[] = [];
    let steps = 0;
    const r = await trainSpecToEnd(tinySpec(), data, recipe(), { steps: 20 }, {
      validateEachEpoch: true,
      test: true,
      onStep: () => steps++,
      onEpoch: (row) => rows.push(row.epoch),
    });
    expect(steps).toBe(20);
    expect(rows).toEqual([1, 2]);
    expect(r.history).toHaveLength(2);
    expect(r.valAccuracy).toBe(r.history[1].valAccuracy);
    for (const row of r.history) {
      expect(Number.isFinite(row.loss)).toBe(true);
      expect(row.imagesPerSec).toBeGreaterThan(0);
    }
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(r.testLoss).toBeGreaterThan(0);
    expect(liveTensors()).toBe(before);
  });

  it('valAndTest scores val then test (each split its own figure) and changes nothing', async () => {
    const t = createSpecTraining(tinySpec(), data, recipe(), { steps: 6 });
    try {
      await t.run();
      const r = await t.valAndTest();
      const val = await t.evaluate('val');
      const test = await t.evaluate('test');
      expect(r).toEqual({ val: val.accuracy, test: test.accuracy });
      expect((await t.valAndTest()).val).toBe(r.val);
      expect(val.loss).not.toBe(test.loss);
    } finally {
      t.dispose();
    }
  });

  it('without per-epoch validation: one validation at the end, no history, no test unless asked', async () => {
    const r = await trainSpecToEnd(tinySpec(), data, recipe(), { epochs: 1 }, { bnRecalibrate: true });
    expect(r.history).toEqual([]);
    expect(r.steps).toBe(15);
    expect(r.valAccuracy).toBeGreaterThanOrEqual(0);
    expect(r).not.toHaveProperty('testAccuracy');
  });
});
