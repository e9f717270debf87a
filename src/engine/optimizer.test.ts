import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyedOptimizer, type OptimizerConfig } from './optimizer';
import { ParamStore } from './params';
import { useCpuBackend } from './testing';

beforeAll(useCpuBackend);

function store(values: Record<string, number[]>): ParamStore {
  const s = new ParamStore();
  for (const [name, v] of Object.entries(values)) {
    const t = tf.tensor1d(v);
    s.add(name, 'weight', t);
    t.dispose();
  }
  return s;
}

async function values(s: ParamStore, name: string): Promise<number[]> {
  return Array.from(await s.get(name).data());
}

/** Run `steps` updates of w with constant gradient sequence gs and compare with a scalar reference implementation. */
async function runScalar(cfg: OptimizerConfig, gs: number[], lr: number): Promise<number> {
  const s = store({ w: [1] });
  const opt = new KeyedOptimizer(s, cfg);
  for (const gv of gs) {
    const g = tf.tensor1d([gv]);
    opt.applyGradients({ w: g }, lr);
    g.dispose();
  }
  const w = (await values(s, 'w'))[0];
  opt.dispose();
  s.dispose();
  return w;
}

describe('KeyedOptimizer', () => {
  const gs = [0.5, -0.2, 0.3, 0.1];
  const lr = 0.1;

  it('sgd momentum and nesterov match the PyTorch formulas', async () => {
    for (const nesterov of [false, true]) {
      let w = 1;
      let buf = 0;
      for (const g of gs) {
        buf = 0.9 * buf + g;
        w -= lr * (nesterov ? g + 0.9 * buf : buf);
      }
      expect(await runScalar({ kind: 'sgd', momentum: 0.9, nesterov }, gs, lr)).toBeCloseTo(w, 6);
    }
  });

  it('rmsprop puts epsilon inside the sqrt and lr inside the momentum', async () => {
    let w = 1;
    let v = 0;
    let m = 0;
    for (const g of gs) {
      v = 0.9 * v + 0.1 * g * g;
      m = 0.9 * m + (lr * g) / Math.sqrt(v + 1e-3);
      w -= m;
    }
    expect(await runScalar({ kind: 'rmsprop' }, gs, lr)).toBeCloseTo(w, 5);
  });

  it('adam is bias-corrected', async () => {
    let w = 1;
    let m = 0;
    let v = 0;
    gs.forEach((g, i) => {
      const t = i + 1;
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      w -= (lr * (m / (1 - 0.9 ** t))) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8);
    });
    expect(await runScalar({ kind: 'adam' }, gs, lr)).toBeCloseTo(w, 5);
  });

  it('leaves variables absent from grads exactly untouched, state keyed by name', async () => {
    const s = store({ a: [1, 2], b: [3, 4] });
    const opt = new KeyedOptimizer(s, { kind: 'sgd', momentum: 0.9 });
    const ga = tf.tensor1d([1, 1]);
    const gb = tf.tensor1d([1, 1]);
    opt.applyGradients({ a: ga, b: gb }, 0.1);
    const bAfterFirst = await values(s, 'b');
    opt.applyGradients({ a: ga }, 0.1); // single path: b not trained
    expect(await values(s, 'b')).toEqual(bAfterFirst);
    expect(opt.stepCount('a')).toBe(2);
    expect(opt.stepCount('b')).toBe(1);
    // momentum of a: 1 then 1.9
    expect(Array.from(await opt.getState('a')!.momentum.data())[0]).toBeCloseTo(1.9, 6);
    tf.dispose([ga, gb]);
    opt.dispose();
    s.dispose();
  });

  it('slices, renames and drops state; does not leak', async () => {
    const s = store({ a: [1, 2, 3, 4] });
    const before = tf.memory().numTensors;
    const opt = new KeyedOptimizer(s, { kind: 'rmsprop' });
    const g = tf.tensor1d([1, 2, 3, 4]);
    for (let i = 0; i < 5; i++) opt.applyGradients({ a: g }, 0.01);
    g.dispose();
    const ms = Array.from(await opt.getState('a')!.ms.data());
    opt.sliceState('a', 0, [0, 2]);
    expect(Array.from(await opt.getState('a')!.ms.data())).toEqual([ms[0], ms[2]]);
    expect(opt.getState('a')!.mom.shape).toEqual([2]);
    const sliced = tf.tidy(() => tf.gather(s.get('a'), [0, 2]));
    s.replace('a', sliced);
    sliced.dispose();
    const g2 = tf.tensor1d([1, 1]);
    opt.applyGradients({ a: g2 }, 0.01); // shapes agree after slicing both
    g2.dispose();
    s.rename('a', 'z');
    opt.renameOrDrop('a', 'z');
    expect(opt.getState('a')).toBeUndefined();
    expect(opt.stepCount('z')).toBe(6);
    opt.renameOrDrop('z', null);
    expect(opt.stateNames()).toEqual([]);
    opt.dispose();
    // Only the (renamed) parameter remains: same count as before the optimizer existed.
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });
});
