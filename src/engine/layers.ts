/**
 * Per-layer variables and forward functions, addressed by a name prefix (`L3`), so that methods can reuse them on
 * their own variables: AtomNAS slices the channels of an `mb` layer, PAD-NAS runs one op of a layer (`L3.op2`).
 * Variable naming is documented in README.md.
 */
import * as tf from '@tensorflow/tfjs';
import type { CellLayer, LayerSpec, MbLayer } from '../core/archspec';
import { mbHidden } from '../core/archspec';
import { CELL_NODES, cellComputedEdges, cellEdgeKernel } from '../core/space/cell';
import type { Rng } from '../core/rng';
import { batchNormTrain } from './batchNorm';
import { conv2dSame, denseMatMul, depthwiseSame } from './convGrads';
import type { ParamStore } from './params';

/** Batch statistics of one BN layer in a training-mode forward pass (for the running-stat update). */
export interface BnBatchStats {
  /** Per-channel batch mean. */
  mean: tf.Tensor1D;
  /** Per-channel biased batch variance (what normalised the batch). */
  variance: tf.Tensor1D;
  /** Values per channel in the batch (N·H·W): lets the update apply Bessel's correction. */
  count: number;
}

/** BN prefix (e.g. `L3.dw.bn`) → batch statistics. A plain object so tf.tidy can see the tensors it holds. */
export type BnStats = Record<string, BnBatchStats>;

/** What a forward pass needs besides the input. */
export interface ForwardContext {
  params: ParamStore;
  /** Training mode: BN normalises with batch statistics (and records them into `stats`). */
  training: boolean;
  bnEpsilon: number;
  /** Filled in training mode; the tensors are the caller's to keep/dispose. */
  stats?: BnStats;
}

/** He-normal (std = √(2 / fan_in)) weights from `rng`, as a new float32 tensor. */
export function heNormal(shape: number[], fanIn: number, rng: Rng): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const std = Math.sqrt(2 / Math.max(1, fanIn));
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.normal() * std;
  return tf.tensor(data, shape, 'float32');
}

function addTensor(store: ParamStore, name: string, role: Parameters<ParamStore['add']>[1], t: tf.Tensor): void {
  store.add(name, role, t);
  t.dispose();
}

/** γ = 1, β = 0, running mean 0, running variance 1 for a BN over `channels` channels at `prefix` (e.g. `L0.bn`). */
export function createBnParams(store: ParamStore, prefix: string, channels: number): void {
  addTensor(store, `${prefix}.gamma`, 'bn-gamma', tf.ones([channels]));
  addTensor(store, `${prefix}.beta`, 'bn-beta', tf.zeros([channels]));
  addTensor(store, `${prefix}.mean`, 'bn-mean', tf.zeros([channels]));
  addTensor(store, `${prefix}.var`, 'bn-var', tf.ones([channels]));
}

function convWeight(store: ParamStore, name: string, k: number, cin: number, cout: number, rng: Rng): void {
  addTensor(store, name, 'weight', heNormal([k, k, cin, cout], k * k * cin, rng));
}

function depthwiseWeight(store: ParamStore, name: string, k: number, channels: number, rng: Rng): void {
  // Each depthwise output sees k·k inputs of its own channel, hence fan_in = k².
  addTensor(store, name, 'weight', heNormal([k, k, channels, 1], k * k, rng));
}

/** Prefix of the variables of a cell's edge from node `from` to node `to`: `L3.e03`. */
export function cellEdgePrefix(prefix: string, from: number, to: number): string {
  return `${prefix}.e${from}${to}`;
}

/** Create the variables of `layer` under `prefix` (names in README.md), drawing weights from `rng`. */
export function createLayerParams(layer: LayerSpec, prefix: string, store: ParamStore, rng: Rng): void {
  switch (layer.type) {
    case 'conv':
    case 'chainconv':
      convWeight(store, `${prefix}.w`, layer.k, layer.cin, layer.cout, rng);
      createBnParams(store, `${prefix}.bn`, layer.cout);
      return;
    case 'mb': {
      const h = mbHidden(layer);
      if (layer.expand !== false) {
        convWeight(store, `${prefix}.expand.w`, 1, layer.cin, h, rng);
        createBnParams(store, `${prefix}.expand.bn`, h);
      }
      layer.branches.forEach((b, j) => depthwiseWeight(store, `${prefix}.dw${j}.w`, b.k, b.hidden, rng));
      createBnParams(store, `${prefix}.dw.bn`, h);
      convWeight(store, `${prefix}.project.w`, 1, h, layer.cout, rng);
      createBnParams(store, `${prefix}.project.bn`, layer.cout);
      return;
    }
    case 'cell': {
      const h = layer.hidden;
      convWeight(store, `${prefix}.expand.w`, 1, layer.cin, h, rng);
      createBnParams(store, `${prefix}.expand.bn`, h);
      for (const e of cellComputedEdges(layer)) {
        const k = cellEdgeKernel(e.op);
        const p = cellEdgePrefix(prefix, e.from, e.to);
        if (k !== null) depthwiseWeight(store, `${p}.w`, k, h, rng);
        else if (e.op === 'pw') convWeight(store, `${p}.w`, 1, h, h, rng);
        else continue; // identity: no variables
        createBnParams(store, `${p}.bn`, h);
      }
      convWeight(store, `${prefix}.project.w`, 1, h, layer.cout, rng);
      createBnParams(store, `${prefix}.project.bn`, layer.cout);
      return;
    }
    case 'sepconv':
      depthwiseWeight(store, `${prefix}.dw.w`, layer.k, layer.cin, rng);
      convWeight(store, `${prefix}.pw.w`, 1, layer.cin, layer.cout, rng);
      createBnParams(store, `${prefix}.bn`, layer.cout);
      return;
    case 'dense':
      addTensor(store, `${prefix}.w`, 'weight', heNormal([layer.cin, layer.cout], layer.cin, rng));
      addTensor(store, `${prefix}.b`, 'dense-bias', tf.zeros([layer.cout]));
      return;
    case 'skip':
    case 'gap':
      return;
  }
}

