/**
 * How many GPU compute dispatches (kernel launches) one inference of an ArchSpec issues on tfjs-backend-webgpu 4.22,
 * estimated from the spec alone (pure, no tfjs). Launch and submit overhead dominates small networks on GPUs, so this
 * count is the second feature of the latency predictor and a baseline predictor of its own.
 *
 * Assumptions (checked against the browser by the profiler, which also counts real dispatches):
 * - The inference graph is engine/layers.ts in inference mode, batch 1, NHWC float32: conv → BN → ReLU as separate
 *   kernels (no fused conv), BN in inference form = one BatchNorm program, ReLU / add = one elementwise program each,
 *   reshape is free, `skip` is free.
 * - `WEBGPU_CPU_FORWARD` is off (as while profiling): no small op silently runs on the CPU.
 * - Per-op program choice follows tfjs-backend-webgpu 4.22 (kernels/Conv2D_impl.ts, BatchMatMul_impl.ts, reduce.ts):
 *   · conv 1×1 stride 1 → one matmul [H·W × cin]·[cin × cout];
 *   · other convs → im2col + matmul when ⌈Ho·Wo/32⌉·⌈cout/32⌉ ≤ T, else one Conv2DMM program;
 *   · matmul M×K·K×N with W = ⌈M/32⌉·⌈N/32⌉ workgroups: if W ≤ T (or M ≤ 8 and W ≤ 2T) then M·N ≤ 128 → MatMulReduce (1),
 *     K ≥ 2000 → fill + split-K matmul (2), else MatMulSmallOutputSize (1); otherwise MatMulPacked (1);
 *   · T = backend.thresholdToIncreaseWorkgroups: 8, or 16 on Intel GPUs of generation ≥ 12;
 *   · depthwise conv: 1; global average pool (mean over H, W): transpose to put H, W innermost + reduce = 2;
 *   · split of an MB's hidden channels into n branches: n slice programs; concat of ≤ 7 inputs: 1.
 *   · a cell node that sums n ≥ 2 edges: one AddN program; an identity edge: none.
 */

import { mbHidden, convOut, type ArchSpec, type CellLayer, type LayerSpec } from '../archspec';
import { layerCost, type Shape3 } from '../costs';
import { CELL_NODES, cellComputedEdges } from '../space/cell';

export interface DispatchOptions {
  /** tfjs-webgpu's `thresholdToIncreaseWorkgroups` (default 8; 16 on Intel gen ≥ 12 adapters). */
  workgroupThreshold?: number;
  /** Inputs one concat program takes: maxStorageBuffersPerShaderStage − 1 (WebGPU default limit 8 → 7). */
  maxConcatInputs?: number;
}

/** Dispatches of one batch-1 matmul [M × K]·[K × N] without fused bias or activation. */
export function matmulDispatches(M: number, K: number, N: number, threshold = 8): number {
  const wg = Math.ceil(M / 32) * Math.ceil(N / 32);
  const few = wg <= threshold || (M <= 8 && wg <= threshold * 2);
  if (!few) return 1; // MatMulPacked
  if (M * N <= 128) return 1; // MatMulReduce
  if (K >= 2000) return 2; // fill(0) + MatMulSplitK (atomic adds)
  return 1; // MatMulSmallOutputSize
}

/** Dispatches of a "same"-padded conv2d (no bias, no activation) on an h×w×cin input. */
export function conv2dDispatches(h: number, w: number, cin: number, cout: number, k: number, stride: number, threshold = 8): number {
  if (k === 1 && stride === 1) return matmulDispatches(h * w, cin, cout, threshold);
  const ho = convOut(h, stride);
  const wo = convOut(w, stride);
  const wg = Math.ceil((ho * wo) / 32) * Math.ceil(cout / 32);
  if (wg <= threshold) return 1 + matmulDispatches(ho * wo, k * k * cin, cout, threshold); // im2col + matmul
  return 1; // Conv2DMM
}

