/**
 * AtomNAS's latency-aware penalty from a device profile (pure, shared by the run in the worker or the CLI and by the
 * settings view on the main thread, so all of them accept or refuse a profile for the same reason).
 *
 * The per-atom cost of a branch is the slope of the profile's fit of branch latency against hidden width
 * (`perChannel`: branch_k(h) ≈ slope·h + intercept per block shape and kernel), i.e. the milliseconds one more hidden
 * channel (atom) costs, scaled by the predictor's ΣLUT coefficient (see `atomLatencyCosts`). The method normalises it
 * like the MACs mode: penalty_i = cost_i / mean cost over the supernet's atoms. A block shape or kernel the profile
 * never measured is an error naming it: never replaced by an estimate.
 */
import type { ArchSpec, InputShape } from '../../core/archspec';
import { mbBranchOp, perChannelKey, specLutOps } from '../../core/latency/lutKeys';
import { costProblem } from '../../core/latency/costCheck';
import { modeParams } from '../../core/latency/plan';
import { atomLatencyLookup } from '../../core/latency/predict';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { supernetSpec } from '../../core/skeleton';
import type { AtomNasSettings } from './settings';

/** The settings that shape the supernet. */
export type SupernetShapeSettings = Pick<AtomNasSettings, 'kernels' | 'expansion' | 'width' | 'tiny'>;

/** The AtomNAS supernet of these settings for a dataset shape (the method marks its fixed block on top of it). */
export function atomnasSupernetSpec(s: SupernetShapeSettings, input: InputShape, numClasses: number): ArchSpec {
  return supernetSpec({ kernels: s.kernels, expansion: s.expansion, width: s.width, tiny: s.tiny, input, numClasses });
}

/** A profile's per-atom latency costs for one supernet, or why it cannot give them. */
export type AtomNasLatencyPricing =
  | { ok: true; profileId: string; profileName: string; perChannel: (layer: number, k: number) => number }
  | { ok: false; profileId: string; profileName: string; message: string; missing: string[] };

const shapeText = (input: InputShape, tiny: boolean, width: number): string =>
  `${input.height}×${input.width}×${input.channels}, ${tiny ? 'tiny (stem stride 2)' : 'full-size stem'}, width ×${width}`;

/** `spec` with one hidden channel in every branch of its searched MB blocks (the thinnest network shrinking reaches). */
function thinnest(spec: ArchSpec): ArchSpec {
  const layers = spec.layers.map((l) => (l.type === 'mb' && l.expand !== false ? { ...l, branches: l.branches.map((b) => ({ ...b, hidden: 1 })) } : l));
  return { ...spec, name: `${spec.name} (one channel per branch)`, layers };
}

/**
 * Price every searched atom of `spec` (an AtomNAS supernet: multi-branch MB blocks) with `profile`'s per-channel fits.
 * `tiny` and `width` describe how `spec` was built (for the explanation when the profile was measured on another
 * skeleton). On failure `message` names the blocks and kernels without a usable fit and what to do about it.
 */
