/**
 * What a quick and a full profile measure and how long each takes (pure): counted from the profiler's own plan
 * (core/latency/plan), timed from the last stored profile of that mode (and the same cell-parts choice) on this device
 * when there is one, else a lower bound from the protocol (warm-up plus samples of at least 5 ms for every entry and
 * network). The optional cell parts and cell networks (plan option `cells`) are counted and timed the same way.
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

/** The newest complete stored profile of this mode and tiny flag (and cell-parts choice, unless `anyCells`). */
function lastOf(mode: ProfileMode, opts: Omit<PlanOptions, 'mode'>, stored: readonly LatencyProfile[], anyCells: boolean): LatencyProfile | undefined {
  return stored
    .filter((s) => s.settings.mode === mode && !s.partial && s.settings.tiny === opts.tiny && s.durationMs > 0)
    .filter((s) => anyCells || (s.settings.cells === true) === (opts.cells === true))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

export function modeSummary(mode: ProfileMode, opts: Omit<PlanOptions, 'mode'>, stored: readonly LatencyProfile[]): ModeSummary {
  const p = modeParams(mode);
  const entries = planLut({ ...opts, mode }).length;
  const networks = p.supernetNets + p.chainNets + (opts.cells ? p.cellNets : 0);
  const cells = opts.cells ? ` (${entries - planLut({ ...opts, mode, cells: false }).length} of them AutoSpace-style cell parts)` : '';
  const cellNets = opts.cells ? `; ${p.cellNets} cell networks, never fitted, check how cells are priced` : '';
  const what =
    `${entries} ops at their shapes${cells} (kernels ${p.kernels.join(', ')}; expansions ${p.expansions.join(', ')}) and ${networks} whole networks ` +
    `(${p.heldOut} held out to judge the predictor${p.heldOut < 10 ? ': too few to judge it well' : ''}${cellNets})`;
  const last = lastOf(mode, opts, stored, false);
  const floorMs = (entries + networks) * (p.warmup + p.samples) * MIN_SAMPLE_MS;
  const time = last ? `took ${duration(last.durationMs)} last time` : `at least ${duration(floorMs)}, more on a slow device`;
  return { entries, networks, heldOut: p.heldOut, what, time };
}

export interface CellPartsSummary {
  /** LUT entries the cell parts add to this mode's plan. */
  entries: number;
  /** Cell networks timed end to end (held out of the fit). */
  networks: number;
  /** "about 40 s at this device's pace last time" or "at least 24 s, more on a slow device". */
  time: string;
}

/**
 * What ticking "Also measure AutoSpace-style cell parts" adds to a `mode` profile: its extra LUT entries and cell
 * networks and their time, at the pace of the last complete profile of this mode here (its duration per warm-up or
 * sample, entries and networks alike) when there is one, else the protocol's lower bound.
 */
export function cellPartsSummary(mode: ProfileMode, opts: Omit<PlanOptions, 'mode' | 'cells'>, stored: readonly LatencyProfile[]): CellPartsSummary {
  const p = modeParams(mode);
  const entries = planLut({ ...opts, mode, cells: true }).length - planLut({ ...opts, mode }).length;
  const networks = p.cellNets;
  const perUnit = p.warmup + p.samples;
  const last = lastOf(mode, opts, stored, true);
  if (last) {
    const units = (Object.keys(last.lut).length + last.e2e.length) * perUnit;
    const time = `about ${duration((last.durationMs / units) * (entries + networks) * perUnit)} at the pace of the last ${mode === 'full' ? 'full' : 'quick'} profile`;
    return { entries, networks, time };
  }
  return { entries, networks, time: `at least ${duration((entries + networks) * perUnit * MIN_SAMPLE_MS)}, more on a slow device` };
}
