/**
 * Export a trained Network as a stock tfjs LayersModel (built-in layers only, loadable by `tf.loadLayersModel`
 * with no custom code), plus its ArchSpec (METHODS §0: a pruned network can only be rebuilt from its own spec).
 * The model outputs logits (no softmax), exactly like Network.predict.
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec, CellLayer, LayerSpec, MbLayer } from '../core/archspec';
import { convOut, mbHidden } from '../core/archspec';
import { CELL_NODES, cellComputedEdges, cellEdgeKernel } from '../core/space/cell';
import { cellEdgePrefix } from './layers';
import { layerPrefix, type Network } from './network';
import type { ParamStore } from './params';

type Sym = tf.SymbolicTensor;

/** model.json content: topology + weights manifest pointing at `model.weights.bin`. */
export interface ModelJson {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata?: object;
}

/** Everything needed to ship a network: model.json, the weights file and the ArchSpec. */
export interface ExportedArtifacts {
  modelJson: ModelJson;
  weightData: ArrayBuffer;
  archSpec: ArchSpec;
}

/** Builds the functional graph and remembers which weights to copy into each layer. */
class GraphBuilder {
  private readonly owned: tf.Tensor[] = [];
  private readonly assignments: { layer: tf.layers.Layer; weights: tf.Tensor[] }[] = [];

  constructor(
    private readonly params: ParamStore,
    private readonly epsilon: number,
    private readonly momentum: number,
  ) {}

  /** The current value of variable `name`. */
  param(name: string): tf.Tensor {
    return this.params.get(name);
  }

  /** Apply `layer` to `x` and schedule `weights` for it. */
  private add(layer: tf.layers.Layer, x: Sym | Sym[], weights: tf.Tensor[] = []): Sym {
    if (weights.length > 0) this.assignments.push({ layer, weights });
    return layer.apply(x) as Sym;
  }

  /** Channels [start, start+size) of the last axis of variable `name` (the whole variable when it already fits). */
  private channels(name: string, start: number, size: number): tf.Tensor {
    const v = this.params.get(name);
    const last = v.shape.length - 1;
    if (start === 0 && size === v.shape[last]) return v;
    const begin = v.shape.map((_, i) => (i === last ? start : 0));
    const sz = v.shape.map((d, i) => (i === last ? size : d));
    const t = tf.slice(v, begin, sz);
    this.owned.push(t);
    return t;
  }

  conv(x: Sym, name: string, wName: string, k: number, stride: number, filters: number, start = 0): Sym {
    const layer = tf.layers.conv2d({ name, filters, kernelSize: k, strides: stride, padding: 'same', useBias: false });
    return this.add(layer, x, [this.channels(wName, start, filters)]);
  }

  depthwise(x: Sym, name: string, kernel: tf.Tensor, k: number, stride: number): Sym {
    const layer = tf.layers.depthwiseConv2d({ name, kernelSize: k, strides: stride, padding: 'same', depthMultiplier: 1, useBias: false });
    return this.add(layer, x, [kernel]);
  }

  /** BN over channels [start, start+size) of the BN at `prefix` (e.g. `L3.dw.bn`). */
  bn(x: Sym, name: string, prefix: string, start: number, size: number): Sym {
    const layer = tf.layers.batchNormalization({ name, axis: -1, epsilon: this.epsilon, momentum: this.momentum });
    const w = ['gamma', 'beta', 'mean', 'var'].map((s) => this.channels(`${prefix}.${s}`, start, size));
    return this.add(layer, x, w);
  }

  relu(x: Sym, name: string): Sym {
    return this.add(tf.layers.reLU({ name }), x);
  }

  other(layer: tf.layers.Layer, x: Sym | Sym[], weights: tf.Tensor[] = []): Sym {
    return this.add(layer, x, weights);
  }

