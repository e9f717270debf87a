/**
 * ONNX export (issue 14 §5) from the app's stock tfjs LayersModel (model.json + weights), so it works on any saved run
 * without the engine. Standard ONNX ops only, default domain, opset 13 (ONNX_OPSET): Transpose, Conv (groups for
 * depthwise), BatchNormalization (inference form), Relu, Concat, Add, Sum (a cell node with three inputs),
 * Identity (a linear Activation), GlobalAveragePool, Flatten, Gemm.
 * The graph takes the app's NHWC input `image` [N, H, W, C] in [0, 1] and returns logits [N, classes] (no softmax);
 * it transposes once to NCHW at the start. TF "same" padding (extra row/column at the end) becomes explicit pads.
 */
import { ProtoWriter } from './protobuf';

export const ONNX_OPSET = 13;
/** ONNX IR version 7 is the one that goes with opset 13. */
const IR_VERSION = 7;
const FLOAT = 1;

interface KerasLayer {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  inbound_nodes: [string, number, number, unknown][][];
}
interface ModelJsonLike {
  modelTopology: { config?: { layers?: KerasLayer[]; output_layers?: [string, number, number][] } } | object;
  weightsManifest: { weights: { name: string; shape: number[]; dtype?: string }[] }[];
}

/** A model this exporter does not know how to write (the message names the layer). */
export class OnnxExportError extends Error {
  override name = 'OnnxExportError';
}

/** Named float32 weights of a LayersModel (by manifest name, e.g. `L0_conv/kernel`). */
export function readWeights(modelJson: ModelJsonLike, weights: ArrayBuffer): Map<string, { shape: number[]; data: Float32Array }> {
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  let offset = 0;
  for (const g of modelJson.weightsManifest)
    for (const w of g.weights) {
      if (w.dtype && w.dtype !== 'float32') throw new OnnxExportError(`weight ${w.name}: dtype ${w.dtype} is not supported`);
      const n = w.shape.reduce((a, b) => a * b, 1);
      if (offset + 4 * n > weights.byteLength) throw new OnnxExportError(`weights file too short at ${w.name}`);
      out.set(w.name, { shape: w.shape, data: new Float32Array(weights.slice(offset, offset + 4 * n)) });
      offset += 4 * n;
    }
  return out;
}

/** Reorder a row-major tensor's axes (`perm[i]` = source axis of output axis i). */
export function transpose(data: Float32Array, shape: readonly number[], perm: readonly number[]): { data: Float32Array; shape: number[] } {
  const outShape = perm.map((p) => shape[p]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(data.length);
  const idx = new Array<number>(shape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < perm.length; i++) src += idx[i] * strides[perm[i]];
    out[o] = data[src];
    for (let i = perm.length - 1; i >= 0; i--) {
      if (++idx[i] < outShape[i]) break;
      idx[i] = 0;
    }
  }
  return { data: out, shape: outShape };
}

class Graph {
  readonly nodes: ProtoWriter[] = [];
  readonly inits: ProtoWriter[] = [];

