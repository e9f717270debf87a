import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialSpace } from '../../core/padnas/ops';
import { rngStream } from '../../core/rng';
import { syntheticData, useCpuBackend } from '../../engine/testing';
import { Trainer } from '../../engine/trainer';
import { SinglePathSupernet } from './supernet';

const data = syntheticData(120, 4, 8);
const SK = { input: { height: 8, width: 8, channels: 1 }, numClasses: 4, width: 0.25, tiny: true };

async function values(sn: SinglePathSupernet): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const n of sn.net.params.names()) out.set(n, Float32Array.from(await sn.net.params.get(n).data()));
  return out;
}

async function slotValues(t: Trainer): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const n of t.optimizer.stateNames()) out.set(n, Float32Array.from(await t.optimizer.getState(n)!.momentum.data()));
  return out;
}

describe('single-path supernet', () => {
  beforeAll(useCpuBackend);

  it('a training step on one path leaves every other path’s variables and optimizer state untouched', async () => {
    const space = initialSpace(SK.width);
    const sn = new SinglePathSupernet(SK, space, rngStream(1, 'init'));
    const trainer = new Trainer(sn.net, data, { epochs: 1, batchSize: 16, lr: 0.1, optimizer: 'sgd', schedule: 'constant', weightDecay: 1e-4, labelSmoothing: 0, seed: 1 }, {
      forward: sn.forward,
      trainableNames: () => sn.pathNames(sn.path),
    });
    const a = ['k3e3', 'skip', 'k5e6', 'k7e3', 'k3e6', 'k5e3', 'k7e6'];
    const b = ['k7e6', 'k3e3', 'k3e3', 'skip', 'k5e3', 'skip', 'k3e6'];
    const onA = new Set(sn.pathVariableNames(a));
    sn.path = a;
    const before = await values(sn);
    await trainer.trainStep();
    const after = await values(sn);
    let changedOnPath = 0;
    for (const [n, v] of before) {
      const same = v.every((x, i) => x === after.get(n)![i]);
      if (!onA.has(n)) expect(same, `${n} is off the path but changed`).toBe(true);
      else if (!same) changedOnPath++;
    }
    expect(changedOnPath).toBeGreaterThan(10);
    // Optimizer state exists only for the path's trainable variables.
    expect(new Set(trainer.optimizer.stateNames())).toEqual(new Set(sn.pathNames(a)));

    // A step on path b: the state (and weights) of ops only on path a stay exactly as they were.
    const slotsA = await slotValues(trainer);
    const countsA = new Map(trainer.optimizer.stateNames().map((n) => [n, trainer.optimizer.stepCount(n)]));
    const onB = new Set(sn.pathVariableNames(b));
    sn.path = b;
    await trainer.trainStep();
    const slotsB = await slotValues(trainer);
    const afterB = await values(sn);
    for (const [n, v] of slotsA) {
      if (onB.has(n)) continue;
      expect(slotsB.get(n)!.every((x, i) => x === v[i]), `optimizer state of ${n} changed`).toBe(true);
      expect(trainer.optimizer.stepCount(n)).toBe(countsA.get(n));
    }
    for (const [n, v] of after) if (!onB.has(n)) expect(afterB.get(n)!.every((x, i) => x === v[i]), `${n} changed`).toBe(true);
    trainer.dispose();
    sn.dispose();
  });

  it('removing an op frees its variables and optimizer state; other paths still run', async () => {
    const space = initialSpace(SK.width);
    const sn = new SinglePathSupernet(SK, space, rngStream(2, 'init'));
    const trainer = new Trainer(sn.net, data, { epochs: 1, batchSize: 16, lr: 0.1, optimizer: 'sgd', schedule: 'constant', weightDecay: 0, labelSmoothing: 0, seed: 1 }, {
      forward: sn.forward,
      trainableNames: () => sn.pathNames(sn.path),
    });
    sn.path = ['k5e3', 'k3e3', 'k3e3', 'k3e3', 'k3e3', 'k3e3', 'k3e3'];
    await trainer.trainStep();
    const tensorsBefore = tf.memory().numTensors;
    sn.removeOp(0, 'k5e3', trainer.optimizer);
    expect(sn.net.params.names().some((n) => n.startsWith('L2.k5e3.'))).toBe(false);
    expect(trainer.optimizer.stateNames().some((n) => n.startsWith('L2.k5e3.'))).toBe(false);
    expect(tf.memory().numTensors).toBeLessThan(tensorsBefore);
    expect(() => sn.pathNames(sn.path)).toThrow(/no op "k5e3"/);
    sn.path = ['k3e6', 'k3e3', 'k3e3', 'k3e3', 'k3e3', 'k3e3', 'k3e3'];
    await trainer.trainStep();
    trainer.dispose();
    sn.dispose();
  });
});
