/**
 * Roofline bookkeeping (pure): estimated memory traffic of one inference, and where a measured network sits under the
 * device's measured compute and bandwidth ceilings.
 *
 * Traffic model (an estimate, labelled as such in the UI): every kernel of the inference graph (see dispatches.ts)
 * reads its input tensors and weights once and writes its output once, 4 bytes per float32 value; caches are ignored.
 */

import { convOut, mbHidden, type ArchSpec, type LayerSpec } from '../archspec';
import { layerCost, archCosts, type Shape3 } from '../costs';
import { CELL_NODES, cellComputedEdges, cellEdgeKernel } from '../space/cell';
import type { Roofline } from './profileSchema';

const F32 = 4;

/** Estimated bytes moved by one layer's kernels at input shape `inShape` (batch 1). */
export function layerTrafficBytes(layer: LayerSpec, inShape: Shape3): number {
  const [h, w, c] = inShape;
  const inN = h * w * c;
  /** Elementwise op over n values: read n, write n. BN also reads 4 per-channel vectors (negligible, counted). */
  const ew = (n: number, ch = 0): number => 2 * n + 4 * ch;
  let vals = 0;
  switch (layer.type) {
    case 'conv':
    case 'chainconv': {
      const outN = convOut(h, layer.stride) * convOut(w, layer.stride) * layer.cout;
      vals = inN + layer.k * layer.k * layer.cin * layer.cout + outN + ew(outN, layer.cout);
      if (layer.type === 'chainconv' || layer.relu) vals += ew(layer.type === 'chainconv' ? inN : outN);
      break;
    }
    case 'sepconv': {
      const mid = convOut(h, layer.stride) * convOut(w, layer.stride) * layer.cin;
      const outN = (mid / layer.cin) * layer.cout;
      vals = ew(inN) + inN + layer.k * layer.k * layer.cin + mid + mid + layer.cin * layer.cout + outN + ew(outN, layer.cout);
      break;
    }
    case 'mb': {
      const hid = mbHidden(layer);
      const hw = h * w;
      const howo = convOut(h, layer.stride) * convOut(w, layer.stride);
      if (layer.expand !== false) vals += inN + layer.cin * hid + hw * hid + ew(hw * hid, hid) + ew(hw * hid);
      if (layer.branches.length > 1) vals += 2 * hw * hid + 2 * howo * hid; // split + concat copies
      vals += hw * hid + layer.branches.reduce((s, b) => s + b.k * b.k * b.hidden, 0) + howo * hid; // depthwise
      vals += ew(howo * hid, hid) + ew(howo * hid);
      const outN = howo * layer.cout;
      vals += howo * hid + hid * layer.cout + outN + ew(outN, layer.cout);
      if (layer.residual) vals += 3 * outN;
      break;
    }
    case 'cell': {
      const hid = layer.hidden;
      const hw = h * w;
      const howo = convOut(h, layer.stride) * convOut(w, layer.stride);
      vals += inN + layer.cin * hid + hw * hid + ew(hw * hid, hid) + ew(hw * hid); // expand, BN, ReLU
      const inputs = new Array<number>(CELL_NODES).fill(0);
      for (const e of cellComputedEdges(layer)) {
        inputs[e.to]++;
        const src = (e.from === 0 ? hw : howo) * hid;
        const k = cellEdgeKernel(e.op);
        const weights = k !== null ? k * k * hid : e.op === 'pw' ? hid * hid : -1;
        if (weights >= 0) vals += src + weights + howo * hid + ew(howo * hid, hid) + ew(howo * hid); // edge, BN, ReLU
      }
      for (const n of inputs) if (n > 1) vals += (n + 1) * howo * hid; // AddN: read n, write 1
      const outN = howo * layer.cout;
      vals += howo * hid + hid * layer.cout + outN + ew(outN, layer.cout);
      if (layer.residual) vals += 3 * outN;
      break;
    }
    case 'skip':
      vals = 0;
      break;
    case 'gap':
      vals = 2 * inN + inN + c; // transpose (read + write) + reduce
      break;
    case 'dense':
      vals = layer.cin + layer.cin * layer.cout + layer.cout + ew(layer.cout) + layer.cout;
      break;
  }
  return vals * F32;
}

/** Estimated bytes moved by one inference of `spec`. */
export function specTrafficBytes(spec: ArchSpec): number {
  let shape: Shape3 = [spec.input.height, spec.input.width, spec.input.channels];
  let total = 0;
  for (const layer of spec.layers) {
    total += layerTrafficBytes(layer, shape);
    shape = layerCost(layer, shape).outShape;
  }
  return total;
}

export interface RooflinePoint {
  /** FLOP per byte (1 MAC = 2 FLOP). */
  intensity: number;
  /** Achieved GFLOP/s = 2·MACs / time. */
  achievedGflops: number;
  /** The roofline at this intensity: min(peak, bandwidth·intensity), GFLOP/s. */
  boundGflops: number;
  /** achieved / bound (0..1 normally; > 1 means the traffic estimate is pessimistic, e.g. cache reuse). */
  fraction: number;
}

/** Place one measured inference (MACs, estimated bytes, milliseconds) under the device's roofline. */
export function rooflinePoint(macs: number, bytes: number, ms: number, roof: Pick<Roofline, 'matmulGflops' | 'bandwidthGBs'>): RooflinePoint {
  const flops = 2 * macs;
  const intensity = bytes > 0 ? flops / bytes : Infinity;
  const achievedGflops = flops / (ms * 1e6);
  const boundGflops = Math.min(roof.matmulGflops, roof.bandwidthGBs * intensity);
  return { intensity, achievedGflops, boundGflops, fraction: boundGflops > 0 ? achievedGflops / boundGflops : NaN };
}

/** MACs and estimated bytes of a spec together (what the e2e entries store). */
export function specWork(spec: ArchSpec): { macs: number; bytes: number } {
  return { macs: archCosts(spec).macs, bytes: specTrafficBytes(spec) };
}
