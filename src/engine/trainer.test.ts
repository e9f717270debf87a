import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rngStream } from '../core/rng';
import { buildNetwork } from './network';
import { liveTensors, syntheticData, tinySpec, useCpuBackend } from './testing';
import { DivergenceError, Trainer, type TrainConfig } from './trainer';

beforeAll(useCpuBackend);

const cfg = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  epochs: 40,
  batchSize: 8,
  lr: 0.05,
  optimizer: 'sgd',
  momentum: 0.9,
  nesterov: true,
  schedule: 'cosine',
  warmupSteps: 5,
  weightDecay: 4e-5,
  labelSmoothing: 0.1,
  seed: 1,
  ...over,
});

async function snapshotValues(names: string[], net: ReturnType<typeof buildNetwork>): Promise<number[][]> {
  return Promise.all(names.map(async (n) => Array.from(await net.params.get(n).data())));
}

describe('Trainer', () => {
  it('does not leak tensors between step 10 and step 200', async () => {
    const data = syntheticData(200);
    const net = buildNetwork(tinySpec(), rngStream(1, 'init'));
    const trainer = new Trainer(net, data, cfg());
    expect(trainer.stepsPerEpoch).toBe(15);
    expect(trainer.totalSteps).toBe(600);
    for (let i = 0; i < 10; i++) await trainer.trainStep();
    const at10 = tf.memory().numTensors;
    for (let i = 10; i < 200; i++) await trainer.trainStep();
    expect(tf.memory().numTensors).toBe(at10);
    expect(trainer.stepIndex).toBe(200);
    trainer.dispose();
    net.dispose();
  });

  it('learns the synthetic task; evaluate covers the whole split, also after BN recalibration', async () => {
    const data = syntheticData(200);
    const net = buildNetwork(tinySpec(), rngStream(2, 'init'));
    const trainer = new Trainer(net, data, cfg({ epochs: 8, evalBatchSize: 16 }));
    let last = { step: 0, epoch: 0, loss: 0, lr: 0, images: 0 };
    while (!trainer.done) last = await trainer.trainStep();
    expect(last.epoch).toBe(7);
    expect(last.images).toBe(8);
    const val = await trainer.evaluate('val');
    expect(val.n).toBe(40);
    expect(val.accuracy).toBeGreaterThanOrEqual(0.9);
    const before = tf.memory().numTensors;
    const recal = await trainer.evaluate('test', { bnRecalibrate: true });
    expect(recal.n).toBe(40);
    expect(recal.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    net.dispose();
  });

  it('throws DivergenceError on a NaN loss without touching any variable', async () => {
    const data = syntheticData(60);
    const net = buildNetwork(tinySpec(), rngStream(3, 'init'));
    const trainer = new Trainer(net, data, cfg({ epochs: 1 }), { regularizer: () => tf.scalar(NaN) });
    const names = net.params.names();
    const before = await snapshotValues(names, net);
    const nTensors = liveTensors();
    const err = await trainer.trainStep().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as Error).message).toMatch(/diverged at step 0.*NaN.*Lower the learning rate/);
    expect(await snapshotValues(names, net)).toEqual(before);
    expect(trainer.stepIndex).toBe(0);
    expect(trainer.optimizer.stateNames()).toEqual([]);
    // The one new tensor is the optimizer's learning-rate scalar (engine/scalars ScalarSlot).
    expect(liveTensors()).toBe(nTensors + 1);
    trainer.dispose();
    net.dispose();
  });

  it('a diverging step with NaN gradients changes nothing (weights, slots, BN statistics, Adam counts); training goes on', async () => {
    // The loss is read back after the update was queued (issue 15 §4): the update is masked on the device by
    // isFinite(loss), so this checks the GPU-side select, not an early return.
    const data = syntheticData(60);
    const net = buildNetwork(tinySpec(), rngStream(5, 'init'));
    let poison = false;
    const trainer = new Trainer(net, data, cfg({ epochs: 2, optimizer: 'adam', lr: 0.01 }), {
      regularizer: (n) => (poison ? tf.mul(tf.sum(n.params.get('L0.w')), NaN) : tf.scalar(0)),
    });
    await trainer.trainStep();
    await trainer.trainStep();
    const names = net.params.names();
    const slotValues = async (): Promise<number[][]> =>
      Promise.all(trainer.optimizer.stateNames().flatMap((n) => Object.values(trainer.optimizer.getState(n)!).map(async (v) => Array.from(await v.data()))));
    const before = await snapshotValues(names, net);
    const slotsBefore = await slotValues();
    const count = trainer.optimizer.stepCount('L0.w');
    poison = true;
    await expect(trainer.trainStep()).rejects.toBeInstanceOf(DivergenceError);
    expect(await snapshotValues(names, net)).toEqual(before);
    expect(await slotValues()).toEqual(slotsBefore);
    expect(trainer.optimizer.stepCount('L0.w')).toBe(count);
    expect(trainer.stepIndex).toBe(2);
    poison = false;
    const info = await trainer.trainStep();
    expect(Number.isFinite(info.loss)).toBe(true);
    expect(trainer.optimizer.stepCount('L0.w')).toBe(count + 1);
    expect((await snapshotValues(['L0.w'], net))[0]).not.toEqual(before[names.indexOf('L0.w')]);
    trainer.dispose();
    net.dispose();
  });

  it('gradients that overflow while the loss is finite: the update is masked and the run stops (gradient-norm rule)', async () => {
    const data = syntheticData(60);
    const net = buildNetwork(tinySpec(), rngStream(6, 'init'));
    let poison = false;
    // 1e30 · Σw keeps the objective finite, but its gradient (1e30 per weight) squares past float32's range.
    const trainer = new Trainer(net, data, cfg({ epochs: 2, gradNormEvery: 1 }), {
      regularizer: (n) => (poison ? tf.mul(tf.sum(n.params.get('L0.w')), 1e30) : tf.scalar(0)),
    });
    await trainer.trainStep();
    const before = await snapshotValues(['L0.w'], net);
    poison = true;
    const err = await trainer.trainStep().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as DivergenceError).message).toMatch(/the gradient norm became Infinity \(the loss was still finite\).*The update was not applied/);
    expect(await snapshotValues(['L0.w'], net)).toEqual(before);
    trainer.dispose();
    net.dispose();
  });

  it('single-path hooks: only trainableNames change (and only their BN running stats)', async () => {
    const data = syntheticData(60);
    const net = buildNetwork(tinySpec(), rngStream(4, 'init'));
    const trained = net.params.names((e) => e.trainable && !e.name.startsWith('L2.'));
    let afterApplyCalls = 0;
    const trainer = new Trainer(net, data, cfg({ epochs: 1 }), {
      trainableNames: () => trained,
      // Path that skips layer 2 entirely (its residual makes the skip shape-safe).
      forward: (n, x, training) => {
        const spec = { ...n.spec, layers: n.spec.layers.map((l, i) => (i === 2 ? { type: 'skip' as const, cin: 4, cout: 4 } : l)) };
        const saved = n.spec;
        n.spec = spec;
        try {
          return n.apply(x, training);
        } finally {
          n.spec = saved;
        }
      },
      afterApply: () => afterApplyCalls++,
    });
    const l2 = net.params.names((e) => e.name.startsWith('L2.'));
    const before = await snapshotValues(l2, net);
    const w0 = Array.from(await net.params.get('L0.w').data());
    for (let i = 0; i < 3; i++) await trainer.trainStep();
    expect(await snapshotValues(l2, net)).toEqual(before);
    expect(Array.from(await net.params.get('L0.w').data())).not.toEqual(w0);
    expect(trainer.optimizer.getState('L2.expand.w')).toBeUndefined();
    expect(afterApplyCalls).toBe(3);
    trainer.dispose();
    net.dispose();
  });
});

describe('Trainer divergence (engine/divergence.ts)', () => {
  it('stops a run whose loss explodes without becoming NaN (Adam at lr 50, no warm-up)', async () => {
    const data = syntheticData(200);
    const net = buildNetwork(tinySpec(), rngStream(5, 'init'));
    const trainer = new Trainer(net, data, cfg({ optimizer: 'adam', lr: 50, warmupSteps: 0, schedule: 'constant', weightDecay: 0, labelSmoothing: 0 }));
    const losses: number[] = [];
    let err: unknown = null;
    while (!trainer.done && err === null) {
      try {
        losses.push((await trainer.trainStep()).loss);
      } catch (e) {
        err = e;
      }
    }
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as DivergenceError).reason).toBe('too-high');
    expect((err as Error).message).toMatch(/loss stayed above .*The run was stopped at this step\..*another optimizer/);
    expect(trainer.stepIndex).toBe(losses.length); // the step that threw was not counted
    expect(trainer.stepIndex).toBeLessThan(60);
    trainer.dispose();
    net.dispose();
  });
});
