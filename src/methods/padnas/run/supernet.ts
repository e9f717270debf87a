/**
 * The PAD-NAS single-path one-shot supernet (SPOS) on the shared skeleton: every searchable slot holds one complete
 * layer per candidate op under its own prefix (`L{i}.{op}`, e.g. `L3.k5e6`: its own expand / depthwise / project
 * weights and BNs), the fixed stem, fixed block and head keep `L{i}`. A forward pass runs one op per slot (`path`);
 * training differentiates only the path's variables (`pathNames`), so the KeyedOptimizer leaves every other op's
 * weights and slots exactly as they were. Pruning an op deletes its variables and optimizer state.
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec, LayerSpec } from '../../../core/archspec';
import { canonicalCell, cellComputedEdges, cellEdgeKernel, cellName, isCellName, parseCell, REFERENCE_CELL } from '../../../core/space/cell';
import { opLayer, parseOp, SLOT_LAYER_OFFSET, slotShapes, type Genotype, type SkeletonShape } from '../../../core/space/singlePath';
import { padnasSpec } from '../ops';
import type { Rng } from '../../../core/rng';
import type { ForwardFn } from '../../../engine/bnRecalibrate';
import { applyLayer, cellEdgePrefix, createLayerParams, layerParamNames, type BnStats, type ForwardContext } from '../../../engine/layers';
import { Network, type ApplyResult } from '../../../engine/network';
import type { KeyedOptimizer } from '../../../engine/optimizer';
import { ParamStore } from '../../../engine/params';

/** Variable-name prefix of op `op` at searchable slot `slot`. */
export function opPrefix(slot: number, op: string): string {
  return `L${slot + SLOT_LAYER_OFFSET}.${op}`;
}

/**
 * Start every MBConv op of a slot as the same function as the slot's smallest op (least k, least e; k3e3 in every op
 * family): its expand columns and depthwise filters of the first H_base hidden channels are the base op's (the
 * depthwise kernel zero-padded to k×k, exact under 'same' padding), its extra hidden channels keep their own random
 * init but their project rows start at 0, and the BNs start equal (γ 1, β 0) anyway. The weights stay separate and
 * diverge as each op is trained [ours; SPOS/PAD-NAS initialise every op independently].
 *
 * Why: with independent random weights every op of the 4 width/stride-changing slots (no residual) re-projects the
 * features into an unrelated random basis, so under uniform path sampling the next op and the head see a different
 * basis on almost every step and nothing co-adapts. In the tiny preset the supernet's training loss stayed at chance
 * (2.32 after 240 steps); with this start it falls like a (slower) single network (1.85 after 160 steps).
 * docs/padnas-results.md §1 has the probe. Cells of a given (learned) space start in the same 1×1 bases (alignBasis),
 * so a learned space's supernet is not handicapped against the hand-designed one's.
 */
export function alignSlotInit(params: ParamStore, slot: number, ops: readonly string[]): void {
  const mb = ops.map((op) => ({ op, p: parseOp(op) })).filter((o): o is { op: string; p: { k: number; e: number } } => o.p !== null);
  const kMin = Math.min(...mb.map((o) => o.p.k));
  const eMin = Math.min(...mb.map((o) => o.p.e));
  const mbBase = mb.find((o) => o.p.k === kMin && o.p.e === eMin);
  if (mbBase && mb.length >= 2) alignMbOps(params, slot, mbBase.op, mb);
  const cells = ops.filter(isCellName);
  if (cells.length === 0) return;
  // Cells start from the slot's base op: the MB base op, else the reference cell, else the narrowest cell.
  const hidden = (op: string) => params.get(`${opPrefix(slot, op)}.expand.w`).shape[3] ?? 0;
  const base = mbBase?.op ?? (cells.includes(REFERENCE_NAME) ? REFERENCE_NAME : cells.reduce((a, c) => (hidden(c) < hidden(a) ? c : a)));
  const b = opPrefix(slot, base);
  const dw = baseDepthwise(b, base, mbBase?.p.k ?? null);
  for (const op of cells) {
    if (op === base) continue;
    alignBasis(params, b, opPrefix(slot, op));
    alignCellEdges(params, opPrefix(slot, op), op, dw && params.has(dw.name) ? dw : null);
  }
}

const REFERENCE_NAME = cellName(REFERENCE_CELL);

/** The base op's spatial filter: an MB op's depthwise, or a base cell's first depthwise edge out of node 0. */
function baseDepthwise(b: string, op: string, mbK: number | null): { name: string; k: number } | null {
  if (mbK !== null) return { name: `${b}.dw0.w`, k: mbK };
  const e = cellComputedEdges(canonicalCell(parseCell(op))).find((x) => x.from === 0 && cellEdgeKernel(x.op) !== null);
  return e ? { name: `${cellEdgePrefix(b, e.from, e.to)}.w`, k: cellEdgeKernel(e.op) ?? 0 } : null;
}

