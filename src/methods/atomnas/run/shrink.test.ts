import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { archCosts } from '../../../core/costs';
import { rngStream } from '../../../core/rng';
import { buildNetwork, type Network } from '../../../engine/network';
import { KeyedOptimizer, type OptimizerKind } from '../../../engine/optimizer';
import { liveTensors } from '../../../engine/testing';
import { blockAtoms } from './atoms';
import { WeightEma } from './ema';
import { shrinkNetwork } from './shrink';
import { applyPlanToSpec, planShrink } from './shrinkPlan';
import { fixtureBatch, fixtureSpec, gatesOf, randomiseBn, zeroGates } from './testNets';

const OPTS = { threshold: 1e-3, minCost: 0, allowRemoveResidualBlock: true };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Network whose L2 (non-residual) loses all but atom 5 and L3 loses its whole k3 branch and one k5 atom. */
function prepared(seed = 1): Network {
  const net = buildNetwork(fixtureSpec(), rngStream(seed, 'init'));
  randomiseBn(net, seed);
  zeroGates(net, 2, [0, 1, 2, 3, 4, 6]);
  zeroGates(net, 3, [0, 1, 3]);
  return net;
}

function planFor(net: Network) {
  const blocks = blockAtoms(net.spec);
  const plan = planShrink(blocks, gatesOf(net, blocks.map((b) => b.layer)), null, OPTS);
  return { blocks, plan, spec: applyPlanToSpec(net.spec, plan) };
}