  /** Depthwise kernels of several branches merged into one k_max×k_max kernel (each zero-padded around its centre). */
  mergedDepthwise(layer: MbLayer, prefix: string): { kernel: tf.Tensor; k: number } {
    const kMax = Math.max(...layer.branches.map((b) => b.k));
    const kernel = tf.tidy(() =>
      tf.concat(
        layer.branches.map((b, j) => {
          const p = (kMax - b.k) / 2;
          return tf.pad(this.params.get(`${prefix}.dw${j}.w`), [[p, p], [p, p], [0, 0], [0, 0]]);
        }),
        2,
      ),
    );
    this.owned.push(kernel);
    return { kernel, k: kMax };
  }

  /** Copy every scheduled weight into its layer, then free the temporary slices. */
  finish(): void {
    for (const { layer, weights } of this.assignments) layer.setWeights(weights);
    tf.dispose(this.owned);
  }

  abort(): void {
    tf.dispose(this.owned);
  }
}

/**
 * Zero-padding a k×k depthwise kernel to K×K (both odd) gives the same 'same'-padded output only if TF's padding
 * total (out−1)·s + k − in is not clipped at 0 for the smaller kernel; then both windows share their centre.
 */
function zeroPadKernelIsExact(layer: MbLayer, inSize: number): boolean {
  const out = convOut(inSize, layer.stride);
  const c = (out - 1) * layer.stride - inSize;
  return layer.branches.every((b) => b.k % 2 === 1 && c + b.k >= 0);
}

function mbBlock(g: GraphBuilder, layer: MbLayer, prefix: string, x: Sym, inSize: number): Sym {
  const n = prefix.replace('.', '_');
  const h = mbHidden(layer);
  let d: Sym;
  if (layer.expand !== false) {
    // Per branch: 1×1 conv cin→h_j (the branch's slice of the fused expand conv) + its BN slice + ReLU + depthwise.
    let offset = 0;
    const outs = layer.branches.map((b, j) => {
      const e = g.conv(x, `${n}_b${j}_expand`, `${prefix}.expand.w`, 1, 1, b.hidden, offset);
      const a = g.relu(g.bn(e, `${n}_b${j}_expand_bn`, `${prefix}.expand.bn`, offset, b.hidden), `${n}_b${j}_expand_relu`);
      offset += b.hidden;
      return g.depthwise(a, `${n}_b${j}_dw`, g.param(`${prefix}.dw${j}.w`), b.k, layer.stride);
    });
    d = outs.length > 1 ? g.other(tf.layers.concatenate({ name: `${n}_concat`, axis: -1 }), outs) : outs[0];
  } else if (layer.branches.length === 1) {
    const b = layer.branches[0];
    d = g.depthwise(x, `${n}_dw`, g.param(`${prefix}.dw0.w`), b.k, layer.stride);
  } else {
    // No built-in layer slices channels, so several branches on the raw input become one depthwise with merged kernels.
    if (!zeroPadKernelIsExact(layer, inSize)) throw new Error(`${prefix}: cannot export this expand:false multi-branch block exactly`);
    const { kernel, k } = g.mergedDepthwise(layer, prefix);
    d = g.depthwise(x, `${n}_dw`, kernel, k, layer.stride);
  }
  // One BN over all depthwise channels is identical to per-branch BNs over its slices (BN is per channel).
  const a = g.relu(g.bn(d, `${n}_dw_bn`, `${prefix}.dw.bn`, 0, h), `${n}_dw_relu`);
  const p = g.bn(g.conv(a, `${n}_project`, `${prefix}.project.w`, 1, 1, layer.cout), `${n}_project_bn`, `${prefix}.project.bn`, 0, layer.cout);
  return layer.residual ? g.other(tf.layers.add({ name: `${n}_add` }), [p, x]) : p;
}

