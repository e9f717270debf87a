/**
 * The single-path search space on the shared skeleton (METHODS.md §0 and §2), pure: every searchable slot holds exactly
 * one op, an MBConv k∈{3,5,7} × e∈{3,6} or identity (where stride and width allow it). A genotype names one op per
 * slot (names, not indices: names survive pruning). Any method may search this space (PAD-NAS, random search…).
 */
import type { ArchSpec, InputShape, LayerSpec } from '../archspec';
import { buildSkeleton, canResidual, scaleChannels, SKELETON_SLOTS, SKELETON_STEM_CHANNELS } from '../skeleton';
import { cellLayer, isCellName, parseCell } from './cell';

/** MBConv k∈{3,5,7} × e∈{3,6} plus identity (PAD-NAS's basic space). */
export const SINGLE_PATH_OPS = ['k3e3', 'k3e6', 'k5e3', 'k5e6', 'k7e3', 'k7e6', 'skip'] as const;
export type SinglePathOp = (typeof SINGLE_PATH_OPS)[number];

/** One op name per searchable slot, in slot order. */
export type Genotype = readonly string[];

/** Layer index in the skeleton's ArchSpec of searchable slot `slot` (stem and fixed block come first). */
export const SLOT_LAYER_OFFSET = 2;

/** Kernel and expansion of an MBConv op name, or null for `skip` and for cells (`c3-zz3zzz`, core/space/cell). */
export function parseOp(op: string): { k: number; e: number } | null {
  if (op === 'skip') return null;
  if (isCellName(op)) {
    parseCell(op);
    return null;
  }
  const m = /^k(\d+)e(\d+)$/.exec(op);
  if (!m) throw new RangeError(`unknown single-path op "${op}" (expected one of ${SINGLE_PATH_OPS.join(', ')})`);
  return { k: Number(m[1]), e: Number(m[2]) };
}

/** Shape of the skeleton a search runs on. */
export interface SkeletonShape {
  input: InputShape;
  numClasses: number;
  width: number;
  tiny: boolean;
}

/** Input channels, output channels and stride of every searchable slot. */
export function slotShapes(width: number): { cin: number; cout: number; stride: number }[] {
  let cin = scaleChannels(SKELETON_STEM_CHANNELS, width);
  return SKELETON_SLOTS.map((s) => {
    const cout = scaleChannels(s.cout, width);
    const out = { cin, cout, stride: s.stride };
    cin = cout;
    return out;
  });
}

/** Candidate-op families offered in the UI / CLI: which MBConv ops (identity is always a candidate where allowed). */
export const OP_FAMILIES = {
  all: ['k3e3', 'k3e6', 'k5e3', 'k5e6', 'k7e3', 'k7e6'],
  k35: ['k3e3', 'k3e6', 'k5e3', 'k5e6'],
  k3: ['k3e3', 'k3e6'],
  e3: ['k3e3', 'k5e3', 'k7e3'],
} as const satisfies Record<string, readonly SinglePathOp[]>;
export type OpFamily = keyof typeof OP_FAMILIES;

/** The family names, in menu order. */
export const OP_FAMILY_NAMES = Object.keys(OP_FAMILIES) as OpFamily[];

/**
 * The op set of every slot: the family's MBConvs (default: all six), plus identity only where stride is 1 and width
 * unchanged.
 */
export function singlePathSpace(width: number, family: OpFamily = 'all'): string[][] {
  const mb: readonly string[] = OP_FAMILIES[family];
  return slotShapes(width).map((s) => SINGLE_PATH_OPS.filter((op) => (op === 'skip' ? canResidual(s.cin, s.cout, s.stride) : mb.includes(op))));
}

/** The concrete layer op `op` is at a slot with these channels and stride. */
export function opLayer(op: string, cin: number, cout: number, stride: number): LayerSpec {
  if (isCellName(op)) return cellLayer(parseCell(op), cin, cout, stride);
  const p = parseOp(op);
  if (!p) {
    if (!canResidual(cin, cout, stride)) throw new RangeError(`identity is not allowed where stride or width changes (${cin}→${cout}, stride ${stride})`);
    return { type: 'skip', cin, cout };
  }
  return { type: 'mb', cin, cout, stride, branches: [{ k: p.k, hidden: Math.max(1, Math.round(p.e * cin)) }], residual: canResidual(cin, cout, stride) };
}

/** Name and provenance written into a genotype's ArchSpec. */
export interface GenotypeLabel {
  /** ArchSpec name (default "single-path k3e3-…"). */
  name?: string;
  /** `meta.method` (default 'single-path'). */
  method?: string;
}

/** The stand-alone ArchSpec of a genotype on the skeleton. */
export function genotypeSpec(g: Genotype, sk: SkeletonShape, label: GenotypeLabel = {}): ArchSpec {
  if (g.length !== SKELETON_SLOTS.length) throw new RangeError(`a genotype names ${SKELETON_SLOTS.length} ops, got ${g.length}`);
  return buildSkeleton({
    input: sk.input,
    numClasses: sk.numClasses,
    width: sk.width,
    tiny: sk.tiny,
    name: label.name ?? `single-path ${g.join('-')}`,
    meta: { method: label.method ?? 'single-path', genotype: g.join(',') },
    fill: (slot, cin, cout, stride) => opLayer(g[slot], cin, cout, stride),
  });
}

/** The hand-designed baseline as a genotype: every slot MB k3 e3 (the Train screen's baseline on this skeleton). */
export function baselineGenotype(slots: number): string[] {
  return Array.from({ length: slots }, () => 'k3e3');
}

/** Cache key of a genotype (op names, so it stays valid when pruning shifts op indices). */
export function genotypeKey(g: Genotype): string {
  return g.join('|');
}

/** True when every slot's op is still in that slot's op set. */
export function genotypeInSpace(g: Genotype, space: readonly (readonly string[])[]): boolean {
  return g.length === space.length && g.every((op, j) => space[j].includes(op));
}

/** log10 of the number of architectures in a space (Σ_j log10 |S_j|). */
export function spaceSizeLog10(space: readonly (readonly string[])[]): number {
  return space.reduce((s, ops) => s + Math.log10(Math.max(1, ops.length)), 0);
}

/** A genotype drawn uniformly from `space` with `next()` ∈ [0, 1). */
export function sampleGenotype(space: readonly (readonly string[])[], next: () => number): string[] {
  return space.map((ops) => ops[Math.min(ops.length - 1, Math.floor(next() * ops.length))]);
}

/** The cheapest and the dearest genotype of a space by MACs of each slot's op (identity < e3 < e6, k3 < k5 < k7). */
export function extremeGenotypes(space: readonly (readonly string[])[]): { cheapest: string[]; dearest: string[] } {
  const cost = (op: string): number => {
    if (isCellName(op)) return cellWork(op);
    const p = parseOp(op);
    return p ? p.e * (1 + 0.01 * p.k * p.k) : 0;
  };
  const by = (ops: readonly string[], sign: number) => ops.slice().sort((a, b) => sign * (cost(a) - cost(b)))[0];
  return { cheapest: space.map((ops) => by(ops, 1)), dearest: space.map((ops) => by(ops, -1)) };
}

/** A cell's work relative to MB ops in extremeGenotypes' units: e × (1 + its live edges' spatial and 1×1 terms). */
function cellWork(op: string): number {
  const c = parseCell(op);
  const k: Record<string, number> = { zero: 0, id: 0, dw3: 0.09, dw5: 0.25, dw7: 0.49, pw: c.e };
  return c.e * (1 + c.edges.reduce((s, o) => s + (k[o] ?? 0), 0));
}
