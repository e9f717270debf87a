/**
 * Canonical lookup-table (LUT) entry keys: one key per (operation, shapes) pair the profiler measures and the predictor
 * looks up. A key is a readable, parseable string: `<op> name=value …` with a fixed field order per op, e.g.
 * `mb cin=8 cout=16 h=28 w=28 k=5 s=2 hidden=24 res=0 expand=1`. Shapes are the layer's input H×W (NHWC, batch 1).
 *
 * A cell (`CellLayer`) has no key of its own: it is priced by its parts (`cellLutOps`), each with an existing key kind
 * where one fits exactly (expand / 1×1 edge / project = `conv` k=1 with or without ReLU) and two part kinds where none
 * does: `dw` (a depthwise edge: depthwise k×k → BN → ReLU) and `add` (a node summing n tensors, or the residual add).
 */

import { convOut, mbHidden, type ArchSpec, type CellLayer, type LayerSpec } from '../archspec';
import { layerCost, type Shape3 } from '../costs';
import { CELL_NODES, cellComputedEdges, cellEdgeKernel } from '../space/cell';

/** One measurable operation at concrete shapes. `h`/`w` are the input's spatial size. */
export type LutOp =
  | { op: 'mb'; cin: number; cout: number; h: number; w: number; k: number; s: number; hidden: number; res: boolean; expand: boolean }
  | { op: 'skip'; c: number; h: number; w: number }
  | { op: 'conv'; cin: number; cout: number; h: number; w: number; k: number; s: number; relu: boolean }
  | { op: 'sepconv'; cin: number; cout: number; h: number; w: number; k: number; s: number }
  | { op: 'chainconv'; cin: number; cout: number; h: number; w: number; k: number; s: number }
  | { op: 'gap'; c: number; h: number; w: number }
  | { op: 'dense'; cin: number; cout: number }
  | { op: 'dw'; c: number; h: number; w: number; k: number; s: number }
  | { op: 'add'; c: number; h: number; w: number; n: number };

export type LutOpName = LutOp['op'];

/** Op kinds that are parts of a cell, not whole layers: they have no ArchSpec layer of their own. */
export type PartLutOp = Extract<LutOp, { op: 'dw' | 'add' }>;
/** Op kinds that are whole ArchSpec layers (`lutOpLayer` rebuilds the layer). */
export type LayerLutOp = Exclude<LutOp, PartLutOp>;

/** Whether an op is a cell part (`dw`, `add`) rather than a whole layer. */
export function isPartLutOp(op: LutOp): op is PartLutOp {
  return op.op === 'dw' || op.op === 'add';
}

/** Field order per op: defines the canonical key. Booleans are written 0/1. */
const FIELDS: { [K in LutOpName]: (keyof Extract<LutOp, { op: K }>)[] } = {
  mb: ['cin', 'cout', 'h', 'w', 'k', 's', 'hidden', 'res', 'expand'],
  skip: ['c', 'h', 'w'],
  conv: ['cin', 'cout', 'h', 'w', 'k', 's', 'relu'],
  sepconv: ['cin', 'cout', 'h', 'w', 'k', 's'],
  chainconv: ['cin', 'cout', 'h', 'w', 'k', 's'],
  gap: ['c', 'h', 'w'],
  dense: ['cin', 'cout'],
  dw: ['c', 'h', 'w', 'k', 's'],
  add: ['c', 'h', 'w', 'n'],
};
const BOOL_FIELDS = new Set(['res', 'expand', 'relu']);

/** Canonical key of an op. */
export function lutKey(op: LutOp): string {
  const rec = op as unknown as Record<string, number | boolean>;
  const parts = (FIELDS[op.op] as string[]).map((f) => {
    const v = rec[f];
    return `${f}=${typeof v === 'boolean' ? (v ? 1 : 0) : v}`;
  });
  return [op.op, ...parts].join(' ');
}

