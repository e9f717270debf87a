import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rngStream } from '../core/rng';
import { decodeCheckpoint, encodeCheckpoint } from '../core/runs/checkpointFile';
import { buildNetwork, type Network } from './network';
import { syntheticData, tinySpec, useCpuBackend } from './testing';
import { Trainer, type TrainConfig, type TrainerCheckpoint } from './trainer';

beforeAll(useCpuBackend);

const cfg = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  epochs: 4,
  batchSize: 8,
  lr: 0.05,
  optimizer: 'sgd',
  momentum: 0.9,
  nesterov: true,
  schedule: 'cosine',
  warmupSteps: 5,
  weightDecay: 4e-5,
  labelSmoothing: 0.1,
  seed: 3,
  ...over,
});

async function state(net: Network, trainer: Trainer): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const [n, v] of await net.params.snapshot()) out[n] = Array.from(v.data);
  const opt = await trainer.optimizer.saveState();
  for (const [n, slots] of Object.entries(opt.slots)) for (const [s, v] of Object.entries(slots)) out[`opt:${n}:${s}`] = Array.from(v.data);
  for (const [n, t] of Object.entries(opt.steps)) out[`steps:${n}`] = [t];
  return out;
}

describe('training checkpoints (issue 16 §1: a resumed run continues bit for bit on the CPU backend)', () => {
  for (const optimizer of ['sgd', 'adam'] as const) {
    it(`${optimizer}: k steps, checkpoint through bytes, restore in a fresh network and trainer, k more = 2k uninterrupted`, async () => {
      const data = syntheticData(120); // 10 steps per epoch: k = 13 crosses an epoch boundary, 2k a second one
      const k = 13;
      const c = cfg({ optimizer, lr: optimizer === 'adam' ? 0.003 : 0.05 });

      const netA = buildNetwork(tinySpec(), rngStream(1, 'init'));
      const a = new Trainer(netA, data, c);
      for (let i = 0; i < 2 * k; i++) await a.trainStep();
      const want = await state(netA, a);

      const netB = buildNetwork(tinySpec(), rngStream(1, 'init'));
      const b = new Trainer(netB, data, c);
      for (let i = 0; i < k; i++) await b.trainStep();
      const bytes = encodeCheckpoint({ checkpoint: await b.checkpoint(), meta: { note: 'test' } });
      b.dispose();
      netB.dispose();

      // A different initialisation: everything must come from the checkpoint.
      const netC = buildNetwork(tinySpec(), rngStream(99, 'init'));
      const cTrainer = new Trainer(netC, data, c);
      const file = decodeCheckpoint<{ note: string }, TrainerCheckpoint>(bytes, 'test.ckpt');
      expect(file.meta.note).toBe('test');
      cTrainer.restore(file.checkpoint);
      expect(cTrainer.stepIndex).toBe(k);
      for (let i = 0; i < k; i++) await cTrainer.trainStep();
      const got = await state(netC, cTrainer);
      expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
      for (const n of Object.keys(want)) expect(got[n], n).toEqual(want[n]);

      // Without the checkpoint the fresh trainer would not get there (the test can fail).
      const netD = buildNetwork(tinySpec(), rngStream(99, 'init'));
      const d = new Trainer(netD, data, c);
      for (let i = 0; i < k; i++) await d.trainStep();
      const other = await state(netD, d);
      expect(other['L0.w']).not.toEqual(want['L0.w']);
      for (const t of [a, cTrainer, d]) t.dispose();
      for (const n of [netA, netC, netD]) n.dispose();
    });
  }

  it('refuses a checkpoint of another network or data, naming what differs, and changes nothing', async () => {
    const data = syntheticData(120);
    const net = buildNetwork(tinySpec(), rngStream(1, 'init'));
    const t = new Trainer(net, data, cfg());
    await t.trainStep();
    const cp = await t.checkpoint();
    const before = Array.from(await net.params.get('L0.w').data());
    const other = syntheticData(200);
    const t2 = new Trainer(net, other, cfg());
    expect(() => t2.restore(cp)).toThrow(/batch order covers \d+ images; this run trains on \d+/);
    cp.params.delete('L0.w');
    expect(() => t.restore(cp)).toThrow(/lacks variable "L0.w"/);
    expect(Array.from(await net.params.get('L0.w').data())).toEqual(before);
    const adam = new Trainer(net, data, cfg({ optimizer: 'adam' }));
    const cp2 = await t.checkpoint();
    expect(() => adam.restore(cp2)).toThrow(/optimizer is sgd; this run uses adam/);
    for (const x of [t, t2, adam]) x.dispose();
    net.dispose();
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(0);
  });

  it('decodeCheckpoint names the file and the problem for bad bytes', () => {
    expect(() => decodeCheckpoint(new Uint8Array([1, 2, 3]), 'x.ckpt')).toThrow(/x.ckpt is not a training checkpoint/);
    const good = encodeCheckpoint({ checkpoint: { version: 1, step: 0, params: new Map([['a', { shape: [2], role: 'weight', data: new Float32Array([1, 2]) }]]), optimizer: { kind: 'sgd', slots: {}, steps: {} }, source: { order: new Uint32Array([1]), cursor: 0, epoch: 0, rng: { key: 1, state: 1, spare: null } }, recal: null, divergence: { over: 0, severe: 0 } }, meta: {} });
    expect(decodeCheckpoint<unknown, TrainerCheckpoint>(good, 'ok').checkpoint.params.get('a')?.data).toEqual(new Float32Array([1, 2]));
    expect(() => decodeCheckpoint(good.slice(0, good.length - 4), 'cut.ckpt')).toThrow(/cut.ckpt is cut short or damaged/);
    expect(() => decodeCheckpoint(good.slice(0, 20), 'head.ckpt')).toThrow(/head.ckpt is cut short: its header/);
  });
});
