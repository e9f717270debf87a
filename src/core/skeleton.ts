/**
 * The one skeleton every method searches inside (METHODS.md §0, for 28×28×1 input):
 *
 *   stem conv3×3 s1 → 8 ch                    (tiny preset: stride 2)
 *   fixed MB(e=1, k=3) → 8 ch                  (not searched, as in AtomNAS)
 *   7 searchable slots (cout, stride): (16,2) (16,1) (24,2) (24,1) (32,1) (32,1) (48,2)
 *   conv1×1 → 128, global average pool, dense → classes
 */

import { ARCHSPEC_VERSION, type ArchSpec, type InputShape, type LayerSpec, type MbBranch } from './archspec';

/** One searchable slot: output channels (before width scaling) and stride. */
export interface SkeletonSlot {
  cout: number;
  stride: number;
}

/** The seven searchable slots of the shared skeleton, in order. */
export const SKELETON_SLOTS: readonly SkeletonSlot[] = Object.freeze([
  { cout: 16, stride: 2 },
  { cout: 16, stride: 1 },
  { cout: 24, stride: 2 },
  { cout: 24, stride: 1 },
  { cout: 32, stride: 1 },
  { cout: 32, stride: 1 },
  { cout: 48, stride: 2 },
]);

/** Stem and fixed-block channels before width scaling. */
export const SKELETON_STEM_CHANNELS = 8;
/** Head 1×1 conv channels before width scaling. */
export const SKELETON_HEAD_CHANNELS = 128;

/** Body channels scaled by the width multiplier: round(c·width), at least 4. */
export function scaleChannels(c: number, width: number): number {
  return Math.max(4, Math.round(c * width));
}

/** Head channels scaled by the width multiplier: round(128·width), at least 16. */
export function scaleHead(width: number): number {
  return Math.max(16, Math.round(SKELETON_HEAD_CHANNELS * width));
}

/** What fills slot `slot` (0-based), given its input channels and scaled output channels. */
export type SlotBuilder = (slot: number, cin: number, cout: number, stride: number) => LayerSpec;

/** Common options of the skeleton builders. */
export interface SkeletonOptions {
  input: InputShape;
  numClasses: number;
  /** Width multiplier for all channel counts (default 1). */
  width?: number;
  /** Stem stride 2 instead of 1: ~4× fewer MACs, for fast runs and tests. */
  tiny?: boolean;
}

/** Whether an MB block at this position may add its input (stride 1 and unchanged channels). */
export function canResidual(cin: number, cout: number, stride: number): boolean {
  return stride === 1 && cin === cout;
}

/**
 * Build the skeleton with each slot filled by `fill` (any layer type: MB, skip, sepconv…).
 * The fixed block and head are always the same, so specs from different methods stay comparable.
 */
export function buildSkeleton(opts: SkeletonOptions & { name: string; fill: SlotBuilder; meta?: ArchSpec['meta'] }): ArchSpec {
  const width = opts.width ?? 1;
  if (!(width > 0) || !Number.isFinite(width)) throw new RangeError(`width must be a positive number, got ${width}`);
  const stem = scaleChannels(SKELETON_STEM_CHANNELS, width);
  const layers: LayerSpec[] = [
    { type: 'conv', cin: opts.input.channels, cout: stem, k: 3, stride: opts.tiny ? 2 : 1, relu: true },
    // Fixed MB e=1: the depthwise acts on the stem output directly (no expand conv), as in MobileNetV2's first block.
    { type: 'mb', cin: stem, cout: stem, stride: 1, branches: [{ k: 3, hidden: stem }], residual: true, expand: false },
  ];
  let cin = stem;
  SKELETON_SLOTS.forEach((s, i) => {
    const cout = scaleChannels(s.cout, width);
    layers.push(opts.fill(i, cin, cout, s.stride));
    cin = cout;
  });
  const head = scaleHead(width);
  layers.push(
    { type: 'conv', cin, cout: head, k: 1, stride: 1, relu: true },
    { type: 'gap' },
    { type: 'dense', cin: head, cout: opts.numClasses },
  );
  return {
    version: ARCHSPEC_VERSION,
    name: opts.name,
    input: { ...opts.input },
    numClasses: opts.numClasses,
    layers,
    meta: { width, tiny: opts.tiny ?? false, ...opts.meta },
  };
}

/** Hidden channels of an expansion-e branch: round(e·cin), at least 1. */
function hiddenFor(expansion: number, cin: number): number {
  return Math.max(1, Math.round(expansion * cin));
}

/** Options of the hand-designed baseline. */
export interface BaselineOptions extends SkeletonOptions {
  /** MB expansion ratio of every slot (default 3). */
  expansion?: number;
  /** Depthwise kernel of every slot (default 3). */
  kernel?: number;
}

/** Hand-designed MobileNetV2-style baseline: every slot MB k3 e3 (hidden = 3·cin), residual where shapes allow. */
export function baselineSpec(opts: BaselineOptions): ArchSpec {
  const expansion = opts.expansion ?? 3;
  const kernel = opts.kernel ?? 3;
  const width = opts.width ?? 1;
  return buildSkeleton({
    ...opts,
    name: `baseline MB k${kernel} e${expansion} ×${width}${opts.tiny ? ' (tiny)' : ''}`,
    meta: { method: 'baseline', expansion, kernel },
    fill: (_slot, cin, cout, stride) => ({
      type: 'mb',
      cin,
      cout,
      stride,
      branches: [{ k: kernel, hidden: hiddenFor(expansion, cin) }],
      residual: canResidual(cin, cout, stride),
    }),
  });
}

/** Options of the supernet (AtomNAS-style: every slot carries one branch per kernel size). */
export interface SupernetOptions extends SkeletonOptions {
  /** Kernel sizes, one branch each (default [3, 5, 7]). */
  kernels?: readonly number[];
  /** Expansion per branch: one number for all kernels, or a record keyed by kernel size (default 3). */
  expansion?: number | Readonly<Record<number, number>>;
}

/** Supernet: the skeleton with one MB branch per kernel size in every slot (hidden_k = e_k·cin). */
export function supernetSpec(opts: SupernetOptions): ArchSpec {
  const kernels = opts.kernels ?? [3, 5, 7];
  const exp = opts.expansion ?? 3;
  const expFor = (k: number): number => {
    const e = typeof exp === 'number' ? exp : exp[k];
    if (e === undefined || !(e > 0)) throw new RangeError(`supernetSpec: no positive expansion for kernel ${k}`);
    return e;
  };
  const expLabel = typeof exp === 'number' ? `e${exp}` : kernels.map((k) => `e${expFor(k)}`).join('/');
  return buildSkeleton({
    ...opts,
    name: `supernet k${kernels.join('/')} ${expLabel} ×${opts.width ?? 1}${opts.tiny ? ' (tiny)' : ''}`,
    meta: { method: 'supernet', kernels: kernels.join(',') },
    fill: (_slot, cin, cout, stride) => {
      const branches: MbBranch[] = kernels.map((k) => ({ k, hidden: hiddenFor(expFor(k), cin) }));
      return { type: 'mb', cin, cout, stride, branches, residual: canResidual(cin, cout, stride) };
    },
  });
}
