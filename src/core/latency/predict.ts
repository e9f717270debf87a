/**
 * Latency prediction from a stored device profile (pure): what methods call to put "predicted latency on <device>"
 * next to MACs, and the per-atom latency cost AtomNAS uses for its 'latency' penalty mode.
 *
 * ΣLUT of a spec = Σ over layers of the LUT median of that layer's op. A layer without an exact LUT entry is covered by
 * the per-channel fit of its block shape when it is an MB layer (any hidden width, any number of branches):
 *   branch_k(h) ≈ slope_k·h + intercept_k,  MB layer ≈ Σ_k slope_k·h_k + max_k intercept_k
 * (the branches share one expand and one project kernel, so their fixed costs are not added; the extra kernels of a
 * multi-branch block are counted by the dispatch term). A cell is priced as the sum of its parts' LUT entries
 * (`cellLutOps`: expand / 1×1 edges / project as `conv` entries, depthwise edges as `dw`, node sums as `add`).
 * The prediction is a·ΣLUT + b·#dispatches + c.
 */

import type { ArchSpec, CellLayer, MbLayer } from '../archspec';
import { specDispatches } from './dispatches';
import { cellLutOps, lutKey, mbBranchOp, perChannelKey, specLutOps } from './lutKeys';
import { applyLatencyModel } from './predictor';
import type { LatencyProfile } from './profileSchema';

export interface LayerPrediction {
  index: number;
  /** LUT key looked up (the branch family key for per-channel estimates), null for a layer with nothing to look up. */
  key: string | null;
  ms: number;
  /** `parts`: a cell, the sum of its parts' LUT entries (`key` lists them joined by " + "). */
  source: 'lut' | 'perChannel' | 'parts' | 'missing';
}

export interface LatencyPrediction {
  /** a·ΣLUT + b·#dispatches + c; NaN when an op is missing from the profile or the profile has no predictor. */
  ms: number;
  sumLutMs: number;
  dispatches: number;
  /** Keys of ops the profile cannot price. */
  missing: string[];
  layers: LayerPrediction[];
  /** Which profile the number comes from: every predicted latency shown says so. */
  profileId: string;
  profileName: string;
}

/** Per-channel estimate of an MB layer (see module comment), or null when a branch's family was not profiled. */
function mbFromPerChannel(layer: MbLayer, inShape: [number, number, number], profile: LatencyProfile): { ms: number; key: string } | null {
  let slopeSum = 0;
  let maxIntercept = -Infinity;
  let key = '';
  for (let j = 0; j < layer.branches.length; j++) {
    const k = perChannelKey(mbBranchOp(layer, j, inShape));
    const fit = profile.perChannel[k];
    if (!fit) return null;
    slopeSum += fit.slopeMs * layer.branches[j].hidden;
    maxIntercept = Math.max(maxIntercept, fit.interceptMs);
    key = key ? `${key} + ${k}` : k;
  }
  return { ms: slopeSum + maxIntercept, key };
}

/** A cell as the sum of its parts' LUT medians, or the keys of the parts the profile lacks. */
function cellFromParts(layer: CellLayer, inShape: [number, number, number], profile: LatencyProfile): { ms: number; key: string; missing: string[] } {
  const keys = cellLutOps(layer, inShape).map(lutKey);
  const missing = keys.filter((k) => !profile.lut[k]);
  const ms = missing.length ? NaN : keys.reduce((s, k) => s + profile.lut[k].medianMs, 0);
  return { ms, key: keys.join(' + '), missing };
}

