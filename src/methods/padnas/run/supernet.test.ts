import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { singlePathSpace as initialSpace, SLOT_LAYER_OFFSET } from '../../../core/space/singlePath';
import { padnasSpec as genotypeSpec } from '../ops';
import { rngStream } from '../../../core/rng';
import { syntheticData, useCpuBackend } from '../../../engine/testing';
import { buildNetwork, disposeBnStats } from '../../../engine/network';
import { Trainer } from '../../../engine/trainer';
import { opPrefix, SinglePathSupernet } from './supernet';

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
  it('the forward of a path equals its stand-alone network with the same weights; every step trains the shared layers', async () => {
    const space = initialSpace(SK.width);
    const sn = new SinglePathSupernet(SK, space, rngStream(3, 'init'));
    const g = ['k5e6', 'skip', 'k3e3', 'k7e6', 'k3e6', 'k5e3', 'k7e3'];
    const alone = buildNetwork(genotypeSpec(g, SK), rngStream(99, 'init'));
    // Copy the path's variables into the stand-alone network (L{i}.{op}.x → L{i}.x).
    for (const n of alone.params.names()) {
      const i = Number(/^L(\d+)\./.exec(n)![1]);
      const slot = i - SLOT_LAYER_OFFSET;
      const src = slot >= 0 && slot < g.length ? n.replace(/^L\d+/, opPrefix(slot, g[slot])) : n;
      alone.params.set(n, sn.net.params.get(src));
    }
    const x = tf.randomUniform<tf.Rank.R4>([6, 8, 8, 1], 0, 1, 'float32', 5);
    sn.path = g;
    for (const training of [true, false]) {
      const a = sn.forward(sn.net, x, training);
      const b = alone.apply(x, training);
      const diff = (await tf.max(tf.abs(tf.sub(a.logits, b.logits))).data())[0];
      expect(diff, `training ${training}`).toBeLessThan(1e-4);
      disposeBnStats(a.bnStats);
      disposeBnStats(b.bnStats);
      tf.dispose([a.logits, b.logits]);
    }
    x.dispose();
    alone.dispose();

    // The stem, the fixed block and the head are on every path's trainable list and move on every step.
    const trainer = new Trainer(sn.net, data, { epochs: 1, batchSize: 16, lr: 0.1, optimizer: 'sgd', schedule: 'constant', weightDecay: 0, labelSmoothing: 0, seed: 1 }, {
      forward: sn.forward,
      trainableNames: () => sn.pathNames(sn.path),
    });
    const last = sn.frame.layers.length - 1;
    const shared = ['L0.w', 'L0.bn.gamma', 'L1.dw0.w', `L${last}.w`, `L${last}.b`];
    for (const p of [g, ['k3e3', 'k3e3', 'k3e3', 'skip', 'k3e3', 'skip', 'k3e3']]) {
      sn.path = p;
      expect(sn.pathNames(p)).toEqual(expect.arrayContaining(shared));
      const before = await values(sn);
      await trainer.trainStep();
      const after = await values(sn);
      for (const n of shared) expect(after.get(n)!.some((v, i) => v !== before.get(n)![i]), `${n} did not change`).toBe(true);
    }
    trainer.dispose();
    sn.dispose();
  });
  it('every MBConv op of a slot starts as the same function (aligned init); independent init does not', async () => {
    const space = initialSpace(SK.width);
    const x = tf.randomUniform<tf.Rank.R4>([6, 8, 8, 1], 0, 1, 'float32', 7);
    const logits = async (sn: SinglePathSupernet, g: string[]): Promise<Float32Array> => {
      sn.path = g;
      const r = sn.forward(sn.net, x, true);
      const out = Float32Array.from(await r.logits.data());
      disposeBnStats(r.bnStats);
      r.logits.dispose();
      return out;
    };
    const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    for (const aligned of [true, false]) {
      const sn = new SinglePathSupernet(SK, space, rngStream(4, 'init'), aligned);
      const base = space.map(() => 'k3e3');
      const ref = await logits(sn, base);
      let worst = 0;
      for (let j = 0; j < space.length; j++) {
        for (const op of space[j]) {
          if (op === 'skip' || op === 'k3e3') continue;
          worst = Math.max(worst, maxDiff(ref, await logits(sn, base.map((o, i) => (i === j ? op : o)))));
        }
      }
      if (aligned) expect(worst).toBeLessThan(1e-4);
      else expect(worst).toBeGreaterThan(1e-2);
      // The weights are still separate variables: training one op leaves its slot-mates alone (first test).
      expect(sn.net.params.get('L2.k7e6.project.w')).not.toBe(sn.net.params.get('L2.k3e3.project.w'));
      sn.dispose();
    }
    x.dispose();
  });

  it('cells of a given space start from the slot’s base op (MB k3e3, else the reference cell): its 1×1 bases and filter', async () => {
    // Slot 1: k3e3 with a narrower (e 2), an equal (e 3) and a wider (e 6) cell; slot 2: cells only, the reference among them.
    const space = initialSpace(SK.width).map((ops) => ops.slice(0, 1));
    space[1] = ['k3e3', 'c2-zz5zzz', 'c3-zz3zzz', 'c6-zz7zzz'];
    space[2] = ['c4-zz3zzz', 'c3-zz3zzz'];
    const sn = new SinglePathSupernet(SK, space, rngStream(5, 'init'));
    const v = async (name: string) => {
      const t = sn.net.params.get(name);
      return { shape: t.shape, data: Array.from(await t.data()) };
    };
    const base = { e: await v(`${opPrefix(1, 'k3e3')}.expand.w`), p: await v(`${opPrefix(1, 'k3e3')}.project.w`) };
    const hb = base.e.shape[3] ?? 0;
    const cin = base.e.shape[2] ?? 0;
    const cout = base.p.shape[3] ?? 0;
    // Expand columns [cin × h] and project rows [h × cout] of a cell, against the base's.
    for (const [op, h] of [['c2-zz5zzz', Math.round(2 * cin)], ['c3-zz3zzz', hb], ['c6-zz7zzz', Math.round(6 * cin)]] as const) {
      const e = await v(`${opPrefix(1, op)}.expand.w`);
      const p = await v(`${opPrefix(1, op)}.project.w`);
      const m = Math.min(h, hb);
      for (let i = 0; i < cin; i++) expect(e.data.slice(i * h, i * h + m)).toEqual(base.e.data.slice(i * hb, i * hb + m));
      expect(p.data.slice(0, m * cout)).toEqual(base.p.data.slice(0, m * cout));
      if (h > hb) expect(p.data.slice(hb * cout).every((x) => x === 0)).toBe(true);
    }
    const ref = await v(`${opPrefix(2, 'c3-zz3zzz')}.project.w`);
    expect((await v(`${opPrefix(2, 'c4-zz3zzz')}.project.w`)).data.slice(0, ref.data.length)).toEqual(ref.data);
    // The reference cell next to MB k3e3 starts as exactly its function (same expand, filter, project).
    const x = tf.randomUniform<tf.Rank.R4>([4, 8, 8, 1], 0, 1, 'float32', 3);
    const logits = async (g: string[]) => {
      sn.path = g;
      const r = sn.forward(sn.net, x, false);
      const out = Array.from(await r.logits.data());
      r.logits.dispose();
      return out;
    };
    const g0 = space.map((ops) => ops[0]);
    const a = await logits(g0);
    const b = await logits(g0.map((op, j) => (j === 1 ? 'c3-zz3zzz' : op)));
    b.forEach((y, i) => expect(y).toBeCloseTo(a[i], 4));
    x.dispose();
    sn.dispose();
  });
});
