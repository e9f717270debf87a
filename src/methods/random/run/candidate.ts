/** What the record keeps of one scored candidate: its costs (analytic and predicted) and its short-training result. */
import type { ArchSpec } from '../../../core/archspec';
import { archCosts } from '../../../core/costs';
import { predictLatency } from '../../../core/latency/predict';
import type { LatencyProfile } from '../../../core/latency/profileSchema';
import type { RandomCandidate } from '../snapshot';

/** The short-training loss reported per candidate is the mean over its last this-many steps (one batch is noisy). */
const LOSS_TAIL = 5;

/** Predicted latency of a spec on the profile, or null (no profile, or it cannot price the spec). */
export function predictedMs(spec: ArchSpec, profile: LatencyProfile | null): number | null {
  if (!profile) return null;
  const ms = predictLatency(spec, profile).ms;
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** The candidate's row; `valAccuracy` null = its training diverged. */
export function scoredCandidate(
  index: number,
  genotype: string[],
  spec: ArchSpec,
  o: { cost: number; profile: LatencyProfile | null; valAccuracy: number | null; losses: readonly number[]; trainSteps: number },
): RandomCandidate {
  const c = archCosts(spec);
  const tail = o.losses.slice(-LOSS_TAIL);
  return {
    index,
    genotype,
    macs: c.macs,
    params: c.params,
    latencyMs: predictedMs(spec, o.profile),
    cost: o.cost,
    valAccuracy: o.valAccuracy,
    trainLoss: o.valAccuracy === null || tail.length === 0 ? null : tail.reduce((a, b) => a + b, 0) / tail.length,
    trainSteps: o.trainSteps,
  };
}