/** Names of every variable `layer` owns under `prefix`, in creation order. */
export function layerParamNames(layer: LayerSpec, prefix: string): string[] {
  const bn = (p: string) => ['gamma', 'beta', 'mean', 'var'].map((s) => `${p}.${s}`);
  switch (layer.type) {
    case 'conv':
    case 'chainconv':
      return [`${prefix}.w`, ...bn(`${prefix}.bn`)];
    case 'mb':
      return [
        ...(layer.expand !== false ? [`${prefix}.expand.w`, ...bn(`${prefix}.expand.bn`)] : []),
        ...layer.branches.map((_, j) => `${prefix}.dw${j}.w`),
        ...bn(`${prefix}.dw.bn`),
        `${prefix}.project.w`,
        ...bn(`${prefix}.project.bn`),
      ];
    case 'cell':
      return [
        `${prefix}.expand.w`,
        ...bn(`${prefix}.expand.bn`),
        ...cellComputedEdges(layer)
          .filter((e) => e.op !== 'id')
          .flatMap((e) => {
            const p = cellEdgePrefix(prefix, e.from, e.to);
            return [`${p}.w`, ...bn(`${p}.bn`)];
          }),
        `${prefix}.project.w`,
        ...bn(`${prefix}.project.bn`),
      ];
    case 'sepconv':
      return [`${prefix}.dw.w`, `${prefix}.pw.w`, ...bn(`${prefix}.bn`)];
    case 'dense':
      return [`${prefix}.w`, `${prefix}.b`];
    case 'skip':
    case 'gap':
      return [];
  }
}

/**
 * Batch normalisation over the last axis of an NHWC tensor.
 * Training: batch statistics (biased variance, as every framework normalises with), recorded into ctx.stats
 * (those tensors are kept: whoever reads ctx.stats disposes them, see disposeBnStats).
 * Inference: running statistics.
 */
export function batchNorm(x: tf.Tensor4D, prefix: string, ctx: ForwardContext): tf.Tensor4D {
  const { params } = ctx;
  const gamma = params.get(`${prefix}.gamma`);
  const beta = params.get(`${prefix}.beta`);
  if (ctx.training) {
    const { y, mean, variance } = batchNormTrain(x, gamma as tf.Tensor1D, beta as tf.Tensor1D, ctx.bnEpsilon);
    const count = x.shape[0] * x.shape[1] * x.shape[2];
    if (ctx.stats) ctx.stats[prefix] = { mean, variance, count };
    else tf.dispose([mean, variance]); // batchNormTrain keeps them; nobody asked for them
    return y;
  }
  const mean = params.get(`${prefix}.mean`) as tf.Tensor1D;
  const variance = params.get(`${prefix}.var`) as tf.Tensor1D;
  return tf.batchNorm4d(x, mean, variance, beta as tf.Tensor1D, gamma as tf.Tensor1D, ctx.bnEpsilon);
}

/** On WebGPU, 1×1 convs and the filter gradients run the engine's programs (convGrads.ts). */
function conv(x: tf.Tensor4D, w: tf.Variable, stride: number): tf.Tensor4D {
  return conv2dSame(x, w as tf.Tensor4D, stride);
}

function depthwise(x: tf.Tensor4D, w: tf.Variable, stride: number): tf.Tensor4D {
  return depthwiseSame(x, w as tf.Tensor4D, stride);
}