/**
 * A cell (`CellLayer`) from built-in layers: conv1×1 + BN + ReLU (node 0); per computed edge a depthwiseConv2d or
 * conv2d 1×1 + BN + ReLU (identity edges pass the node's tensor); `add` for nodes with several inputs; conv1×1 + BN
 * (project), `add` for the residual. Node j's `add` sums its edges in `edges` order (the engine's tf.addN: equal up to
 * float rounding).
 */
function cellBlock(g: GraphBuilder, layer: CellLayer, prefix: string, x: Sym): Sym {
  const n = prefix.replace('.', '_');
  const h = layer.hidden;
  const node0 = g.relu(g.bn(g.conv(x, `${n}_expand`, `${prefix}.expand.w`, 1, 1, h), `${n}_expand_bn`, `${prefix}.expand.bn`, 0, h), `${n}_expand_relu`);
  const ins: Sym[][] = Array.from({ length: CELL_NODES }, () => []);
  const nodes: (Sym | null)[] = [node0, null, null, null];
  const node = (j: number): Sym => {
    const done = nodes[j];
    if (done) return done;
    const v = ins[j].length === 1 ? ins[j][0] : g.other(tf.layers.add({ name: `${n}_n${j}_add` }), ins[j]);
    nodes[j] = v;
    return v;
  };
  for (const e of cellComputedEdges(layer)) {
    const src = node(e.from);
    const stride = e.from === 0 ? layer.stride : 1;
    const p = cellEdgePrefix(prefix, e.from, e.to);
    const en = `${n}_e${e.from}${e.to}`;
    const k = cellEdgeKernel(e.op);
    let y: Sym;
    if (k !== null) y = g.depthwise(src, `${en}_dw`, g.param(`${p}.w`), k, stride);
    else if (e.op === 'pw') y = g.conv(src, `${en}_pw`, `${p}.w`, 1, stride, h);
    else {
      // tfjs-layers' executor frees a tensor that one layer receives twice (node 2 = node 0 + node 1 when both are
      // identities of node 0): such a second copy goes through a linear (identity) activation layer.
      ins[e.to].push(ins[e.to].includes(src) ? g.other(tf.layers.activation({ activation: 'linear', name: `${en}_id` }), src) : src);
      continue;
    }
    ins[e.to].push(g.relu(g.bn(y, `${en}_bn`, `${p}.bn`, 0, h), `${en}_relu`));
  }
  const out = node(CELL_NODES - 1);
  const p = g.bn(g.conv(out, `${n}_project`, `${prefix}.project.w`, 1, 1, layer.cout), `${n}_project_bn`, `${prefix}.project.bn`, 0, layer.cout);
  return layer.residual ? g.other(tf.layers.add({ name: `${n}_add` }), [p, x]) : p;
}

function layerBlock(g: GraphBuilder, layer: LayerSpec, i: number, x: Sym, inSize: number): Sym {
  const prefix = layerPrefix(i);
  const n = prefix;
  switch (layer.type) {
    case 'conv': {
      const y = g.bn(g.conv(x, `${n}_conv`, `${prefix}.w`, layer.k, layer.stride, layer.cout), `${n}_bn`, `${prefix}.bn`, 0, layer.cout);
      return layer.relu ? g.relu(y, `${n}_relu`) : y;
    }
    case 'mb':
      return mbBlock(g, layer, prefix, x, inSize);
    case 'cell':
      return cellBlock(g, layer, prefix, x);
    case 'skip':
      return x;
    case 'sepconv': {
      const d = g.depthwise(g.relu(x, `${n}_relu`), `${n}_dw`, g.param(`${prefix}.dw.w`), layer.k, layer.stride);
      return g.bn(g.conv(d, `${n}_pw`, `${prefix}.pw.w`, 1, 1, layer.cout), `${n}_bn`, `${prefix}.bn`, 0, layer.cout);
    }
    case 'chainconv': {
      const c = g.conv(g.relu(x, `${n}_relu`), `${n}_conv`, `${prefix}.w`, layer.k, layer.stride, layer.cout);
      return g.bn(c, `${n}_bn`, `${prefix}.bn`, 0, layer.cout);
    }
    case 'gap':
      return g.other(tf.layers.globalAveragePooling2d({ name: `${n}_gap` }), x);
    case 'dense': {
      const flat = x.shape.length === 2 ? x : g.other(tf.layers.flatten({ name: `${n}_flatten` }), x);
      const d = tf.layers.dense({ name: `${n}_dense`, units: layer.cout, useBias: true });
      return g.other(d, flat, [g.param(`${prefix}.w`), g.param(`${prefix}.b`)]);
    }
  }
}

