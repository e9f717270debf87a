/**
 * The PAD-NAS single-path one-shot supernet (SPOS) on the shared skeleton: every searchable slot holds one complete
 * layer per candidate op under its own prefix (`L{i}.{op}`, e.g. `L3.k5e6`: its own expand / depthwise / project
 * weights and BNs), the fixed stem, fixed block and head keep `L{i}`. A forward pass runs one op per slot (`path`);
 * training differentiates only the path's variables (`pathNames`), so the KeyedOptimizer leaves every other op's
 * weights and slots exactly as they were. Pruning an op deletes its variables and optimizer state.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ArchSpec, LayerSpec } from '../../core/archspec';
import { genotypeSpec, opLayer, SLOT_LAYER_OFFSET, slotShapes, type Genotype, type PadSkeleton } from '../../core/padnas/ops';
import type { Rng } from '../../core/rng';
import type { ForwardFn } from '../../engine/bnRecalibrate';
import { applyLayer, createLayerParams, layerParamNames, type BnStats, type ForwardContext } from '../../engine/layers';
import { Network, type ApplyResult } from '../../engine/network';
import type { KeyedOptimizer } from '../../engine/optimizer';
import { ParamStore } from '../../engine/params';

/** Variable-name prefix of op `op` at searchable slot `slot`. */
export function opPrefix(slot: number, op: string): string {
  return `L${slot + SLOT_LAYER_OFFSET}.${op}`;
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
    readonly skeleton: PadSkeleton,
    space: readonly (readonly string[])[],
    rng: Rng,
  ) {
    this.slots = slotShapes(skeleton.width);
    this.path = space.map((ops) => ops[0]);
    this.frame = { ...genotypeSpec(this.path, skeleton, 'PAD-NAS single-path supernet'), meta: { method: 'padnas', supernet: true } };
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