/** Fused MB block (METHODS §1): expand → BN → ReLU → per-branch depthwise → concat → BN → ReLU → project → BN (+x). */
export function applyMb(layer: MbLayer, prefix: string, x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor4D {
  const { params } = ctx;
  if (layer.branches.length === 0 || mbHidden(layer) === 0) {
    throw new Error(`${prefix}: mb layer has no atoms left; replace it by a skip layer (residual) or keep one atom`);
  }
  let h = x;
  if (layer.expand !== false) {
    h = tf.relu(batchNorm(conv(x, params.get(`${prefix}.expand.w`), 1), `${prefix}.expand.bn`, ctx));
  }
  const parts = layer.branches.length > 1 ? tf.split<tf.Tensor4D>(h, layer.branches.map((b) => b.hidden), 3) : [h];
  const dws = parts.map((p, j) => depthwise(p, params.get(`${prefix}.dw${j}.w`), layer.stride));
  const d = dws.length > 1 ? tf.concat4d(dws, 3) : dws[0];
  const a = tf.relu(batchNorm(d, `${prefix}.dw.bn`, ctx));
  const out = batchNorm(conv(a, params.get(`${prefix}.project.w`), 1), `${prefix}.project.bn`, ctx);
  return layer.residual ? tf.add(out, x) : out;
}

/**
 * AutoSpace-style cell (`CellLayer`): node 0 = ReLU(BN(expand 1×1)); each computed edge is ReLU(BN(depthwise k×k))
 * or ReLU(BN(conv 1×1)) or the identity, with the cell's stride on edges leaving node 0; node j = Σ of its incoming
 * edges; out = BN(project 1×1)(node 3) (+x when residual).
 */
export function applyCell(layer: CellLayer, prefix: string, x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor4D {
  const { params } = ctx;
  const nodes: tf.Tensor4D[][] = Array.from({ length: CELL_NODES }, () => []);
  const node0 = tf.relu(batchNorm(conv(x, params.get(`${prefix}.expand.w`), 1), `${prefix}.expand.bn`, ctx));
  const value = (j: number): tf.Tensor4D => {
    if (j === 0) return node0;
    const ins = nodes[j];
    if (ins.length === 0) throw new Error(`${prefix}: cell node ${j} has no input edge`);
    return ins.length === 1 ? ins[0] : tf.addN(ins);
  };
  const computed: (tf.Tensor4D | null)[] = [node0, null, null, null];
  for (const e of cellComputedEdges(layer)) {
    const src = computed[e.from] ?? (computed[e.from] = value(e.from));
    const stride = e.from === 0 ? layer.stride : 1;
    const p = cellEdgePrefix(prefix, e.from, e.to);
    const k = cellEdgeKernel(e.op);
    let y: tf.Tensor4D;
    if (k !== null) y = tf.relu(batchNorm(depthwise(src, params.get(`${p}.w`), stride), `${p}.bn`, ctx));
    else if (e.op === 'pw') y = tf.relu(batchNorm(conv(src, params.get(`${p}.w`), stride), `${p}.bn`, ctx));
    else y = src; // identity (stride 1 only: validation refuses it out of node 0 at stride 2)
    nodes[e.to].push(y);
  }
  const out = batchNorm(conv(value(CELL_NODES - 1), params.get(`${prefix}.project.w`), 1), `${prefix}.project.bn`, ctx);
  return layer.residual ? tf.add(out, x) : out;
}

/**
 * Forward one layer. Input rank 4 (NHWC) for spatial layers; `gap` turns it into [B, C]; `dense` takes [B, C].
 * Call inside tf.tidy (or a gradient tape): intermediates are not disposed here.
 */
export function applyLayer(layer: LayerSpec, prefix: string, x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
  const { params } = ctx;
  switch (layer.type) {
    case 'conv': {
      const y = batchNorm(conv(x as tf.Tensor4D, params.get(`${prefix}.w`), layer.stride), `${prefix}.bn`, ctx);
      return layer.relu ? tf.relu(y) : y;
    }
    case 'mb':
      return applyMb(layer, prefix, x as tf.Tensor4D, ctx);
    case 'cell':
      return applyCell(layer, prefix, x as tf.Tensor4D, ctx);
    case 'skip':
      return x;
    case 'sepconv': {
      const d = depthwise(tf.relu(x as tf.Tensor4D), params.get(`${prefix}.dw.w`), layer.stride);
      return batchNorm(conv(d, params.get(`${prefix}.pw.w`), 1), `${prefix}.bn`, ctx);
    }
    case 'chainconv':
      return batchNorm(conv(tf.relu(x as tf.Tensor4D), params.get(`${prefix}.w`), layer.stride), `${prefix}.bn`, ctx);
    case 'gap': {
      // avgPool over the full H×W rather than tf.mean over axes 1–2: same value, but no transpose on the CPU backend.
      const [b, h, w, c] = x.shape;
      return tf.reshape(tf.avgPool(x as tf.Tensor4D, [h, w], 1, 'valid'), [b, c]);
    }
    case 'dense': {
      const flat = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape<tf.Rank.R2>(x, [x.shape[0], -1]);
      return tf.add(denseMatMul(flat, params.get(`${prefix}.w`) as tf.Tensor2D), params.get(`${prefix}.b`));
    }
  }
}
