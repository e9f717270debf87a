/**
 * The latency objective and window of a PAD-NAS run (pure): the shared cost window (core/space/window) in 'auto'
 * mode — predicted latency from the search-target device profile when it prices the skeleton ("predicted, profile
 * X"), else MACs with a notice that says why. The fractions lie between the cheapest and the dearest architecture of
 * the full space.
 */
import type { LatencyProfile } from '../../core/latency/profileSchema';
import type { SkeletonShape } from '../../core/space/singlePath';
import { costWindow, type CostModel } from '../../core/space/window';

export type LatencyModel = CostModel;

/** Build the latency model of a run (throws in plain words unless 0 ≤ lo < hi ≤ 1). */
export function latencyModel(sk: SkeletonShape, fullSpace: readonly (readonly string[])[], lo: number, hi: number, profile: LatencyProfile | null): LatencyModel {
  return costWindow({ skeleton: sk, space: fullSpace, lo, hi, objective: 'auto', profile });
}
