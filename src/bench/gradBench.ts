/**
 * Filter-gradient programs, engine against tfjs (issue 15, point 3): for every depthwise conv and 1×1 conv of the
 * baseline network at a given size, time tfjs's kernel (`DepthwiseConv2dNativeBackpropFilter`,
 * `Conv2DBackpropFilter`) and the engine's (`EngineDepthwiseFilterGrad`, `EngineConv1x1FilterGrad`) on the same random x and
 * dy, alternating, each call timed to its readback; and compare the two results. Wall-clock per program (SwiftShader
 * has no timestamp queries, so tf.profile reports 0 kernel ms there).
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec } from '../core/archspec';
import { baselineSpec } from '../core/skeleton';
import { CONV1X1_FILTER_GRAD, DEPTHWISE_FILTER_GRAD, ensureEngineKernels } from '../engine/webgpuKernels';

export interface GradCase {
  op: 'depthwise' | 'conv1x1';
  /** Input [N, H, W, C]. */
  x: [number, number, number, number];
  k: number;
  stride: number;
  cout: number;
  /** Layers of the network with this exact case. */
  count: number;
}

export interface GradCaseResult extends GradCase {
  /** Per call: each sample is `calls` calls issued back to back, timed to the last one's readback, ÷ `calls`. */
  stockMs: number[];
  engineMs: number[];
  /** Calls per sample (so that a sample is ≥ ~40 ms: a readback alone costs a few ms on SwiftShader). */
  calls?: number;
  maxAbsDiff: number;
  maxAbsRef: number;
}

export interface GradBenchRaw {
  backend: string;
  label: string;
  spec: string;
  batch: number;
  cases: GradCaseResult[];
}

/** The depthwise and 1×1 convs of `spec` at batch `n` (deduplicated, with multiplicities). */
export function filterGradCases(spec: ArchSpec, n: number): GradCase[] {
  const out = new Map<string, GradCase>();
  const add = (c: Omit<GradCase, 'count'>): void => {
    const key = `${c.op}:${c.x.join(',')}:${c.k}:${c.stride}:${c.cout}`;
    const e = out.get(key);
    if (e) e.count++;
    else out.set(key, { ...c, count: 1 });
  };
  let h = spec.input.height;
  let w = spec.input.width;
  for (const l of spec.layers) {
    if (l.type === 'conv') {
      if (l.k === 1 && l.stride === 1) add({ op: 'conv1x1', x: [n, h, w, l.cin], k: 1, stride: 1, cout: l.cout });
      h = Math.ceil(h / l.stride);
      w = Math.ceil(w / l.stride);
    } else if (l.type === 'mb') {
      const hidden = l.branches.reduce((s, b) => s + b.hidden, 0);
      if (l.expand !== false) add({ op: 'conv1x1', x: [n, h, w, l.cin], k: 1, stride: 1, cout: hidden });
      for (const b of l.branches) add({ op: 'depthwise', x: [n, h, w, b.hidden], k: b.k, stride: l.stride, cout: b.hidden });
      h = Math.ceil(h / l.stride);
      w = Math.ceil(w / l.stride);
      add({ op: 'conv1x1', x: [n, h, w, hidden], k: 1, stride: 1, cout: l.cout });
    }
  }
  return [...out.values()];
}

async function timed(f: () => tf.Tensor): Promise<[number, tf.Tensor]> {
  const t0 = performance.now();
  const t = f();
  await t.data();
  return [performance.now() - t0, t];
}

/** `calls` calls back to back, timed to the last one's readback: ms per call. */
async function timedCalls(f: () => tf.Tensor, calls: number): Promise<number> {
  const t0 = performance.now();
  const outs: tf.Tensor[] = [];
  for (let i = 0; i < calls; i++) outs.push(f());
  await outs[outs.length - 1].data();
  const ms = (performance.now() - t0) / calls;
  tf.dispose(outs);
  return ms;
}

/** Calls per sample: enough that a sample lasts ≥ 40 ms, at most 16. */
export function callsPerSample(warmMs: number): number {
  return Math.min(16, Math.max(1, Math.ceil(40 / Math.max(warmMs, 0.1))));
}

/** Time both programs of every case `reps` times (after one untimed call each: pipeline compilation). */
export async function measureGradPrograms(o: { net: 'tiny' | 'full'; width: number; batch: number; reps: number; label: string }, log: (s: string) => void = () => {}): Promise<GradBenchRaw> {
  ensureEngineKernels();
  const spec = baselineSpec({ width: o.width, tiny: o.net === 'tiny', input: { height: 28, width: 28, channels: 1 }, numClasses: 10 });
  const cases: GradCaseResult[] = [];
  for (const c of filterGradCases(spec, o.batch)) {
    const [n, h, w, cin] = c.x;
    const oh = Math.ceil(h / c.stride);
    const ow = Math.ceil(w / c.stride);
    const x = tf.randomNormal(c.x, 0, 1, 'float32', 1);
    const dy = tf.randomNormal([n, oh, ow, c.op === 'depthwise' ? cin : c.cout], 0, 1, 'float32', 2);
    const filterShape = c.op === 'depthwise' ? [c.k, c.k, cin, 1] : [1, 1, cin, c.cout];
    const stock = (): tf.Tensor =>
      c.op === 'depthwise'
        ? tf.engine().runKernel<tf.Tensor>('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { strides: [c.stride, c.stride], pad: 'same', dilations: [1, 1], filterShape })
        : tf.engine().runKernel<tf.Tensor>('Conv2DBackpropFilter', { x, dy }, { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1], filterShape });
    const engine = (): tf.Tensor =>
      c.op === 'depthwise'
        ? tf.engine().runKernel<tf.Tensor>(DEPTHWISE_FILTER_GRAD, { x, dy }, { strides: [c.stride, c.stride], filterShape })
        : tf.engine().runKernel<tf.Tensor>(CONV1X1_FILTER_GRAD, { x, dy }, { filterShape });
    const [, ref] = await timed(stock);
    const [, mine] = await timed(engine);
    const diff = tf.tidy(() => tf.stack([tf.max(tf.abs(tf.sub(ref, mine))), tf.max(tf.abs(ref))]));
    const [maxAbsDiff, maxAbsRef] = Array.from(await diff.data());
    tf.dispose([ref, mine, diff]);
    const calls = callsPerSample(Math.min(await timedCalls(stock, 1), await timedCalls(engine, 1)));
    const stockMs: number[] = [];
    const engineMs: number[] = [];
    for (let r = 0; r < o.reps; r++) {
      for (const [f, into] of (r % 2 === 0 ? [[stock, stockMs], [engine, engineMs]] : [[engine, engineMs], [stock, stockMs]]) as [() => tf.Tensor, number[]][]) {
        into.push(await timedCalls(f, calls));
      }
    }
    tf.dispose([x, dy]);
    cases.push({ ...c, stockMs, engineMs, calls, maxAbsDiff, maxAbsRef });
    log(`${c.op} x [${c.x.join(',')}] k${c.k} s${c.stride} → ${c.cout}: tfjs ${stockMs.map((v) => v.toFixed(1)).join(', ')} ms; engine ${engineMs.map((v) => v.toFixed(1)).join(', ')} ms per call (${calls} per sample); max |Δ| ${maxAbsDiff.toExponential(2)} (max |ref| ${maxAbsRef.toFixed(2)})`);
  }
  return { backend: tf.getBackend(), label: o.label, spec: spec.name, batch: o.batch, cases };
}