/** Inverse of `lutKey`. Throws a RangeError naming what is wrong with a malformed key. */
export function parseLutKey(key: string): LutOp {
  const [name, ...parts] = key.trim().split(/\s+/);
  if (!(name in FIELDS)) throw new RangeError(`unknown LUT op "${name}" in key "${key}"`);
  const fields = FIELDS[name as LutOpName] as string[];
  const vals: Record<string, number | boolean> = {};
  for (const p of parts) {
    const m = /^([a-z]+)=(\d+)$/.exec(p);
    if (!m) throw new RangeError(`malformed field "${p}" in LUT key "${key}"`);
    const v = Number(m[2]);
    vals[m[1]] = BOOL_FIELDS.has(m[1]) ? v !== 0 : v;
  }
  const got = Object.keys(vals);
  if (got.length !== fields.length || fields.some((f, i) => got[i] !== f)) {
    throw new RangeError(`LUT key "${key}" must list ${fields.join(', ')} in that order`);
  }
  return { op: name, ...vals } as LutOp;
}

/** Key of an MB branch family without its hidden width: the per-channel fit (latency vs hidden) is stored under it. */
export function perChannelKey(op: Extract<LutOp, { op: 'mb' }>): string {
  return `mbch cin=${op.cin} cout=${op.cout} h=${op.h} w=${op.w} k=${op.k} s=${op.s} res=${op.res ? 1 : 0}`;
}

/**
 * The parts a cell is priced by (a cell is priced as the sum of its parts, like a chain of layers), at the input
 * shape `inShape`: expand `conv` k1 s1 +ReLU (input resolution); per computed edge a `conv` k1 +ReLU (`pw`) or a `dw`
 * (`dwK`) at the resolution of its source node with the cell's stride when it leaves node 0 (identity edges are
 * free); an `add` of n tensors for every node summing n ≥ 2 edges; project `conv` k1 s1 without ReLU; the residual
 * `add` (n = 2).
 */
export function cellLutOps(layer: CellLayer, inShape: Shape3): LutOp[] {
  const [h, w] = inShape;
  const ho = convOut(h, layer.stride);
  const wo = convOut(w, layer.stride);
  const hid = layer.hidden;
  const ops: LutOp[] = [{ op: 'conv', cin: layer.cin, cout: hid, h, w, k: 1, s: 1, relu: true }];
  const inputs = new Array<number>(CELL_NODES).fill(0);
  for (const e of cellComputedEdges(layer)) {
    inputs[e.to]++;
    const [eh, ew, s] = e.from === 0 ? [h, w, layer.stride] : [ho, wo, 1];
    const k = cellEdgeKernel(e.op);
    if (k !== null) ops.push({ op: 'dw', c: hid, h: eh, w: ew, k, s });
    else if (e.op === 'pw') ops.push({ op: 'conv', cin: hid, cout: hid, h: eh, w: ew, k: 1, s, relu: true });
  }
  for (const n of inputs) if (n > 1) ops.push({ op: 'add', c: hid, h: ho, w: wo, n });
  ops.push({ op: 'conv', cin: hid, cout: layer.cout, h: ho, w: wo, k: 1, s: 1, relu: false });
  if (layer.residual) ops.push({ op: 'add', c: layer.cout, h: ho, w: wo, n: 2 });
  return ops;
}

/**
 * The LUT op of one layer at input shape `inShape`, or null for an MB layer with several branches (AtomNAS blocks):
 * those are predicted from the per-channel fits, see `predict.ts`; null for a cell, which is priced by its parts
 * (`cellLutOps`).
 */
export function layerLutOp(layer: LayerSpec, inShape: Shape3): LayerLutOp | null {
  const [h, w, c] = inShape;
  switch (layer.type) {
    case 'cell':
      return null;
    case 'mb':
      if (layer.branches.length !== 1) return null;
      return {
        op: 'mb', cin: layer.cin, cout: layer.cout, h, w, k: layer.branches[0].k, s: layer.stride,
        hidden: mbHidden(layer), res: layer.residual, expand: layer.expand !== false,
      };
    case 'skip':
      return { op: 'skip', c: layer.cin, h, w };
    case 'conv':
      return { op: 'conv', cin: layer.cin, cout: layer.cout, h, w, k: layer.k, s: layer.stride, relu: layer.relu };
    case 'sepconv':
    case 'chainconv':
      return { op: layer.type, cin: layer.cin, cout: layer.cout, h, w, k: layer.k, s: layer.stride };
    case 'gap':
      return { op: 'gap', c, h, w };
    case 'dense':
      return { op: 'dense', cin: layer.cin, cout: layer.cout };
  }
}