/**
 * A cell's DAG edges start as the base op's spatial step followed by pass-throughs [ours]: a depthwise edge out of
 * node 0 takes the base's depthwise filter (zero-padded or centre-cropped to its size) on the channels they share;
 * a later depthwise edge starts as a centred delta and a 1×1 edge as the identity matrix (each still followed by its
 * BN and ReLU). With alignBasis a cell starts close to the base op's function — the reference cell c3-zz3zzz next to
 * MB k3e3 exactly — instead of a random one (a k3e3 + three random cells supernet stayed at chance loss).
 */
function alignCellEdges(params: ParamStore, q: string, op: string, dw: { name: string; k: number } | null): void {
  for (const e of cellComputedEdges(canonicalCell(parseCell(op)))) {
    const name = `${cellEdgePrefix(q, e.from, e.to)}.w`;
    if (!params.has(name)) continue;
    const k = cellEdgeKernel(e.op);
    tf.tidy(() => {
      const w = params.get(name);
      if (k === null) {
        // 1×1 edge [1, 1, h, h]: the identity.
        const h = w.shape[2] ?? 0;
        params.set(name, tf.reshape(tf.eye(h), [1, 1, h, h]));
        return;
      }
      const h = w.shape[2] ?? 0;
      if (e.from === 0 && dw) {
        const src = params.get(dw.name);
        const hb = src.shape[2] ?? 0;
        const m = Math.min(h, hb);
        let f: tf.Tensor = tf.slice(src, [0, 0, 0, 0], [-1, -1, m, -1]);
        if (dw.k < k) {
          const o = (k - dw.k) / 2;
          f = tf.pad(f, [[o, o], [o, o], [0, 0], [0, 0]]);
        } else if (dw.k > k) {
          const o = (dw.k - k) / 2;
          f = tf.slice(f, [o, o, 0, 0], [k, k, -1, -1]);
        }
        params.set(name, m < h ? tf.concat([f, tf.slice(w, [0, 0, m, 0], [-1, -1, h - m, -1])], 2) : f);
        return;
      }
      // A later depthwise edge [k, k, h, 1]: a centred delta.
      const c = (k - 1) / 2;
      params.set(name, tf.pad(tf.ones([1, 1, h, 1]), [[c, c], [c, c], [0, 0], [0, 0]]));
    });
  }
}

/**
 * A cell starts in the base op's 1×1 bases [ours]: its expand columns are the base's (its own random ones beyond the
 * base's width; the first `hidden` of the base's when it is narrower), its project rows the base's (0 beyond).
 */
function alignBasis(params: ParamStore, b: string, q: string): void {
  const names = [`${b}.expand.w`, `${b}.project.w`, `${q}.expand.w`, `${q}.project.w`];
  if (!names.every((n) => params.has(n))) return;
  tf.tidy(() => {
    const be = params.get(`${b}.expand.w`);
    const bp = params.get(`${b}.project.w`);
    const qe = params.get(`${q}.expand.w`);
    const hb = be.shape[3] ?? 0;
    const h = qe.shape[3] ?? 0;
    if (h <= hb) {
      params.set(`${q}.expand.w`, tf.slice(be, [0, 0, 0, 0], [-1, -1, -1, h]));
      params.set(`${q}.project.w`, tf.slice(bp, [0, 0, 0, 0], [-1, -1, h, -1]));
    } else {
      params.set(`${q}.expand.w`, tf.concat([be, tf.slice(qe, [0, 0, 0, hb], [-1, -1, -1, h - hb])], 3));
      params.set(`${q}.project.w`, tf.concat([bp, tf.zeros([1, 1, h - hb, bp.shape[3] ?? 0])], 2));
    }
  });
}

/** The MBConv ops of a slot start as the same function as the base op (see alignSlotInit). */
function alignMbOps(params: ParamStore, slot: number, baseOp: string, mb: readonly { op: string; p: { k: number; e: number } }[]): void {
  const kMin = Math.min(...mb.map((o) => o.p.k));
  const base = { op: baseOp };
  const b = opPrefix(slot, base.op);
  const baseExpand = params.get(`${b}.expand.w`);
  const hb = baseExpand.shape[3] ?? 0;
  for (const { op, p } of mb) {
    if (op === base.op) continue;
    const q = opPrefix(slot, op);
    tf.tidy(() => {
      const ex = params.get(`${q}.expand.w`);
      const h = ex.shape[3] ?? 0;
      const extra = h - hb;
      const o = (p.k - kMin) / 2;
      const dwBase = tf.pad(params.get(`${b}.dw0.w`), [[o, o], [o, o], [0, 0], [0, 0]]);
      const pw = params.get(`${q}.project.w`);
      const pwBase = params.get(`${b}.project.w`);
      if (extra > 0) {
        params.set(`${q}.expand.w`, tf.concat([baseExpand, tf.slice(ex, [0, 0, 0, hb], [-1, -1, -1, extra])], 3));
        params.set(`${q}.dw0.w`, tf.concat([dwBase, tf.slice(params.get(`${q}.dw0.w`), [0, 0, hb, 0], [-1, -1, extra, -1])], 2));
        params.set(`${q}.project.w`, tf.concat([pwBase, tf.zeros([1, 1, extra, pw.shape[3] ?? 0])], 2));
      } else {
        params.set(`${q}.expand.w`, baseExpand);
        params.set(`${q}.dw0.w`, dwBase);
        params.set(`${q}.project.w`, pwBase);
      }
    });
  }
}