export function priceSupernetAtoms(spec: ArchSpec, profile: LatencyProfile, shape: { tiny: boolean; width: number }): AtomNasLatencyPricing {
  const who = { profileId: profile.id, profileName: profile.name };
  const r = atomLatencyLookup(spec, profile);
  if (r.ok) {
    // Shrinking can take every branch down to one channel: the costs of that network must be positive too.
    const problem = costProblem([spec, thinnest(spec)], profile);
    return problem ? { ok: false, ...who, message: problem, missing: [] } : { ok: true, ...who, perChannel: r.perChannel };
  }
  // Explain: which block shapes and kernels have no fit, or one with a non-positive slope.
  const missing: string[] = [];
  const absentK = new Set<number>();
  let badSlope = false;
  for (const { index, layer, inShape } of specLutOps(spec)) {
    if (layer.type !== 'mb' || layer.expand === false) continue;
    layer.branches.forEach((b, j) => {
      const op = mbBranchOp(layer, j, inShape);
      const fit = profile.perChannel[perChannelKey(op)];
      if (fit && fit.slopeMs > 0) return;
      if (fit) badSlope = true;
      else absentK.add(b.k);
      const slope = fit ? `, slope ${fit.slopeMs.toPrecision(3)} ms per channel` : '';
      missing.push(`layer ${index} (MB ${op.cin}→${op.cout} s${op.s} @${op.h}×${op.w}, k${op.k}${slope})`);
    });
  }
  const hints: string[] = [];
  const ps = profile.settings;
  const sameInput = ps.input.height === spec.input.height && ps.input.width === spec.input.width && ps.input.channels === spec.input.channels;
  if (!sameInput || ps.tiny !== shape.tiny || ps.width !== shape.width) {
    hints.push(
      `the profile was measured on the ${shapeText(ps.input, ps.tiny, ps.width)} skeleton, this supernet is ${shapeText(spec.input, shape.tiny, shape.width)}: ` +
        'measure a profile with the same input, tiny preset and width',
    );
  }
  const measuredK = modeParams(ps.mode).kernels;
  const unmeasured = [...absentK].filter((k) => !measuredK.includes(k)).sort((a, b) => a - b);
  if (unmeasured.length) {
    hints.push(
      `a ${ps.mode === 'full' ? 'full' : 'quick (reduced)'} profile measures kernels ${measuredK.join(', ')} only, not ${unmeasured.join(', ')}: ` +
        `measure a full profile, or search kernel sizes ${measuredK.join('-')}`,
    );
  }
  if (badSlope) hints.push('a fit of branch latency against hidden width with a non-positive slope cannot price a channel (measurement noise): measure again');
  if (!hints.length) hints.push(profile.partial ? 'the profile is partial (its run was cancelled): measure a complete one' : 'the profile has no fit for these block shapes');
  const list = missing.length > 4 ? `${missing.slice(0, 4).join('; ')}; and ${missing.length - 4} more` : missing.join('; ');
  const message =
    `Profile "${profile.name}" cannot price ${missing.length} branch${missing.length === 1 ? '' : 'es'} of this supernet (no usable fit of ` +
    `branch latency against hidden width): ${list}.${hints.length ? ` Why: ${hints.join('; ')}.` : ''} The latency penalty is not estimated ` +
    'without it: pick another profile, or the MACs penalty.';
  return { ok: false, ...who, message, missing };
}

/** `priceSupernetAtoms` for the supernet of AtomNAS settings on a dataset shape. */
export function atomnasLatencyPricing(
  s: SupernetShapeSettings,
  input: InputShape,
  numClasses: number,
  profile: LatencyProfile,
): AtomNasLatencyPricing {
  return priceSupernetAtoms(atomnasSupernetSpec(s, input, numClasses), profile, { tiny: s.tiny, width: s.width });
}

/** What the settings panel shows for the 'latency' penalty choice. */
export interface LatencyPenaltyStatus {
  /** The choice can be selected (a search-target profile exists). */
  selectable: boolean;
  /** Start will accept it (the profile prices every atom of this supernet). */
  usable: boolean;
  profileName: string | null;
  /** Why it cannot be selected or used; null when usable. */
  reason: string | null;
}

export const NO_PROFILE_REASON = 'needs a device profile: measure or import one in the Latency profiler and choose it as the search target';

/** Availability of the latency penalty for these settings, dataset shape (null: not loaded yet) and search-target profile. */
export function latencyPenaltyStatus(
  s: SupernetShapeSettings,
  shape: { input: InputShape; numClasses: number } | null,
  profile: LatencyProfile | null,
): LatencyPenaltyStatus {
  if (!profile) return { selectable: false, usable: false, profileName: null, reason: NO_PROFILE_REASON };
  if (!shape) return { selectable: true, usable: false, profileName: profile.name, reason: 'the dataset is not loaded yet, so the supernet cannot be priced' };
  const p = atomnasLatencyPricing(s, shape.input, shape.numClasses, profile);
  return p.ok
    ? { selectable: true, usable: true, profileName: profile.name, reason: null }
    : { selectable: true, usable: false, profileName: profile.name, reason: p.message };
}