  init(name: string, shape: readonly number[], data: Float32Array): string {
    const t = new ProtoWriter().ints(1, shape).int(2, FLOAT).string(8, name);
    t.bytes(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    this.inits.push(t);
    return name;
  }

  node(op: string, inputs: string[], output: string, attrs: ((a: (name: string) => ProtoWriter) => void) | null = null): string {
    const n = new ProtoWriter();
    for (const i of inputs) n.string(1, i);
    n.string(2, output).string(3, output).string(4, op);
    const list: ProtoWriter[] = [];
    attrs?.((name) => {
      const a = new ProtoWriter().string(1, name);
      list.push(a);
      return a;
    });
    // Attributes are encoded once the callback has filled them.
    for (const a of list) n.message(5, a);
    this.nodes.push(n);
    return output;
  }
}

/** AttributeProto types. */
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_INTS = 7;

/** TF "same" padding along one axis: [begin, end] (the odd pixel goes at the end). */
function samePads(size: number, k: number, s: number): [number, number] {
  const out = Math.ceil(size / s);
  const total = Math.max((out - 1) * s + k - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

function valueInfo(name: string, dims: (number | string)[]): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of dims) shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensor = new ProtoWriter().int(1, FLOAT).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
}

const pair = (v: unknown, name: string): [number, number] => {
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  if (typeof v === 'number') return [v, v];
  throw new OnnxExportError(`layer ${name}: cannot read kernel size or strides`);
};

/** Convert model.json + weights to ONNX bytes (opset ONNX_OPSET). */
export function toOnnx(modelJson: ModelJsonLike, weights: ArrayBuffer, producerVersion = '0.1.0'): Uint8Array {
  const cfg = (modelJson.modelTopology as { config?: { layers?: KerasLayer[]; output_layers?: [string, number, number][] } }).config;
  const layers = cfg?.layers;
  if (!layers?.length) throw new OnnxExportError('model.json has no functional model topology');
  const w = readWeights(modelJson, weights);
  const get = (layer: string, p: string) => {
    const t = w.get(`${layer}/${p}`);
    if (!t) throw new OnnxExportError(`layer ${layer}: weight ${p} missing`);
    return t;
  };
  const g = new Graph();
  /** Each Keras layer's output: ONNX name, and its NCHW spatial size (null once flattened). */
  const outs = new Map<string, { name: string; hw: [number, number] | null; c: number }>();
  let inputDims: number[] = [];
  for (const l of layers) {
    const ins = (l.inbound_nodes[0] ?? []).map(([n]) => {
      const o = outs.get(n);
      if (!o) throw new OnnxExportError(`layer ${l.name}: input ${n} not defined before it`);
      return o;
    });
    const x = ins[0];
    const c = l.config;
    const out = l.name;
    switch (l.class_name) {
      case 'InputLayer': {
        const [, h, wd, ch] = c.batch_input_shape as [null, number, number, number];
        inputDims = [h, wd, ch];
        g.node('Transpose', [l.name], `${out}_nchw`, (a) => a('perm').int(20, ATTR_INTS).ints(8, [0, 3, 1, 2]));
        outs.set(l.name, { name: `${out}_nchw`, hw: [h, wd], c: ch });
        break;
      }
      case 'Conv2D':
      case 'DepthwiseConv2D': {
        if (!x.hw) throw new OnnxExportError(`layer ${l.name}: convolution after flatten`);
        if (c.padding !== 'same' || (c.activation && c.activation !== 'linear')) throw new OnnxExportError(`layer ${l.name}: only 'same' padding and no activation are supported`);
        const [kh, kw] = pair(c.kernel_size, l.name);
        const [sh, sw] = pair(c.strides, l.name);
        const dw = l.class_name === 'DepthwiseConv2D';
        const k = get(l.name, dw ? 'depthwise_kernel' : 'kernel');
        // tfjs kernels are [kh, kw, cin, cout] (depthwise: [kh, kw, c, 1]); ONNX wants [cout, cin/group, kh, kw].
        const t = dw ? transpose(k.data, k.shape, [2, 3, 0, 1]) : transpose(k.data, k.shape, [3, 2, 0, 1]);
        const inputs = [x.name, g.init(`${l.name}.weight`, t.shape, t.data)];
        if (c.use_bias) inputs.push(g.init(`${l.name}.bias`, [t.shape[0]], get(l.name, 'bias').data));
        const [pt, pb] = samePads(x.hw[0], kh, sh);
        const [pl, pr] = samePads(x.hw[1], kw, sw);
        g.node('Conv', inputs, out, (a) => {
          a('kernel_shape').int(20, ATTR_INTS).ints(8, [kh, kw]);
          a('strides').int(20, ATTR_INTS).ints(8, [sh, sw]);
          a('pads').int(20, ATTR_INTS).ints(8, [pt, pl, pb, pr]);
          if (dw) a('group').int(20, ATTR_INT).int(3, x.c);
        });
        outs.set(l.name, { name: out, hw: [Math.ceil(x.hw[0] / sh), Math.ceil(x.hw[1] / sw)], c: t.shape[0] });
        break;
      }
      case 'BatchNormalization': {
        const ch = x.c;
        const p = (n: string, fill: number) => (w.has(`${l.name}/${n}`) ? get(l.name, n).data : new Float32Array(ch).fill(fill));
        const names = [['gamma', 1], ['beta', 0], ['moving_mean', 0], ['moving_variance', 1]] as const;
        const inputs = [x.name, ...names.map(([n, f]) => g.init(`${l.name}.${n}`, [ch], p(n, f)))];
        const eps = typeof c.epsilon === 'number' ? c.epsilon : 1e-3;
        g.node('BatchNormalization', inputs, out, (a) => a('epsilon').int(20, ATTR_FLOAT).float(2, eps));
        outs.set(l.name, { ...x, name: out });
        break;
      }
      case 'Activation':
        // Only the identity ('linear'), which the cell export uses to give a node a second copy of one tensor.
        if (c.activation !== 'linear') throw new OnnxExportError(`layer ${l.name}: activation ${JSON.stringify(c.activation)} is not supported`);
        outs.set(l.name, { ...x, name: g.node('Identity', [x.name], out) });
        break;
      case 'ReLU':
        if (c.max_value !== null && c.max_value !== undefined) throw new OnnxExportError(`layer ${l.name}: capped ReLU is not supported`);
        outs.set(l.name, { ...x, name: g.node('Relu', [x.name], out) });
        break;
      case 'Concatenate':
        g.node('Concat', ins.map((i) => i.name), out, (a) => a('axis').int(20, ATTR_INT).int(3, 1));
        outs.set(l.name, { ...x, name: out, c: ins.reduce((s, i) => s + i.c, 0) });
        break;
      case 'Add':
        // Residuals add two tensors; a cell's node may sum three (ONNX Sum takes any number of inputs).
        if (ins.length < 2) throw new OnnxExportError(`layer ${l.name}: Add of ${ins.length} inputs`);
        outs.set(l.name, { ...x, name: g.node(ins.length === 2 ? 'Add' : 'Sum', ins.map((i) => i.name), out) });
        break;
      case 'GlobalAveragePooling2D': {
        const p = g.node('GlobalAveragePool', [x.name], `${out}_pool`);
        outs.set(l.name, { name: g.node('Flatten', [p], out), hw: null, c: x.c });
        break;
      }
      case 'Flatten': {
        if (!x.hw) {
          outs.set(l.name, x);
          break;
        }
        // Keras flattens NHWC (channels fastest): go back to NHWC first.
        const t = g.node('Transpose', [x.name], `${out}_nhwc`, (a) => a('perm').int(20, ATTR_INTS).ints(8, [0, 2, 3, 1]));
        outs.set(l.name, { name: g.node('Flatten', [t], out), hw: null, c: x.c * x.hw[0] * x.hw[1] });
        break;
      }
      case 'Dense': {
        if (c.activation && c.activation !== 'linear') throw new OnnxExportError(`layer ${l.name}: dense activation ${JSON.stringify(c.activation)}`);
        const k = get(l.name, 'kernel');
        const inputs = [x.name, g.init(`${l.name}.weight`, k.shape, k.data)];
        if (c.use_bias !== false) inputs.push(g.init(`${l.name}.bias`, [k.shape[1]], get(l.name, 'bias').data));
        outs.set(l.name, { name: g.node('Gemm', inputs, out), hw: null, c: k.shape[1] });
        break;
      }
      default:
        throw new OnnxExportError(`layer ${l.name}: Keras layer ${l.class_name} has no ONNX mapping here`);
    }
  }
  const last = outs.get(cfg?.output_layers?.[0]?.[0] ?? layers[layers.length - 1].name);
  if (!last || last.hw) throw new OnnxExportError('the model does not end in a [N, classes] output');
  const logits = g.node('Identity', [last.name], 'logits');
  const graph = new ProtoWriter();
  for (const n of g.nodes) graph.message(1, n);
  graph.string(2, 'nas_playground');
  for (const t of g.inits) graph.message(5, t);
  graph.message(11, valueInfo(layers[0].name, ['N', ...inputDims]));
  graph.message(12, valueInfo(logits, ['N', last.c]));
  const opset = new ProtoWriter().string(1, '').int(2, ONNX_OPSET);
  return new ProtoWriter()
    .int(1, IR_VERSION)
    .string(2, 'nas-playground')
    .string(3, producerVersion)
    .message(7, graph)
    .message(8, opset)
    .finish();
}