/** Rebuild `net` as a tf.LayersModel from built-in layers with a copy of its current weights (inference form). */
export function toLayersModel(net: Network): tf.LayersModel {
  const { spec } = net;
  const g = new GraphBuilder(net.params, net.bnEpsilon, net.bnMomentum);
  try {
    const input = tf.input({ shape: [spec.input.height, spec.input.width, spec.input.channels], name: 'image' });
    let x = input;
    let size = spec.input.height;
    spec.layers.forEach((layer, i) => {
      x = layerBlock(g, layer, i, x, size);
      if ('stride' in layer) size = convOut(size, layer.stride);
    });
    const model = tf.model({ inputs: input, outputs: x, name: spec.name.replace(/[^A-Za-z0-9_]+/g, '_') || 'network' });
    g.finish();
    return model;
  } catch (e) {
    g.abort();
    throw e;
  }
}

/**
 * Serialise `net` to model.json + one weights file (paths ['model.weights.bin']) in memory; the ArchSpec is returned
 * beside them and also stored in model.json's userDefinedMetadata.
 */
export async function exportArtifacts(net: Network): Promise<ExportedArtifacts> {
  const model = toLayersModel(net);
  try {
    const archSpec = JSON.parse(JSON.stringify(net.spec)) as ArchSpec;
    model.setUserDefinedMetadata({ archSpec });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler((artifacts) => {
        saved = artifacts;
        return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
      }),
    );
    const a = saved;
    if (!a || !a.modelTopology || !a.weightSpecs || !a.weightData) throw new Error('export: the save handler received no weights');
    const modelJson: ModelJson = {
      modelTopology: a.modelTopology,
      format: a.format,
      generatedBy: a.generatedBy,
      convertedBy: a.convertedBy ?? null,
      weightsManifest: [{ paths: ['model.weights.bin'], weights: a.weightSpecs }],
      userDefinedMetadata: a.userDefinedMetadata,
    };
    return { modelJson, weightData: tf.io.concatenateArrayBuffers(a.weightData), archSpec };
  } finally {
    model.dispose();
  }
}

/** How closely the exported files reproduce the network: both run on the same images in inference mode. */
export interface ExportCheck {
  /** Largest absolute difference between the network's logits and the reloaded LayersModel's. */
  maxAbsDiff: number;
  /** Images compared. */
  images: number;
  /** What they were: held-out test images of the loaded dataset, or random inputs when its shape does not fit. */
  source: 'test images' | 'random inputs';
}

/**
 * Load `artifacts` back with the stock `tf.loadLayersModel` (exactly the bytes a user downloads) and compare its logits
 * with `net`'s on `x` (NHWC in [0, 1]). Frees everything it creates.
 */
export async function checkExport(
  net: Network,
  artifacts: ExportedArtifacts,
  x: tf.Tensor4D,
  source: ExportCheck['source'],
): Promise<ExportCheck> {
  const { modelJson, weightData } = artifacts;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData }),
  );
  try {
    const d = tf.tidy(() => {
      const a = net.predict(x);
      const b = model.predict(x) as tf.Tensor;
      return tf.max(tf.abs(tf.sub(a, b)));
    });
    const maxAbsDiff = (await d.data())[0];
    d.dispose();
    return { maxAbsDiff, images: x.shape[0], source };
  } finally {
    model.dispose();
  }
}
