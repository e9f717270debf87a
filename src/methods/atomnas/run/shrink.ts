/**
 * Dynamic shrinkage, the tensor half (METHODS.md §1): physically remove dead atoms from a network and its optimizer
 * state, keyed by variable name (`L{i}.expand.w`, `L{i}.dw{j}.w`, `L{i}.dw.bn.*`, `L{i}.project.w`, …).
 *
 * Per surviving block: expand columns (axis 3) and expand-BN entries, depthwise filters of each branch (axis 2),
 * dw-BN entries, project input rows (axis 2) are gathered with the same indices; optimizer slots are gathered with
 * them, never reset; a branch left empty is deleted and the later branches renamed (`dw2` → `dw1`) together with
 * their optimizer state. A residual block left empty is deleted (the layer becomes `skip`).
 *
 * Fold [ours; the AtomNAS code has it disabled]: a removed atom j with γ_j = 0 outputs the constant ReLU(β_j) after
 * its dw BN in inference mode, which adds ReLU(β_j)·W_project[j, :] to the project conv's pre-BN output. Subtracting
 * that sum from the project BN's running mean keeps the inference output unchanged. (In training mode BN uses batch
 * statistics and a constant shift cancels anyway.)
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec, MbLayer } from '../../../core/archspec';
import { layerParamNames } from '../../../engine/layers';
import { layerPrefix, type Network } from '../../../engine/network';
import type { KeyedOptimizer } from '../../../engine/optimizer';
import { branchKeeps, type ShrinkPlan } from './shrinkPlan';

/** Gather `idx` along `axis` of variable `name` (and of its optimizer slots). */
function sliceVar(net: Network, opt: KeyedOptimizer | undefined, name: string, axis: number, idx: tf.Tensor1D, keep: number[]): void {
  const sliced = tf.gather(net.params.get(name), idx, axis);
  net.params.replace(name, sliced);
  sliced.dispose();
  opt?.sliceState(name, axis, keep);
}

/** Subtract Σ_{j removed} ReLU(β_j)·W_project[j, :] from the project BN's running mean (see file comment). */
function foldRemoved(net: Network, prefix: string, removed: number[]): void {
  if (removed.length === 0) return;
  const meanName = `${prefix}.project.bn.mean`;
  const next = tf.tidy(() => {
    const idx = tf.tensor1d(removed, 'int32');
    const beta = tf.relu(tf.gather(net.params.get(`${prefix}.dw.bn.beta`), idx)); // [r]
    const w = net.params.get(`${prefix}.project.w`); // [1, 1, H, cout]
    const cout = w.shape[3] as number;
    const rows = tf.gather(tf.reshape(w, [-1, cout]), idx); // [r, cout]
    const shift = tf.matMul(tf.reshape(beta, [1, removed.length]), rows); // [1, cout]
    return tf.sub(net.params.get(meanName), tf.reshape(shift, [-1]));
  });
  net.params.set(meanName, next);
  next.dispose();
}

/**
 * Apply `plan` to `net` (and `opt`, the live network's optimizer; pass none for the EMA network), then set
 * `net.spec = newSpec` (from `applyPlanToSpec`). Must be called with `net.spec` still the spec the plan was made on.
 */
export function shrinkNetwork(net: Network, plan: ShrinkPlan, newSpec: ArchSpec, opt?: KeyedOptimizer): void {
  for (const bk of plan.blocks) {
    const layer = net.spec.layers[bk.layer];
    if (layer.type !== 'mb') throw new Error(`shrinkNetwork: layer ${bk.layer} is ${layer.type}, not mb`);
    const prefix = layerPrefix(bk.layer);
    if (bk.removed) {
      for (const name of layerParamNames(layer, prefix)) {
        net.params.delete(name);
        opt?.renameOrDrop(name, null);
      }
      continue;
    }
    const H = layer.branches.reduce((s, b) => s + b.hidden, 0);
    if (bk.keep.length === H) continue;
    shrinkBlock(net, opt, layer, prefix, bk.keep);
  }
  net.spec = newSpec;
}

function shrinkBlock(net: Network, opt: KeyedOptimizer | undefined, layer: MbLayer, prefix: string, keepArr: Int32Array): void {
  const keep = Array.from(keepArr);
  const H = layer.branches.reduce((s, b) => s + b.hidden, 0);
  const kept = new Uint8Array(H);
  for (const c of keep) kept[c] = 1;
  const removed: number[] = [];
  for (let c = 0; c < H; c++) if (!kept[c]) removed.push(c);
  foldRemoved(net, prefix, removed);

  const idx = tf.tensor1d(keep, 'int32');
  try {
    if (layer.expand !== false) {
      sliceVar(net, opt, `${prefix}.expand.w`, 3, idx, keep);
      for (const s of ['gamma', 'beta', 'mean', 'var']) sliceVar(net, opt, `${prefix}.expand.bn.${s}`, 0, idx, keep);
    }
    for (const s of ['gamma', 'beta', 'mean', 'var']) sliceVar(net, opt, `${prefix}.dw.bn.${s}`, 0, idx, keep);
    sliceVar(net, opt, `${prefix}.project.w`, 2, idx, keep);
  } finally {
    idx.dispose();
  }

  const branches = branchKeeps(layer, keepArr);
  const survivors = new Set(branches.map((b) => b.oldBranch));
  layer.branches.forEach((_, bi) => {
    if (survivors.has(bi)) return;
    net.params.delete(`${prefix}.dw${bi}.w`);
    opt?.renameOrDrop(`${prefix}.dw${bi}.w`, null);
  });
  // Ascending order: branch bi moves to j ≤ bi, whose name is free by then (its owner was deleted or moved lower).
  branches.forEach((b, j) => {
    const from = `${prefix}.dw${b.oldBranch}.w`;
    if (b.local.length < layer.branches[b.oldBranch].hidden) {
      const local = Array.from(b.local);
      const li = tf.tensor1d(local, 'int32');
      try {
        sliceVar(net, opt, from, 2, li, local);
      } finally {
        li.dispose();
      }
    }
    if (j !== b.oldBranch) {
      const to = `${prefix}.dw${j}.w`;
      net.params.rename(from, to);
      opt?.renameOrDrop(from, to);
    }
  });
}
