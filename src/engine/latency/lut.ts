/**
 * The lookup table: every op the search spaces use, at the shapes where it occurs (core/latency/plan.ts), timed alone
 * in inference mode, interleaved round-robin. Cancellable between units; what was measured so far is kept.
 */
import type { LutEntry } from '../../core/latency/profileSchema';
import type { PlannedEntry } from '../../core/latency/plan';
import { lutOpLabel } from '../../core/latency/lutKeys';
import { rngStream } from '../../core/rng';
import { InterleavedMeasurer, type SubjectResult } from './interleave';
import { opSubject } from './subjects';
import { DEFAULT_TIMING, type TimingEnv } from './timing';

export interface LutRunOptions {
  samples: number;
  seed: number;
}

/** A measurer over the planned entries (subjects are built lazily at their warm-up). */
export function lutMeasurer(plan: readonly PlannedEntry[], env: TimingEnv, opts: LutRunOptions): InterleavedMeasurer {
  const specs = plan.map((e) => ({
    id: e.key,
    label: lutOpLabel(e.op),
    create: () => opSubject(e.op, rngStream(opts.seed, `lut ${e.key}`)),
  }));
  return new InterleavedMeasurer(specs, env, { samples: opts.samples, timing: DEFAULT_TIMING });
}

/** LUT entries from measured subjects; entries with fewer than `minSamples` kept samples are left out. */
export function lutFromResults(results: readonly SubjectResult[], minSamples: number): Record<string, LutEntry> {
  const lut: Record<string, LutEntry> = {};
  for (const r of results) {
    if (r.samples < minSamples) continue;
    lut[r.id] = { medianMs: r.medianMs, madMs: r.madMs, samples: r.samples, repeats: r.repeats, compileMs: r.compileMs };
  }
  return lut;
}