/** One MB branch of a (possibly multi-branch) MB layer as a single-branch LUT op of the same block shape. */
export function mbBranchOp(layer: Extract<LayerSpec, { type: 'mb' }>, branch: number, inShape: Shape3): Extract<LutOp, { op: 'mb' }> {
  const b = layer.branches[branch];
  return {
    op: 'mb', cin: layer.cin, cout: layer.cout, h: inShape[0], w: inShape[1], k: b.k, s: layer.stride,
    hidden: b.hidden, res: layer.residual, expand: layer.expand !== false,
  };
}

/** Every layer of a spec with its input shape and LUT op (null for multi-branch MB layers and cells). */
export function specLutOps(spec: ArchSpec): { index: number; layer: LayerSpec; inShape: Shape3; op: LayerLutOp | null }[] {
  let shape: Shape3 = [spec.input.height, spec.input.width, spec.input.channels];
  return spec.layers.map((layer, index) => {
    const inShape = shape;
    shape = layerCost(layer, shape).outShape;
    return { index, layer, inShape, op: layerLutOp(layer, inShape) };
  });
}

/** The ArchSpec layer an op stands for (inverse of `layerLutOp`) and its input shape. */
export function lutOpLayer(op: LayerLutOp): { layer: LayerSpec; inShape: Shape3 } {
  switch (op.op) {
    case 'mb':
      return {
        layer: {
          type: 'mb', cin: op.cin, cout: op.cout, stride: op.s, branches: [{ k: op.k, hidden: op.hidden }], residual: op.res,
          ...(op.expand ? {} : { expand: false }),
        },
        inShape: [op.h, op.w, op.cin],
      };
    case 'skip':
      return { layer: { type: 'skip', cin: op.c, cout: op.c }, inShape: [op.h, op.w, op.c] };
    case 'conv':
      return { layer: { type: 'conv', cin: op.cin, cout: op.cout, k: op.k, stride: op.s, relu: op.relu }, inShape: [op.h, op.w, op.cin] };
    case 'sepconv':
    case 'chainconv':
      return { layer: { type: op.op, cin: op.cin, cout: op.cout, k: op.k, stride: op.s }, inShape: [op.h, op.w, op.cin] };
    case 'gap':
      return { layer: { type: 'gap' }, inShape: [op.h, op.w, op.c] };
    case 'dense':
      return { layer: { type: 'dense', cin: op.cin, cout: op.cout }, inShape: [1, 1, op.cin] };
  }
}

/** Short label for tables, e.g. "MB k5 e3 s2 8→16 @28×28" or "SepConv k3 16→16 @14×14". */
export function lutOpLabel(op: LutOp): string {
  switch (op.op) {
    case 'mb': {
      const e = op.hidden / op.cin;
      const eTxt = Number.isInteger(e) ? `e${e}` : `h${op.hidden}`;
      return `MB k${op.k} ${op.expand ? eTxt : 'e1 (no expand)'} s${op.s} ${op.cin}→${op.cout}${op.res ? ' +res' : ''} @${op.h}×${op.w}`;
    }
    case 'skip':
      return `identity ${op.c} @${op.h}×${op.w}`;
    case 'conv':
      return `conv k${op.k} s${op.s} ${op.cin}→${op.cout} @${op.h}×${op.w}`;
    case 'sepconv':
      return `SepConv k${op.k} s${op.s} ${op.cin}→${op.cout} @${op.h}×${op.w}`;
    case 'chainconv':
      return `Conv k${op.k} s${op.s} ${op.cin}→${op.cout} @${op.h}×${op.w}`;
    case 'gap':
      return `global avg pool ${op.c} @${op.h}×${op.w}`;
    case 'dense':
      return `dense ${op.cin}→${op.cout}`;
    case 'dw':
      return `cell edge dw k${op.k} s${op.s} ${op.c} @${op.h}×${op.w}`;
    case 'add':
      return `sum of ${op.n} ×${op.c} @${op.h}×${op.w}`;
  }
}
