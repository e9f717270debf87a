/**
 * The AutoSpace-style supernet on the shared skeleton: every cell of every slot's population owns its layer variables
 * under its own prefix (`L{i}.{cell}`, e.g. `L4.c3-zz5zzz.expand.w`) and one mixing logit α (`L{i}.{cell}.alpha` holds α / gain); the
 * fixed stem, fixed block and head keep `L{i}`. A forward pass mixes, at each slot, the K picked cells:
 * Σ softmax(α_picks)_i · cell_i(x). Training differentiates only the picks' variables and α (`trainableNames`), so the
 * KeyedOptimizer leaves every other cell's weights and optimizer slots exactly as they were, whatever positions the picks
 * take. A new cell starts from its parent's variables where names and shapes match (weight inheritance [ours]).
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec, LayerSpec } from '../../../core/archspec';
import type { Rng } from '../../../core/rng';
import { genotypeSpec, opLayer, SLOT_LAYER_OFFSET, slotShapes, type SkeletonShape } from '../../../core/space/singlePath';
import type { ForwardFn } from '../../../engine/bnRecalibrate';
import { applyLayer, createLayerParams, layerParamNames, type BnStats, type ForwardContext } from '../../../engine/layers';
import { Network, type ApplyResult } from '../../../engine/network';
import type { KeyedOptimizer } from '../../../engine/optimizer';
import { ParamStore } from '../../../engine/params';
import { REFERENCE_NAME } from '../population';

/** Variable-name prefix of `cell` at searched slot `slot`. */
export function cellPrefix(slot: number, cell: string): string {
  return `L${slot + SLOT_LAYER_OFFSET}.${cell}`;
}

/** Name of the mixing logit α of `cell` at `slot`. */
export function alphaName(slot: number, cell: string): string {
  return `${cellPrefix(slot, cell)}.alpha`;
}

export class CellSupernet {
  readonly net: Network;
  /** The skeleton with the reference cell in every slot: only its fixed layers are applied as they are. */
  readonly frame: ArchSpec;
  readonly slots: { cin: number; cout: number; stride: number }[];
  /** The cells each slot mixes in the next forward pass (K per slot, in mixing order). */
  picks: string[][];
  private readonly cells: Set<string>[];

  constructor(
    readonly skeleton: SkeletonShape,
    populations: readonly (readonly string[])[],
    private readonly rng: Rng,
    /** α = gain · θ (θ the stored variable): α's effective learning rate is gain² × the weights' [ours]. */
    private readonly alphaGain = 1,
  ) {
    this.slots = slotShapes(skeleton.width);
    this.frame = { ...genotypeSpec(this.slots.map(() => REFERENCE_NAME), skeleton, { name: 'AutoSpace-style supernet', method: 'autospace' }), meta: { method: 'autospace', supernet: true } };
    this.cells = this.slots.map(() => new Set());
    this.picks = populations.map((p) => [p[0]]);
    const params = new ParamStore();
    this.net = new Network(this.frame, params);
    try {
      this.frame.layers.forEach((layer, i) => {
        if (this.slotOf(i) === null) createLayerParams(layer, `L${i}`, params, rng.fork(`L${i}`));
      });
      populations.forEach((cells, slot) => {
        this.addCell(slot, REFERENCE_NAME);
        for (const c of cells) if (c !== REFERENCE_NAME) this.addCell(slot, c, REFERENCE_NAME);
      });
    } catch (e) {
      params.dispose();
      throw e;
    }
  }

  private slotOf(layerIndex: number): number | null {
    const s = layerIndex - SLOT_LAYER_OFFSET;
    return s >= 0 && s < this.slots.length ? s : null;
  }

  /** The concrete layer `cell` is at `slot`. */
  layerOf(slot: number, cell: string): LayerSpec {
    const s = this.slots[slot];
    return opLayer(cell, s.cin, s.cout, s.stride);
  }

  hasCell(slot: number, cell: string): boolean {
    return this.cells[slot]?.has(cell) ?? false;
  }

  /** Cells a slot holds variables for, in the order they were added. */
  cellsAt(slot: number): string[] {
    return [...this.cells[slot]];
  }