describe('shrinkNetwork', () => {
  it('keeps inference outputs unchanged to 1e-4 (fold of β into the project BN mean)', () => {
    const net = prepared();
    const x = fixtureBatch();
    const before = net.predict(x);
    const { plan, spec } = planFor(net);
    expect(Array.from(plan.blocks[0].keep)).toEqual([5]); // non-residual block reduced to one atom
    expect(spec.layers[2]).toMatchObject({ branches: [{ k: 7, hidden: 1 }] }); // k3 and k5 branches deleted
    expect(spec.layers[3]).toMatchObject({ branches: [{ k: 5, hidden: 2 }] }); // k3 branch deleted
    shrinkNetwork(net, plan, spec);
    expect(net.params.get('L2.dw0.w').shape).toEqual([7, 7, 1, 1]);
    expect(net.params.has('L2.dw1.w')).toBe(false);
    expect(net.params.get('L3.project.w').shape).toEqual([1, 1, 2, 6]);
    const after = net.predict(x);
    const diff = tf.max(tf.abs(tf.sub(before, after))).dataSync()[0];
    expect(diff).toBeLessThan(1e-4);
    // The fold matters: without it the output moves (β of the removed atoms is non-trivial).
    const ref = prepared();
    const { plan: p2, spec: s2 } = planFor(ref);
    const meanBefore = ref.params.get('L3.project.bn.mean').dataSync().slice();
    shrinkNetwork(ref, p2, s2);
    ref.params.set('L3.project.bn.mean', tf.tensor1d(meanBefore));
    const unfolded = ref.predict(x);
    expect(tf.max(tf.abs(tf.sub(before, unfolded))).dataSync()[0]).toBeGreaterThan(1e-3);
    tf.dispose([x, before, after, unfolded]);
    net.dispose();
    ref.dispose();
  });

  it('a residual block left with no atom becomes skip and its variables go', () => {
    const net = prepared();
    zeroGates(net, 3, [0, 1, 2, 3, 4]);
    const { plan, spec } = planFor(net);
    expect(spec.layers[3]).toEqual({ type: 'skip', cin: 6, cout: 6 });
    shrinkNetwork(net, plan, spec);
    expect(net.params.names().filter((n) => n.startsWith('L3.'))).toEqual([]);
    const x = fixtureBatch();
    expect(net.predict(x).shape).toEqual([5, 3]);
    tf.dispose(x);
    net.dispose();
  });

  it.each(['sgd', 'rmsprop', 'adam'] as OptimizerKind[])('slices %s state exactly, every slot of every surviving channel', (kind) => {
    const net = prepared();
    const opt = new KeyedOptimizer(net.params, { kind });
    const rng = rngStream(5, 'g');
    for (let s = 0; s < 3; s++) {
      const grads: Record<string, tf.Tensor> = {};
      for (const n of net.params.names((e) => e.trainable)) {
        const shape = net.params.get(n).shape;
        grads[n] = tf.tensor(Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => rng.normal()), shape);
      }
      opt.applyGradients(grads, 0.01);
      tf.dispose(Object.values(grads));
    }
    // The updates moved the gates off zero: kill the same atoms again.
    zeroGates(net, 2, [0, 1, 2, 3, 4, 6]);
    zeroGates(net, 3, [0, 1, 3]);
    const snap = new Map<string, Record<string, { data: Float32Array; shape: number[] }>>();
    for (const n of opt.stateNames()) {
      const slots = opt.getState(n)!;
      snap.set(n, Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, { data: Float32Array.from(v.dataSync()), shape: v.shape }])));
    }
    const { plan, spec } = planFor(net);
    shrinkNetwork(net, plan, spec, opt);
    // Expected: gather the host copies with the plan's indices (L2 keeps [5] = branch k7 local 0; L3 keeps [2, 4]).
    const gather = (src: { data: Float32Array; shape: number[] }, axis: number, keep: number[]): Float32Array => {
      const t = tf.tensor(src.data, src.shape);
      const out = tf.gather(t, keep, axis);
      const d = Float32Array.from(out.dataSync());
      tf.dispose([t, out]);
      return d;
    };
    const expectations: [string, string, number, number[] | null][] = [
      ['L2.expand.w', 'L2.expand.w', 3, [5]],
      ['L2.expand.bn.gamma', 'L2.expand.bn.gamma', 0, [5]],
      ['L2.expand.bn.beta', 'L2.expand.bn.beta', 0, [5]],
      ['L2.dw.bn.gamma', 'L2.dw.bn.gamma', 0, [5]],
      ['L2.dw.bn.beta', 'L2.dw.bn.beta', 0, [5]],
      ['L2.project.w', 'L2.project.w', 2, [5]],
      ['L2.dw2.w', 'L2.dw0.w', 2, [0]], // renamed branch, local channel 0 of the old k7 branch
      ['L3.dw1.w', 'L3.dw0.w', 2, [0, 2]],
      ['L3.expand.w', 'L3.expand.w', 3, [2, 4]],
      ['L3.project.w', 'L3.project.w', 2, [2, 4]],
      ['L3.project.bn.gamma', 'L3.project.bn.gamma', 0, null], // untouched
      ['L4.w', 'L4.w', 0, null],
      ['L6.b', 'L6.b', 0, null],
    ];
    for (const [oldName, newName, axis, keep] of expectations) {
      const before = snap.get(oldName)!;
      const now = opt.getState(newName)!;
      expect(Object.keys(now).sort()).toEqual(Object.keys(before).sort());
      for (const slot of Object.keys(before)) {
        const want = keep ? gather(before[slot], axis, keep) : before[slot].data;
        expect([newName, slot, Array.from(now[slot].dataSync())]).toEqual([newName, slot, Array.from(want)]);
      }
      expect(opt.stepCount(newName)).toBe(3);
    }
    for (const gone of ['L2.dw1.w', 'L2.dw2.w', 'L3.dw1.w']) expect(opt.getState(gone)).toBeUndefined();
    // Every trainable variable still has state of its own shape.
    for (const n of net.params.names((e) => e.trainable)) {
      for (const v of Object.values(opt.getState(n)!)) expect(v.shape).toEqual(net.params.get(n).shape);
    }
    opt.dispose();
    net.dispose();
  });

  it('the MACs drop equals the plan’s dead cost and params match archCosts', () => {
    const net = prepared();
    const before = archCosts(net.spec);
    const { plan, spec } = planFor(net);
    shrinkNetwork(net, plan, spec);
    const after = archCosts(net.spec);
    expect(after.macs).toBe(before.macs - plan.deadCost);
    expect(net.params.count((e) => e.trainable)).toBe(after.params);
    net.dispose();
  });

  it('leaks no tensor across repeated shrink cycles (live, optimizer, EMA)', () => {
    const start = liveTensors();
    const net = buildNetwork(fixtureSpec(), rngStream(2, 'init'));
    randomiseBn(net);
    const opt = new KeyedOptimizer(net.params, { kind: 'rmsprop' });
    const ema = new WeightEma(net, 0.9);
    // + 1: the optimizer's learning-rate scalar (engine/scalars ScalarSlot, uploaded only when lr changes).
    const held = (): number => net.params.size + ema.net.params.size + opt.stateNames().reduce((s, n) => s + Object.keys(opt.getState(n)!).length, 0) + 1;
    const cycles: number[][][] = [
      [[0], [0]],
      [[1, 2], [1]],
      [[0, 1, 2, 3], [0, 1, 2]],
    ];
    for (const [z2, z3] of cycles) {
      const grads: Record<string, tf.Tensor> = {};
      for (const n of net.params.names((e) => e.trainable)) grads[n] = tf.onesLike(net.params.get(n));
      opt.applyGradients(grads, 0.01);
      tf.dispose(Object.values(grads));
      ema.update(net);
      zeroGates(net, 2, z2);
      zeroGates(net, 3, z3);
      zeroGates(ema.net, 2, z2);
      zeroGates(ema.net, 3, z3);
      const { plan, spec } = planFor(net);
      shrinkNetwork(net, plan, spec, opt);
      shrinkNetwork(ema.net, plan, spec);
      expect(liveTensors() - start).toBe(held());
    }
    opt.dispose();
    ema.dispose();
    net.dispose();
    expect(liveTensors()).toBe(start);
  });
});