/** Predict one inference of `spec` on the profiled device, layer by layer. */
export function predictLatency(spec: ArchSpec, profile: LatencyProfile): LatencyPrediction {
  const layers: LayerPrediction[] = [];
  const missing: string[] = [];
  for (const { index, layer, inShape, op } of specLutOps(spec)) {
    const key = op ? lutKey(op) : null;
    const entry = key ? profile.lut[key] : undefined;
    if (entry) {
      layers.push({ index, key, ms: entry.medianMs, source: 'lut' });
      continue;
    }
    if (layer.type === 'cell') {
      const c = cellFromParts(layer, inShape, profile);
      layers.push({ index, key: c.key, ms: c.ms, source: c.missing.length ? 'missing' : 'parts' });
      missing.push(...c.missing.filter((k) => !missing.includes(k)));
      continue;
    }
    if (layer.type === 'skip' && !entry) {
      // Identity is free in the inference graph (no kernel); use its LUT entry when measured, else 0.
      layers.push({ index, key, ms: 0, source: 'lut' });
      continue;
    }
    const est = layer.type === 'mb' && layer.expand !== false ? mbFromPerChannel(layer, inShape, profile) : null;
    if (est) {
      layers.push({ index, key: est.key, ms: est.ms, source: 'perChannel' });
    } else {
      layers.push({ index, key, ms: NaN, source: 'missing' });
      missing.push(key ?? `layer ${index} (${layer.type} with ${layer.type === 'mb' ? layer.branches.length : 0} branches)`);
    }
  }
  const sumLutMs = layers.reduce((s, l) => s + l.ms, 0);
  const dispatches = specDispatches(spec, { workgroupThreshold: profile.device.workgroupThreshold }).total;
  const ms = profile.predictor && missing.length === 0 ? applyLatencyModel(profile.predictor, sumLutMs, dispatches) : NaN;
  return { ms, sumLutMs, dispatches, missing, layers, profileId: profile.id, profileName: profile.name };
}

/** Predicted latency (ms) of one inference of `spec` on the device of `profile`; NaN when the profile cannot price it. */
export function predictLatencyMs(spec: ArchSpec, profile: LatencyProfile): number {
  return predictLatency(spec, profile).ms;
}

/**
 * AtomNAS per-atom latency cost: for every layer of `spec` (a supernet or a shrunk network), for every MB branch, the
 * predicted milliseconds one hidden channel (atom) of that branch costs = the per-channel slope of its block shape and
 * kernel, scaled by the predictor's ΣLUT coefficient `a` when there is one. Null for non-MB layers and for branches
 * whose family was not profiled (fall back to MACs there). Use in place of MACs in penalty_i = cost_i / mean(cost).
 */
export function atomLatencyCosts(spec: ArchSpec, profile: LatencyProfile): (number[] | null)[] {
  const a = profile.predictor && profile.predictor.a > 0 ? profile.predictor.a : 1;
  return specLutOps(spec).map(({ layer, inShape }) => {
    if (layer.type !== 'mb' || layer.expand === false) return null;
    const costs = layer.branches.map((_, j) => profile.perChannel[perChannelKey(mbBranchOp(layer, j, inShape))]?.slopeMs);
    if (costs.some((c) => c === undefined || !(c > 0))) return null;
    return costs.map((c) => c * a);
  });
}

/**
 * The per-atom latency cost as a lookup `(layerIndex, kernel) → ms per hidden channel` for the layers of `spec`
 * (the shape AtomNAS's `latencyCostsFromBranches` takes), or the branch families the profile does not cover. The
 * profile must have been measured with the same input size and tiny flag as `spec` (its shapes must match).
 */
export function atomLatencyLookup(
  spec: ArchSpec,
  profile: LatencyProfile,
): { ok: true; perChannel: (layer: number, k: number) => number } | { ok: false; missing: string[] } {
  const table = atomLatencyCosts(spec, profile);
  const missing: string[] = [];
  spec.layers.forEach((l, i) => {
    if (l.type === 'mb' && l.expand !== false && table[i] === null) missing.push(`layer ${i} (MB ${l.cin}→${l.cout} s${l.stride})`);
  });
  if (missing.length) return { ok: false, missing };
  return {
    ok: true,
    perChannel: (layer, k) => {
      const l = spec.layers[layer];
      const costs = table[layer];
      const j = l.type === 'mb' ? l.branches.findIndex((b) => b.k === k) : -1;
      if (!costs || j < 0) throw new RangeError(`no latency cost for layer ${layer}, kernel ${k}`);
      return costs[j];
    },
  };
}
