/**
 * What a quick and a full profile measure and how long each takes (pure): counted from the profiler's own plan
 * (core/latency/plan), timed from the last stored profile of that mode on this device when there is one, else a lower
 * bound from the protocol (warm-up plus samples of at least 5 ms for every entry and network).
 */
import { modeParams, planLut, type PlanOptions, type ProfileMode } from '../../core/latency/plan';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { duration } from '../common/format';

/** Each timed sample lasts at least this long (repeats are batched up to it: LATENCY.md). */
const MIN_SAMPLE_MS = 5;

export interface ModeSummary {
  entries: number;
  networks: number;
  heldOut: number;
  /** "12 ops at their shapes (kernels 3, 5) and 12 whole networks (4 held out to judge the predictor)". */
  what: string;
  /** "took 3 min here last time" or "at least 1 min (more on a slow device)". */
  time: string;
}

export function modeSummary(mode: ProfileMode, opts: Omit<PlanOptions, 'mode'>, stored: readonly LatencyProfile[]): ModeSummary {
  const p = modeParams(mode);
  const entries = planLut({ ...opts, mode }).length;
  const networks = p.supernetNets + p.chainNets;
  const what =
    `${entries} ops at their shapes (kernels ${p.kernels.join(', ')}; expansions ${p.expansions.join(', ')}) and ${networks} whole networks ` +
    `(${p.heldOut} held out to judge the predictor${p.heldOut < 10 ? ': too few to judge it well' : ''})`;
  const last = stored
    .filter((s) => s.settings.mode === mode && !s.partial && s.settings.tiny === opts.tiny && s.durationMs > 0)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const floorMs = (entries + networks) * (p.warmup + p.samples) * MIN_SAMPLE_MS;
  const time = last ? `took ${duration(last.durationMs)} last time` : `at least ${duration(floorMs)}, more on a slow device`;
  return { entries, networks, heldOut: p.heldOut, what, time };
}