/** Dispatches of a cell (engine/layers applyCell): expand conv + BN + ReLU, per edge its kernels, AddN per summing node, project + BN. */
function cellDispatches(layer: CellLayer, h: number, w: number, T: number): number {
  const ho = convOut(h, layer.stride);
  const wo = convOut(w, layer.stride);
  const hid = layer.hidden;
  let n = conv2dDispatches(h, w, layer.cin, hid, 1, 1, T) + 2;
  const inputs = new Array<number>(CELL_NODES).fill(0);
  for (const e of cellComputedEdges(layer)) {
    inputs[e.to]++;
    const [eh, ew, s] = e.from === 0 ? [h, w, layer.stride] : [ho, wo, 1];
    if (e.op === 'pw') n += conv2dDispatches(eh, ew, hid, hid, 1, s, T) + 2;
    else if (e.op !== 'id') n += 1 + 2; // depthwise, BN, ReLU
  }
  n += inputs.filter((k) => k > 1).length;
  n += conv2dDispatches(ho, wo, hid, layer.cout, 1, 1, T) + 1;
  if (layer.residual) n += 1;
  return n;
}

/** Dispatches of one layer at input shape `inShape` (see the module comment for the rules). */
export function layerDispatches(layer: LayerSpec, inShape: Shape3, opts: DispatchOptions = {}): number {
  const T = opts.workgroupThreshold ?? 8;
  const maxConcat = opts.maxConcatInputs ?? 7;
  const [h, w] = inShape;
  switch (layer.type) {
    case 'conv':
      return conv2dDispatches(h, w, layer.cin, layer.cout, layer.k, layer.stride, T) + 1 + (layer.relu ? 1 : 0);
    case 'chainconv':
      // ReLU → conv → BN
      return 1 + conv2dDispatches(h, w, layer.cin, layer.cout, layer.k, layer.stride, T) + 1;
    case 'sepconv': {
      // ReLU → depthwise → 1×1 conv (at the output resolution) → BN
      const ho = convOut(h, layer.stride);
      const wo = convOut(w, layer.stride);
      return 1 + 1 + conv2dDispatches(ho, wo, layer.cin, layer.cout, 1, 1, T) + 1;
    }
    case 'mb': {
      const hidden = mbHidden(layer);
      const nb = layer.branches.length;
      const ho = convOut(h, layer.stride);
      const wo = convOut(w, layer.stride);
      let n = 0;
      if (layer.expand !== false) n += conv2dDispatches(h, w, layer.cin, hidden, 1, 1, T) + 2; // expand, BN, ReLU
      if (nb > 1) n += nb; // split: one slice per branch
      n += nb; // depthwise per branch
      if (nb > 1) n += concatDispatches(nb, maxConcat);
      n += 2; // BN, ReLU
      n += conv2dDispatches(ho, wo, hidden, layer.cout, 1, 1, T) + 1; // project, BN
      if (layer.residual) n += 1;
      return n;
    }
    case 'cell':
      return cellDispatches(layer, h, w, T);
    case 'skip':
      return 0;
    case 'gap':
      return 2;
    case 'dense':
      return matmulDispatches(1, layer.cin, layer.cout, T) + 1; // matmul + bias add
  }
}

/**
 * Concat programs for n ≥ 2 inputs when one program takes at most `maxInputs`: tfjs concatenates each group of
 * `maxInputs` with its own program (a one-input group too), then concatenates the groups' results.
 */
export function concatDispatches(n: number, maxInputs = 7): number {
  if (n <= 1) return 0;
  if (n <= maxInputs) return 1;
  const groups = Math.ceil(n / maxInputs);
  return groups + (groups <= maxInputs ? 1 : concatDispatches(groups, maxInputs));
}

/** Per-layer and total dispatch counts of one batch-1 inference of `spec`. */
export function specDispatches(spec: ArchSpec, opts: DispatchOptions = {}): { total: number; perLayer: number[] } {
  let shape: Shape3 = [spec.input.height, spec.input.width, spec.input.channels];
  const perLayer = spec.layers.map((layer) => {
    const n = layerDispatches(layer, shape, opts);
    shape = layerCost(layer, shape).outShape;
    return n;
  });
  return { total: perLayer.reduce((a, b) => a + b, 0), perLayer };
}