  /**
   * Create `cell`'s variables at `slot` (fresh weights from the run's stream, α = 0); with `parent`, every variable
   * whose name (after the prefix) and shape match one of the parent's starts as a copy of it.
   */
  addCell(slot: number, cell: string, parent?: string): void {
    if (this.hasCell(slot, cell)) return;
    const params = this.net.params;
    const p = cellPrefix(slot, cell);
    const layer = this.layerOf(slot, cell);
    createLayerParams(layer, p, params, this.rng.fork(p));
    const z = tf.zeros([]);
    params.add(alphaName(slot, cell), 'dense-bias', z); // trainable, no weight decay
    z.dispose();
    this.cells[slot].add(cell);
    if (parent === undefined || !this.hasCell(slot, parent)) return;
    const q = cellPrefix(slot, parent);
    for (const name of layerParamNames(layer, p)) {
      const from = q + name.slice(p.length);
      if (params.has(from) && tf.util.arraysEqual(params.get(from).shape, params.get(name).shape)) params.set(name, params.get(from));
    }
  }

  /** Delete `cell` at `slot`: its variables, its α and (when given) their optimizer state. */
  removeCell(slot: number, cell: string, optimizer?: KeyedOptimizer): void {
    if (!this.hasCell(slot, cell)) return;
    for (const name of [...layerParamNames(this.layerOf(slot, cell), cellPrefix(slot, cell)), alphaName(slot, cell)]) {
      optimizer?.renameOrDrop(name, null);
      this.net.params.delete(name);
    }
    this.cells[slot].delete(cell);
  }

  /** The α variables of a slot's picks, in mixing order. */
  alphas(slot: number): tf.Variable[] {
    return this.picks[slot].map((c) => this.net.params.get(alphaName(slot, c)));
  }

  /** softmax(α) of every slot's picks (call inside a tape or tidy). */
  mixWeights(): tf.Tensor1D[] {
    return this.picks.map((_, slot) => tf.softmax(tf.mul(tf.stack(this.alphas(slot)), this.alphaGain)) as tf.Tensor1D);
  }

  /** softmax(α) of every slot's picks as plain numbers (one asynchronous read-back: no stall on WebGPU). */
  async mixWeightValues(): Promise<number[][]> {
    const all = tf.tidy(() => tf.concat(this.mixWeights()));
    const flat = Array.from(await all.data());
    all.dispose();
    let at = 0;
    return this.picks.map((p) => flat.slice(at, (at += p.length)));
  }

  /** Forward through the mixed picks (the Trainer's `forward` hook: training, evaluation and BN recalibration). */
  readonly forward: ForwardFn = (_net, x, training): ApplyResult => {
    const stats: BnStats = {};
    const ctx: ForwardContext = { params: this.net.params, training, bnEpsilon: this.net.bnEpsilon, stats: training ? stats : undefined };
    const weights = this.mixWeights();
    let h: tf.Tensor = x;
    this.frame.layers.forEach((layer, i) => {
      const slot = this.slotOf(i);
      if (slot === null) {
        h = applyLayer(layer, `L${i}`, h, ctx);
        return;
      }
      const input = h;
      const outs = this.picks[slot].map((c, j) => {
        const y = applyLayer(this.layerOf(slot, c), cellPrefix(slot, c), input, ctx);
        return tf.mul(y, tf.slice(weights[slot], [j], [1]).reshape([1, 1, 1, 1]));
      });
      h = outs.length === 1 ? outs[0] : tf.addN(outs);
    });
    return { logits: h as tf.Tensor2D, bnStats: stats };
  };

  /** The trainable variables this step touches: the fixed layers', the picks' weights and the picks' α. */
  trainableNames(): string[] {
    const params = this.net.params;
    return this.frame.layers.flatMap((layer, i) => {
      const slot = this.slotOf(i);
      if (slot === null) return layerParamNames(layer, `L${i}`).filter((n) => params.entry(n).trainable);
      return this.picks[slot].flatMap((c) => [...layerParamNames(this.layerOf(slot, c), cellPrefix(slot, c)).filter((n) => params.entry(n).trainable), alphaName(slot, c)]);
    });
  }

  dispose(): void {
    this.net.dispose();
  }
}
