/**
 * Building the live view's plain data from the atom tables (pure: no tfjs). Per-atom arrays are fresh typed arrays,
 * so the worker can put their buffers in the transfer list.
 */
import type { ArchSpec } from '../../../core/archspec';
import type { AtomNasBlockView, AtomNasSnapshot } from '../snapshot';
import { countByKernel, type BlockAtoms } from './atoms';

/** Per-step series accumulated between snapshots. */
export class SeriesBuffer {
  private steps: number[] = [];
  private loss: number[] = [];
  private rho: number[] = [];
  private macs: number[] = [];
  private params: number[] = [];

  push(step: number, loss: number, rho: number, macs: number, params: number): void {
    this.steps.push(step);
    this.loss.push(loss);
    this.rho.push(rho);
    this.macs.push(macs);
    this.params.push(params);
  }

  /** The points since the last drain, as typed arrays. */
  drain(): Pick<AtomNasSnapshot, 'steps' | 'loss' | 'rho' | 'macs' | 'params'> {
    const out = {
      steps: Float64Array.from(this.steps),
      loss: Float32Array.from(this.loss),
      rho: Float32Array.from(this.rho),
      macs: Float64Array.from(this.macs),
      params: Float64Array.from(this.params),
    };
    this.steps = [];
    this.loss = [];
    this.rho = [];
    this.macs = [];
    this.params = [];
    return out;
  }
}

/**
 * Block views for every supernet slot (a block that became an identity keeps its slot with zero counts, so the bars
 * stay in place) and the per-atom arrays of the surviving atoms. `gates[i]` belongs to `current[i]`.
 */
export function snapshotState(
  supernet: readonly BlockAtoms[],
  current: readonly BlockAtoms[],
  gates: readonly Float32Array[],
  kernels: readonly number[],
  spec: ArchSpec,
): Pick<AtomNasSnapshot, 'blocks' | 'gamma' | 'atomCost' | 'atomKernel' | 'atomSlot'> {
  const bySlot = new Map(current.map((b) => [b.slot, b]));
  const blocks: AtomNasBlockView[] = supernet.map((sb) => {
    const layer = spec.layers[sb.layer];
    const b = bySlot.get(sb.slot);
    return {
      slot: sb.slot,
      layer: sb.layer,
      residual: sb.residual,
      cin: sb.cin,
      cout: sb.cout,
      stride: layer.type === 'mb' ? layer.stride : 1,
      counts: b ? countByKernel(b, kernels) : kernels.map(() => 0),
      supernet: countByKernel(sb, kernels),
    };
  });
  const n = current.reduce((s, b) => s + b.kernel.length, 0);
  const gamma = new Float32Array(n);
  const atomCost = new Float32Array(n);
  const atomKernel = new Uint8Array(n);
  const atomSlot = new Uint8Array(n);
  let o = 0;
  current.forEach((b, i) => {
    const g = gates[i];
    for (let c = 0; c < b.kernel.length; c++, o++) {
      gamma[o] = g && g.length === b.kernel.length ? g[c] : Number.NaN;
      atomCost[o] = b.cost[c];
      atomKernel[o] = b.kernel[c];
      atomSlot[o] = b.slot;
    }
  });
  return { blocks, gamma, atomCost, atomKernel, atomSlot };
}

/** The transferable buffers of a snapshot (each array is freshly allocated, so moving them is safe). */
export function snapshotTransfer(s: AtomNasSnapshot): ArrayBuffer[] {
  return [s.steps, s.loss, s.rho, s.macs, s.params, s.gamma, s.atomCost, s.atomKernel, s.atomSlot].map((a) => a.buffer as ArrayBuffer);
}
