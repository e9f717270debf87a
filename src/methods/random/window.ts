/** The run's cost window (pure): MACs or predicted latency, as fractions of the space's cost range. */
import type { LatencyProfile } from '../../core/latency/profileSchema';
import type { SkeletonShape } from '../../core/space/singlePath';
import { costWindow, formatCost, type CostModel } from '../../core/space/window';
import type { RandomConfig } from './config';
import type { RandomWindow } from './snapshot';

/** The cost model of a run; throws in plain words when the objective is latency and the profile cannot price it. */
export function runWindow(c: Pick<RandomConfig, 'objective' | 'windowLo' | 'windowHi'>, skeleton: SkeletonShape, space: readonly (readonly string[])[], profile: LatencyProfile | null): CostModel {
  return costWindow({ skeleton, space, lo: c.windowLo, hi: c.windowHi, objective: c.objective, profile });
}

/** The window as the snapshot and the record report it. */
export function windowInfo(c: Pick<RandomConfig, 'objective' | 'windowLo' | 'windowHi'>, m: CostModel): RandomWindow {
  const w = m.window;
  return { objective: c.objective, lo: c.windowLo, hi: c.windowHi, unit: w.unit, from: w.lo, to: w.hi, min: w.min, max: w.max, profileName: w.profileName };
}

/** "the MACs window 1.02 M–2.3 M MACs (fractions 0.1–0.7 of the space's range)". */
export function describeWindow(w: RandomWindow): string {
  const what = w.unit === 'ms' ? `predicted-latency window (profile ${w.profileName ?? '?'})` : 'MACs window';
  return `the ${what} ${formatCost(w.from, w.unit)} – ${formatCost(w.to, w.unit)} (fractions ${w.lo}–${w.hi} of the space's range)`;
}
