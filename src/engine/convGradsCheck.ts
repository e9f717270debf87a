/**
 * The engine's conv and dense paths (convGrads.ts) against tf.grad of the plain tfjs op, on whatever backend is active:
 * the unit tests run it on the CPU backend, the e2e test on WebGPU (the bench page's `grad-check` task). For each case:
 * the value and both gradients of Σ op(x, w) · r (r fixed random), max |Δ| / (1 + max |reference|).
 */
import * as tf from '@tensorflow/tfjs';
import { conv2dSame, denseMatMul, depthwiseSame } from './convGrads';

export interface GradCheckResult {
  name: string;
  /** Worst of value, input gradient and weight gradient: max |Δ| / (1 + max |reference|). */
  maxRel: number;
}

type Op = (x: tf.Tensor, w: tf.Tensor) => tf.Tensor;

interface Case {
  name: string;
  x: number[];
  w: number[];
  engine: Op;
  plain: Op;
}

const depthwise = (shape: [number, number, number, number], k: number, s: number): Case => ({
  name: `depthwise k${k} s${s} [${shape.join(',')}]`,
  x: shape,
  w: [k, k, shape[3], 1],
  engine: (x, w) => depthwiseSame(x as tf.Tensor4D, w as tf.Tensor4D, s, true),
  plain: (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, 'same'),
});

const conv1x1 = (shape: [number, number, number, number], cout: number): Case => ({
  name: `1×1 conv [${shape.join(',')}] → ${cout}`,
  x: shape,
  w: [1, 1, shape[3], cout],
  engine: (x, w) => conv2dSame(x as tf.Tensor4D, w as tf.Tensor4D, 1, true),
  plain: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'),
});

const dense = (b: number, k: number, n: number): Case => ({
  name: `dense [${b},${k}]·[${k},${n}]`,
  x: [b, k],
  w: [k, n],
  engine: (x, w) => denseMatMul(x as tf.Tensor2D, w as tf.Tensor2D, true),
  plain: (x, w) => tf.matMul(x, w),
});

/** Shapes: every depthwise size and stride the skeletons use, channel counts below, at and past 4, odd sizes. */
export const GRAD_CHECK_CASES: readonly Case[] = [
  depthwise([2, 6, 6, 3], 3, 1),
  depthwise([2, 7, 5, 4], 5, 2),
  depthwise([1, 9, 9, 2], 7, 1),
  depthwise([3, 8, 8, 5], 3, 2),
  depthwise([2, 14, 14, 8], 7, 2),
  conv1x1([3, 5, 4, 6], 7),
  conv1x1([2, 3, 3, 4], 4),
  conv1x1([1, 2, 5, 1], 9),
  conv1x1([2, 4, 4, 13], 3),
  conv1x1([4, 14, 14, 24], 48),
  dense(32, 24, 10),
  dense(3, 5, 1),
  dense(1, 7, 9),
];

function valueAndGrads(op: Op, x: tf.Tensor, w: tf.Tensor): tf.Tensor[] {
  return tf.tidy(() => {
    const y = op(x, w);
    const r = tf.randomNormal(y.shape, 0, 1, 'float32', 11);
    return [y, ...tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(op(a, b), r)))([x, w])];
  });
}

/** Run every case (or `cases`) on the active backend. */
export async function checkEngineGrads(cases: readonly Case[] = GRAD_CHECK_CASES): Promise<GradCheckResult[]> {
  const out: GradCheckResult[] = [];
  for (const c of cases) {
    const x = tf.randomNormal(c.x, 0, 1, 'float32', 3);
    const w = tf.randomNormal(c.w, 0, 1, 'float32', 4);
    const got = valueAndGrads(c.engine, x, w);
    const want = valueAndGrads(c.plain, x, w);
    const rel = tf.tidy(() =>
      tf.stack(
        got.map((g, i) => {
          if (g.shape.join() !== want[i].shape.join()) return tf.scalar(Infinity);
          return tf.div(tf.max(tf.abs(tf.sub(g, want[i]))), tf.add(1, tf.max(tf.abs(want[i]))));
        }),
      ),
    );
    const v = await rel.data();
    out.push({ name: c.name, maxRel: Math.max(...Array.from(v, (e) => (Number.isNaN(e) ? Infinity : e))) });
    tf.dispose([x, w, rel, ...got, ...want]);
  }
  return out;
}
