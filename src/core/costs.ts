/**
 * Analytic cost model of an ArchSpec: multiply-accumulates and parameter counts, layer by layer (METHODS.md §0).
 *
 * Conventions (as AtomNAS's profiler): conv MACs = cin·cout·k²·Hout·Wout/groups; BN, ReLU, residual add and pooling
 * count 0 MACs; dense = cin·cout. Params: conv weights (convs carry no bias, BN follows), BN γ and β (2 per channel,
 * running statistics are buffers, not parameters), dense weight + bias.
 */

import { convOut, mbHidden, type ArchSpec, type CellLayer, type LayerSpec, type MbLayer } from './archspec';
import { cellComputedEdges, cellEdgeKernel } from './space/cell';

export { ArchSpecError, validateArchSpec } from './validateArchSpec';

/** Activation shape [height, width, channels]. After global pooling it is [1, 1, C]. */
export type Shape3 = [number, number, number];

/** Cost of one layer of the spec. */
export interface LayerCost {
  /** Index into `spec.layers`. */
  index: number;
  type: LayerSpec['type'];
  inShape: Shape3;
  outShape: Shape3;
  macs: number;
  params: number;
}

/** Totals plus the per-layer breakdown. */
export interface ArchCosts {
  macs: number;
  params: number;
  layers: LayerCost[];
}

/** Params of a BatchNorm over `c` channels: γ and β only. */
function bnParams(c: number): number {
  return 2 * c;
}

/** MACs/params of an MB (atomic) layer in fused form; see `MbLayer`. */
function mbCost(l: MbLayer, hIn: number, wIn: number, hOut: number, wOut: number): { macs: number; params: number } {
  const hidden = mbHidden(l);
  let macs = 0;
  let params = 0;
  if (l.expand !== false) {
    // Expand 1×1 runs at the input resolution: the stride is applied by the depthwise conv.
    macs += l.cin * hidden * hIn * wIn;
    params += l.cin * hidden + bnParams(hidden);
  }
  for (const b of l.branches) {
    macs += b.hidden * b.k * b.k * hOut * wOut;
    params += b.hidden * b.k * b.k + bnParams(b.hidden);
  }
  macs += hidden * l.cout * hOut * wOut;
  params += hidden * l.cout + bnParams(l.cout);
  return { macs, params };
}

/**
 * MACs/params of a cell layer (see `CellLayer`): expand 1×1 + BN at the input resolution; every computed edge (depthwise
 * k×k + BN, or 1×1 conv + BN; identity free) and the project 1×1 + BN at the output resolution; node sums free.
 */
function cellCost(l: CellLayer, hIn: number, wIn: number, hOut: number, wOut: number): { macs: number; params: number } {
  const h = l.hidden;
  let macs = l.cin * h * hIn * wIn;
  let params = l.cin * h + bnParams(h);
  for (const e of cellComputedEdges(l)) {
    const k = cellEdgeKernel(e.op);
    if (k !== null) {
      macs += h * k * k * hOut * wOut;
      params += h * k * k + bnParams(h);
    } else if (e.op === 'pw') {
      macs += h * h * hOut * wOut;
      params += h * h + bnParams(h);
    }
  }
  macs += h * l.cout * hOut * wOut;
  params += h * l.cout + bnParams(l.cout);
  return { macs, params };
}

/** Cost of a single layer given its input shape; also returns the output shape. */
export function layerCost(layer: LayerSpec, inShape: Shape3): { outShape: Shape3; macs: number; params: number } {
  const [h, w, c] = inShape;
  switch (layer.type) {
    case 'conv':
    case 'chainconv': {
      const ho = convOut(h, layer.stride);
      const wo = convOut(w, layer.stride);
      const k2 = layer.k * layer.k;
      return {
        outShape: [ho, wo, layer.cout],
        macs: layer.cin * layer.cout * k2 * ho * wo,
        params: layer.cin * layer.cout * k2 + bnParams(layer.cout),
      };
    }
    case 'sepconv': {
      const ho = convOut(h, layer.stride);
      const wo = convOut(w, layer.stride);
      const k2 = layer.k * layer.k;
      return {
        outShape: [ho, wo, layer.cout],
        macs: layer.cin * k2 * ho * wo + layer.cin * layer.cout * ho * wo,
        params: layer.cin * k2 + layer.cin * layer.cout + bnParams(layer.cout),
      };
    }
    case 'mb': {
      const ho = convOut(h, layer.stride);
      const wo = convOut(w, layer.stride);
      return { outShape: [ho, wo, layer.cout], ...mbCost(layer, h, w, ho, wo) };
    }
    case 'cell': {
      const ho = convOut(h, layer.stride);
      const wo = convOut(w, layer.stride);
      return { outShape: [ho, wo, layer.cout], ...cellCost(layer, h, w, ho, wo) };
    }
    case 'skip':
      return { outShape: [h, w, layer.cout], macs: 0, params: 0 };
    case 'gap':
      return { outShape: [1, 1, c], macs: 0, params: 0 };
    case 'dense':
      return { outShape: [1, 1, layer.cout], macs: layer.cin * layer.cout, params: layer.cin * layer.cout + layer.cout };
  }
}

/**
 * Walk the spec from its input shape ("same" padding, out = ceil(in / stride)) and count MACs and params per layer.
 * Assumes a structurally valid spec (see `validateArchSpec`); channel counts are taken from each layer's own fields.
 */
export function archCosts(spec: ArchSpec): ArchCosts {
  let shape: Shape3 = [spec.input.height, spec.input.width, spec.input.channels];
  const layers: LayerCost[] = [];
  let macs = 0;
  let params = 0;
  spec.layers.forEach((layer, index) => {
    const c = layerCost(layer, shape);
    layers.push({ index, type: layer.type, inShape: shape, outShape: c.outShape, macs: c.macs, params: c.params });
    macs += c.macs;
    params += c.params;
    shape = c.outShape;
  });
  return { macs, params, layers };
}

/**
 * AtomNAS per-atom cost (METHODS.md §1): MACs of one hidden channel of a kernel-k branch —
 * its row of the expand 1×1 (cin·Hin·Win), its depthwise filter (k²·Hout·Wout) and its column of the project 1×1
 * (cout·Hout·Wout).
 */
export function mbAtomCost(cin: number, k: number, hIn: number, wIn: number, hOut: number, wOut: number, cout: number): number {
  return cin * hIn * wIn + k * k * hOut * wOut + cout * hOut * wOut;
}

/** Format a MAC or parameter count for display: 7612345 → "7.61 M", 52300 → "52.3 k". */
export function formatCount(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toPrecision(3)} G`;
  if (abs >= 1e6) return `${(n / 1e6).toPrecision(3)} M`;
  if (abs >= 1e3) return `${(n / 1e3).toPrecision(3)} k`;
  return String(n);
}