export class SinglePathSupernet {
  readonly net: Network;
  /** The skeleton with slot layers as placeholders: only its fixed layers are applied as they are. */
  readonly frame: ArchSpec;
  readonly slots: { cin: number; cout: number; stride: number }[];
  /** The op run at each slot by the next forward pass. */
  path: string[];
  private readonly opsAt: Set<string>[];

  constructor(
    readonly skeleton: SkeletonShape,
    space: readonly (readonly string[])[],
    rng: Rng,
    /** Start the ops of a slot as one function (alignSlotInit); false = independent random init (probe / tests). */
    alignInit = true,
  ) {
    this.slots = slotShapes(skeleton.width);
    this.path = space.map((ops) => ops[0]);
    this.frame = { ...padnasSpec(this.path, skeleton, 'PAD-NAS single-path supernet'), meta: { method: 'padnas', supernet: true } };
    this.opsAt = space.map((ops) => new Set(ops));
    const params = new ParamStore();
    try {
      this.frame.layers.forEach((layer, i) => {
        const slot = i - SLOT_LAYER_OFFSET;
        if (slot >= 0 && slot < this.slots.length) {
          for (const op of space[slot]) {
            const p = opPrefix(slot, op);
            createLayerParams(this.layerOf(slot, op), p, params, rng.fork(p));
          }
        } else createLayerParams(layer, `L${i}`, params, rng.fork(`L${i}`));
      });
      if (alignInit) space.forEach((ops, slot) => alignSlotInit(params, slot, ops));
    } catch (e) {
      params.dispose();
      throw e;
    }
    this.net = new Network(this.frame, params);
  }

  /** The concrete layer op `op` is at `slot`. */
  layerOf(slot: number, op: string): LayerSpec {
    const s = this.slots[slot];
    return opLayer(op, s.cin, s.cout, s.stride);
  }

  /** True when `slot` still holds op `op`. */
  hasOp(slot: number, op: string): boolean {
    return this.opsAt[slot]?.has(op) ?? false;
  }

  private checkPath(g: Genotype): void {
    g.forEach((op, j) => {
      if (!this.hasOp(j, op)) throw new Error(`slot ${j} has no op "${op}" (pruned or never allowed)`);
    });
  }

  /** Forward through `this.path` (the Trainer's `forward` hook: training, evaluation and BN recalibration). */
  readonly forward: ForwardFn = (_net, x, training): ApplyResult => {
    this.checkPath(this.path);
    const stats: BnStats = {};
    const ctx: ForwardContext = { params: this.net.params, training, bnEpsilon: this.net.bnEpsilon, stats: training ? stats : undefined };
    let h: tf.Tensor = x;
    this.frame.layers.forEach((layer, i) => {
      const slot = i - SLOT_LAYER_OFFSET;
      if (slot >= 0 && slot < this.slots.length) {
        const op = this.path[slot];
        h = applyLayer(this.layerOf(slot, op), opPrefix(slot, op), h, ctx);
      } else h = applyLayer(layer, `L${i}`, h, ctx);
    });
    return { logits: h as tf.Tensor2D, bnStats: stats };
  };

  /** Every variable name the forward pass of `g` touches (trainable and BN running statistics). */
  pathVariableNames(g: Genotype): string[] {
    this.checkPath(g);
    return this.frame.layers.flatMap((layer, i) => {
      const slot = i - SLOT_LAYER_OFFSET;
      if (slot >= 0 && slot < this.slots.length) return layerParamNames(this.layerOf(slot, g[slot]), opPrefix(slot, g[slot]));
      return layerParamNames(layer, `L${i}`);
    });
  }

  /** The trainable variables of path `g` (the Trainer's `trainableNames` hook). */
  pathNames(g: Genotype): string[] {
    const params = this.net.params;
    return this.pathVariableNames(g).filter((n) => params.entry(n).trainable);
  }

  /** Remove op `op` from `slot`: its variables and (when given) their optimizer state are freed. */
  removeOp(slot: number, op: string, optimizer?: KeyedOptimizer): void {
    if (!this.hasOp(slot, op)) return;
    for (const name of layerParamNames(this.layerOf(slot, op), opPrefix(slot, op))) {
      optimizer?.renameOrDrop(name, null);
      this.net.params.delete(name);
    }
    this.opsAt[slot].delete(op);
  }

  dispose(): void {
    this.net.dispose();
  }
}
