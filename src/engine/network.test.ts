import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchSpec } from '../core/archspec';
import { rngStream } from '../core/rng';
import { applyLayer, layerParamNames, type BnStats } from './layers';
import { buildNetwork, disposeBnStats, type ApplyResult, type Network } from './network';
import { tinySpec, useCpuBackend, liveTensors } from './testing';

beforeAll(useCpuBackend);

/** Forward inside tf.tidy: only the logits and the (kept) BN statistics survive. */
function applyTidy(net: Network, x: tf.Tensor4D, training: boolean): ApplyResult {
  let bnStats: BnStats = {};
  const logits = tf.tidy(() => {
    const r = net.apply(x, training);
    bnStats = r.bnStats;
    return r.logits;
  });
  return { logits, bnStats };
}

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}

describe('buildNetwork', () => {
  it('names and shapes variables as documented', () => {
    const net = buildNetwork(tinySpec(), rngStream(1, 'init'));
    const p = net.params;
    expect(p.get('L0.w').shape).toEqual([3, 3, 1, 4]);
    expect(p.has('L1.expand.w')).toBe(false); // expand:false
    expect(p.get('L1.dw0.w').shape).toEqual([3, 3, 4, 1]);
    expect(p.get('L2.expand.w').shape).toEqual([1, 1, 4, 6]);
    expect(p.get('L2.expand.bn.gamma').shape).toEqual([6]);
    expect(p.get('L2.dw0.w').shape).toEqual([3, 3, 3, 1]);
    expect(p.get('L2.dw1.w').shape).toEqual([5, 5, 2, 1]);
    expect(p.get('L2.dw2.w').shape).toEqual([7, 7, 1, 1]);
    expect(p.get('L2.dw.bn.var').shape).toEqual([6]);
    expect(p.get('L2.project.w').shape).toEqual([1, 1, 6, 4]);
    expect(p.get('L4.dw.w').shape).toEqual([3, 3, 6, 1]);
    expect(p.get('L4.pw.w').shape).toEqual([1, 1, 6, 6]);
    expect(p.get('L5.w').shape).toEqual([3, 3, 6, 8]);
    expect(p.get('L9.w').shape).toEqual([16, 4]);
    expect(p.entry('L9.b').role).toBe('dense-bias');
    expect(p.entry('L2.dw.bn.mean').trainable).toBe(false);
    expect(p.entry('L2.dw.bn.gamma').role).toBe('bn-gamma');
    const all = net.spec.layers.flatMap((l, i) => layerParamNames(l, `L${i}`));
    expect(p.names().sort()).toEqual([...all].sort());
    net.dispose();
  });

  it('is deterministic for a seed and He-scaled', async () => {
    const a = buildNetwork(tinySpec(), rngStream(3, 'init'));
    const b = buildNetwork(tinySpec(), rngStream(3, 'init'));
    expect(await maxAbsDiff(a.params.get('L5.w'), b.params.get('L5.w'))).toBe(0);
    const w = Array.from(await a.params.get('L5.w').data());
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(std).toBeGreaterThan(Math.sqrt(2 / 54) * 0.8);
    expect(std).toBeLessThan(Math.sqrt(2 / 54) * 1.2);
    a.dispose();
    b.dispose();
  });

  it('forward shapes, BN stats in training only, no leaks', () => {
    const net = buildNetwork(tinySpec(), rngStream(1, 'init'));
    const before = liveTensors();
    const x = tf.randomUniform([5, 8, 8, 1]);
    const r = applyTidy(net, x as tf.Tensor4D, true);
    expect(r.logits.shape).toEqual([5, 4]);
    const bnNames = Object.keys(r.bnStats).sort();
    expect(bnNames).toEqual(net.params.names((e) => e.role === 'bn-gamma').map((n) => n.replace(/\.gamma$/, '')).sort());
    expect(r.bnStats['L2.dw.bn'].count).toBe(5 * 8 * 8);
    const inf = applyTidy(net, x as tf.Tensor4D, false);
    expect(Object.keys(inf.bnStats)).toHaveLength(0);
    tf.dispose([x, r.logits, inf.logits]);
    disposeBnStats(r.bnStats);
    expect(liveTensors()).toBe(before);
    net.dispose();
  });

  it('fused MB equals the sum of per-branch blocks (METHODS §1)', async () => {
    const spec = tinySpec();
    const net = buildNetwork(spec, rngStream(2, 'init'));
    const layer = spec.layers[2];
    if (layer.type !== 'mb') throw new Error('fixture changed');
    const x = tf.randomNormal<tf.Rank.R4>([2, 8, 8, 4]);
    const ctx = { params: net.params, training: false, bnEpsilon: net.bnEpsilon };
    const fused = tf.tidy(() => applyLayer(layer, 'L2', x, ctx));
    const manual = tf.tidy(() => {
      const p = net.params;
      const bn = (t: tf.Tensor4D, pre: string, s: number, n: number) => {
        const sl = (name: string) => tf.slice(p.get(`${pre}.${name}`), [s], [n]) as tf.Tensor1D;
        return tf.batchNorm4d(t, sl('mean'), sl('var'), sl('beta'), sl('gamma'), net.bnEpsilon);
      };
      let off = 0;
      const parts = layer.branches.map((b, j) => {
        const we = tf.slice(p.get('L2.expand.w'), [0, 0, 0, off], [1, 1, 4, b.hidden]) as tf.Tensor4D;
        const e = tf.relu(bn(tf.conv2d(x, we, 1, 'same'), 'L2.expand.bn', off, b.hidden));
        const d = tf.relu(bn(tf.depthwiseConv2d(e, p.get(`L2.dw${j}.w`) as tf.Tensor4D, 1, 'same'), 'L2.dw.bn', off, b.hidden));
        const wp = tf.slice(p.get('L2.project.w'), [0, 0, off, 0], [1, 1, b.hidden, 4]) as tf.Tensor4D;
        off += b.hidden;
        return tf.conv2d(d, wp, 1, 'same');
      });
      return tf.add(bn(tf.addN(parts), 'L2.project.bn', 0, 4), x);
    });
    expect(await maxAbsDiff(fused, manual)).toBeLessThan(1e-5);
    tf.dispose([x, fused, manual]);
    net.dispose();
  });

  it('updates running stats with running = m·running + (1−m)·batch (Bessel-corrected variance)', async () => {
    const spec: ArchSpec = { ...tinySpec(), layers: [{ type: 'conv', cin: 1, cout: 2, k: 1, stride: 1, relu: false }, { type: 'gap' }] };
    const net = buildNetwork(spec, rngStream(1, 'init'), { bnMomentum: 0.9 });
    const x = tf.randomNormal<tf.Rank.R4>([4, 3, 3, 1]);
    const r = applyTidy(net, x, true);
    const bm = Array.from(await r.bnStats['L0.bn'].mean.data());
    const bv = Array.from(await r.bnStats['L0.bn'].variance.data());
    net.updateRunningStats(r.bnStats);
    const n = 4 * 3 * 3;
    const mean = Array.from(await net.params.get('L0.bn.mean').data());
    const vr = Array.from(await net.params.get('L0.bn.var').data());
    bm.forEach((m, c) => expect(mean[c]).toBeCloseTo(0.1 * m, 6));
    bv.forEach((v, c) => expect(vr[c]).toBeCloseTo(0.9 + 0.1 * v * (n / (n - 1)), 6));
    tf.dispose([x, r.logits]);
    disposeBnStats(r.bnStats);
    net.dispose();
  });

  it('tf.batchNorm with batch moments has the gradient of the explicit formula', async () => {
    const x = tf.randomNormal([3, 2, 2, 2]);
    const g = tf.tensor1d([1.5, 0.5]);
    const b = tf.tensor1d([0.1, -0.2]);
    const w = tf.randomNormal([3, 2, 2, 2]);
    const f1 = (t: tf.Tensor) => {
      const { mean, variance } = tf.moments(t, [0, 1, 2]);
      return tf.sum(tf.mul(tf.batchNorm4d(t as tf.Tensor4D, mean as tf.Tensor1D, variance as tf.Tensor1D, b, g, 1e-5), w));
    };
    const f2 = (t: tf.Tensor) => {
      const { mean, variance } = tf.moments(t, [0, 1, 2]);
      const y = tf.add(tf.mul(tf.div(tf.sub(t, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
      return tf.sum(tf.mul(y, w));
    };
    const g1 = tf.grad(f1)(x);
    const g2 = tf.grad(f2)(x);
    expect(await maxAbsDiff(g1, g2)).toBeLessThan(1e-4);
    tf.dispose([x, g, b, w, g1, g2]);
  });
});
