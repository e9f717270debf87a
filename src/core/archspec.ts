/**
 * ArchSpec: the one output format every NAS method emits (METHODS.md §0).
 * A concrete, fully-specified list of layers. MACs, params, latency prediction,
 * building a trainable network, retraining and export all start from an ArchSpec.
 */

export const ARCHSPEC_VERSION = 1 as const;

/** One kernel-size branch of an MB (atomic) block: `hidden` channels of a k×k depthwise conv. */
export interface MbBranch {
  k: number;
  hidden: number;
}

/** Plain conv → BN → (ReLU). Used for the stem and the 1×1 head conv. */
export interface ConvLayer {
  type: 'conv';
  cin: number;
  cout: number;
  k: number;
  stride: number;
  /** Apply ReLU after BN. */
  relu: boolean;
}

/**
 * MobileNetV2 / AtomNAS block in fused form:
 * expand 1×1 (cin→Σhidden) → BN → ReLU → per-branch depthwise k×k (stride) → BN → ReLU → project 1×1 (Σhidden→cout) → BN
 * (+ input when residual). A branch list with one entry is an ordinary MBConv(k, e = hidden/cin).
 * `expand: false` means no expand conv (MB e=1): the depthwise acts on the input directly and Σhidden must equal cin.
 */
export interface MbLayer {
  type: 'mb';
  cin: number;
  cout: number;
  stride: number;
  branches: MbBranch[];
  residual: boolean;
  expand?: boolean;
}

/** Identity op (PAD-NAS "skip"): only valid where stride is 1 and cin = cout. */
export interface SkipLayer {
  type: 'skip';
  cin: number;
  cout: number;
}

/** Plain-chain separable conv (Efficient Global NAS): ReLU → DW k×k (stride) → PW 1×1 → BN. */
export interface SepConvLayer {
  type: 'sepconv';
  cin: number;
  cout: number;
  k: number;
  stride: number;
}

/** Plain-chain conv op (Efficient Global NAS): ReLU → conv k×k (stride) → BN. */
export interface ChainConvLayer {
  type: 'chainconv';
  cin: number;
  cout: number;
  k: number;
  stride: number;
}

/** One edge op of a cell's DAG (core/space/cell.ts): depthwise k×k, 1×1 conv (`pw`), identity (`id`) or none (`zero`). */
export type CellEdgeOp = 'zero' | 'id' | 'dw3' | 'dw5' | 'dw7' | 'pw';

/**
 * AutoSpace-style cell [ours, METHODS.md §4]: expand 1×1 (cin→hidden) → BN → ReLU = node 0; nodes 1–3 each sum their
 * incoming edges; `edges` are the ops of (0→1), (0→2), (0→3), (1→2), (1→3), (2→3) in that order. An edge `dwK` is
 * depthwise K×K → BN → ReLU, `pw` is conv 1×1 (hidden→hidden) → BN → ReLU, `id` passes its input; edges that leave node
 * 0 carry the cell's stride (so `id` leaves node 0 only at stride 1). Node 3 → project 1×1 (hidden→cout) → BN
 * (+ input when residual). Only edges on a path from node 0 to node 3 are live (canonical cells keep the others `zero`).
 */
export interface CellLayer {
  type: 'cell';
  cin: number;
  cout: number;
  stride: number;
  hidden: number;
  edges: CellEdgeOp[];
  residual: boolean;
}

/** Global average pool over H×W. */
export interface GapLayer {
  type: 'gap';
}

/** Fully connected classifier. */
export interface DenseLayer {
  type: 'dense';
  cin: number;
  cout: number;
}

export type LayerSpec = ConvLayer | MbLayer | SkipLayer | SepConvLayer | ChainConvLayer | CellLayer | GapLayer | DenseLayer;

export interface InputShape {
  height: number;
  width: number;
  channels: number;
}

export interface ArchSpec {
  version: typeof ARCHSPEC_VERSION;
  /** Human-readable name, e.g. "baseline ×1.0" or "AtomNAS (seed 1)". */
  name: string;
  input: InputShape;
  numClasses: number;
  layers: LayerSpec[];
  /** Free-form provenance: method, seed, preset… */
  meta?: Record<string, string | number | boolean>;
}

/** Output spatial size of a "same"-padded conv with the given stride (TF semantics: ceil(in / stride)). */
export function convOut(size: number, stride: number): number {
  return Math.ceil(size / stride);
}

/** Total hidden channels of an MB layer. */
export function mbHidden(layer: MbLayer): number {
  return layer.branches.reduce((s, b) => s + b.hidden, 0);
}
