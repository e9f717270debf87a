/**
 * What the profiler times, as `Timeable`s built with the engine's own code (inference mode, BN with running
 * statistics, no gradient tape): one LUT op via `applyLayer`, a whole network via `Network.predict`, and the two
 * roofline probes (a large matmul, a large elementwise add).
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec } from '../../core/archspec';
import { isPartLutOp, lutOpLayer, type LutOp, type PartLutOp } from '../../core/latency/lutKeys';
import type { Rng } from '../../core/rng';
import { applyLayer, batchNorm, createBnParams, createLayerParams, heNormal, type ForwardContext } from '../layers';
import { depthwiseSame } from '../convGrads';
import { buildNetwork } from '../network';
import { ParamStore } from '../params';
import type { Timeable } from './timing';

/** A Timeable that owns tensors. */
export interface Subject extends Timeable {
  dispose(): void;
}

/** Uniform [0, 1) input of `shape` drawn from `rng` (deterministic, unlike tf.randomUniform without a seed). */
export function randomInput(shape: number[], rng: Rng): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.next();
  return tf.tensor(data, shape, 'float32');
}

/**
 * One part of a cell at its shapes, batch 1, inference mode, with the engine's own ops as applyCell runs them:
 * `dw` = depthwise → BN → ReLU; `add` = tf.addN of n inputs (tf.add for the residual, n = 2: the same elementwise kernel).
 */
function partSubject(op: PartLutOp, rng: Rng): Subject {
  if (op.op === 'add') {
    const xs = Array.from({ length: op.n }, (_, i) => randomInput([1, op.h, op.w, op.c], rng.fork(`input${i}`)) as tf.Tensor4D);
    return { run: () => tf.addN(xs), dispose: () => tf.dispose(xs) };
  }
  const params = new ParamStore();
  const w = heNormal([op.k, op.k, op.c, 1], op.k * op.k, rng.fork('params'));
  params.add('L0.w', 'weight', w);
  w.dispose();
  createBnParams(params, 'L0.bn', op.c);
  const x = randomInput([1, op.h, op.w, op.c], rng.fork('input')) as tf.Tensor4D;
  const ctx: ForwardContext = { params, training: false, bnEpsilon: 1e-5 };
  return {
    run: () => tf.tidy(() => tf.relu(batchNorm(depthwiseSame(x, params.get('L0.w') as tf.Tensor4D, op.s), 'L0.bn', ctx))),
    dispose: () => {
      x.dispose();
      params.dispose();
    },
  };
}

/** One LUT op at its shapes, batch 1, inference mode. */
export function opSubject(op: LutOp, rng: Rng): Subject {
  if (isPartLutOp(op)) return partSubject(op, rng);
  const { layer, inShape } = lutOpLayer(op);
  const params = new ParamStore();
  createLayerParams(layer, 'L0', params, rng.fork('params'));
  const x = randomInput(layer.type === 'dense' ? [1, inShape[2]] : [1, ...inShape], rng.fork('input'));
  const ctx: ForwardContext = { params, training: false, bnEpsilon: 1e-5 };
  return {
    run: () =>
      tf.tidy(() => {
        const y = applyLayer(layer, 'L0', x, ctx);
        // Identity returns its input: copy nothing, but hand back a tensor the caller may dispose.
        return y === x ? tf.clone(x) : y;
      }),
    dispose: () => {
      x.dispose();
      params.dispose();
    },
  };
}

/** A whole network: `predict(x)` on a batch-1 input. */
export function networkSubject(spec: ArchSpec, rng: Rng): Subject & { countDispatches(): Promise<number | null> } {
  const net = buildNetwork(spec, rng.fork('init'));
  const x = randomInput([1, spec.input.height, spec.input.width, spec.input.channels], rng.fork('input')) as tf.Tensor4D;
  const run = (): tf.Tensor => net.predict(x);
  return {
    run,
    countDispatches: () => countDispatches(run),
    dispose: () => {
      x.dispose();
      net.dispose();
    },
  };
}

/** N×N · N×N matmul (2N³ FLOP). */
export function matmulSubject(n: number, rng: Rng): Subject {
  const a = randomInput([n, n], rng.fork('a'));
  const b = randomInput([n, n], rng.fork('b'));
  return { run: () => tf.matMul(a, b), dispose: () => (a.dispose(), b.dispose()) };
}

/** Elementwise add of two `n`-element vectors (reads 8n bytes, writes 4n). */
export function addSubject(n: number, rng: Rng): Subject {
  const a = randomInput([n], rng.fork('a'));
  const b = randomInput([n], rng.fork('b'));
  return { run: () => tf.add(a, b), dispose: () => (a.dispose(), b.dispose()) };
}

interface RecordingBackend {
  recordAndSubmit?: (...args: unknown[]) => unknown;
}

/**
 * Count the GPU dispatches one call of `run` issues, by wrapping the WebGPU backend's `recordAndSubmit` (called once
 * per compute dispatch in tfjs-backend-webgpu 4.22) on the instance for the duration of the call. Null on other
 * backends. Run it after a warm-up (pipelines compiled), with WEBGPU_CPU_FORWARD off as while profiling.
 */
export async function countDispatches(run: () => tf.Tensor): Promise<number | null> {
  if (tf.getBackend() !== 'webgpu') return null;
  const be = tf.backend() as unknown as RecordingBackend;
  const orig = be.recordAndSubmit;
  if (typeof orig !== 'function') return null;
  let n = 0;
  be.recordAndSubmit = function (this: unknown, ...args: unknown[]) {
    n++;
    return orig.apply(this, args);
  };
  try {
    const out = run();
    await out.data();
    out.dispose();
  } finally {
    delete be.recordAndSubmit; // the prototype's method shows through again
    if (be.recordAndSubmit !== orig) be.recordAndSubmit = orig;
  }
  return n;
}
