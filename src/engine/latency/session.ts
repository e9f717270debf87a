/**
 * One profiling run, as a sequence of small units (one warm-up or one sample each) so that a run loop can show
 * progress, pause and cancel between them: roofline probes → lookup table → end-to-end networks → fit.
 * `profile()` assembles what was measured so far at any time (a cancelled run keeps its measurements).
 */
import { assembleProfile } from '../../core/latency/assemble';
import {
  modeParams, planLut, planNetworks, type PlanOptions, type PlannedEntry, type ProfilePhase, type ProfileStatus,
} from '../../core/latency/plan';

export type { ProfilePhase, ProfileStatus };
import type { DeviceCard, LatencyProfile } from '../../core/latency/profileSchema';
import { rngStream } from '../../core/rng';
import { E2eRun } from './e2e';
import type { InterleavedMeasurer } from './interleave';
import { lutFromResults, lutMeasurer } from './lut';
import { rooflineFromResults, rooflineMeasurer, rooflineSizes, type RooflineSizes } from './roofline';
import type { TimingEnv } from './timing';

export interface ProfileRunOptions extends PlanOptions {
  seed: number;
  id: string;
  name: string;
}

/** Fewest kept samples for an entry or network to enter a (partial) profile. */
const MIN_SAMPLES_PARTIAL = 5;

export class ProfileSession {
  readonly plan: PlannedEntry[];
  private readonly sizes: RooflineSizes;
  private readonly roof: InterleavedMeasurer;
  private readonly lut: InterleavedMeasurer;
  private readonly e2e: E2eRun;
  private readonly startedAt = Date.now();
  private readonly samples: number;

  constructor(
    readonly opts: ProfileRunOptions,
    readonly device: DeviceCard,
    env: TimingEnv,
  ) {
    const p = modeParams(opts.mode);
    this.samples = p.samples;
    this.plan = planLut(opts);
    // A software adapter gets the small probes in either mode: a 1024³ matmul takes ~10 s per run on SwiftShader.
    this.sizes = rooflineSizes(device.isFallbackAdapter ? 'reduced' : opts.mode);
    this.roof = rooflineMeasurer(this.sizes, env, { samples: p.samples, seed: opts.seed });
    this.lut = lutMeasurer(this.plan, env, { samples: p.samples, seed: opts.seed });
    const nets = planNetworks(opts, rngStream(opts.seed, 'latency-nets'));
    this.e2e = new E2eRun(nets, env, { samples: p.samples, seed: opts.seed });
  }

  private get phases(): [ProfilePhase, InterleavedMeasurer][] {
    return [['roofline', this.roof], ['lut', this.lut], ['e2e', this.e2e.measurer]];
  }

  get phase(): ProfilePhase {
    return this.phases.find(([, m]) => !m.finished)?.[0] ?? 'done';
  }

  get unitsTotal(): number {
    return this.phases.reduce((s, [, m]) => s + m.totalUnits, 0);
  }

  get unitsDone(): number {
    return this.phases.reduce((s, [, m]) => s + m.unitsDone, 0);
  }

  get finished(): boolean {
    return this.phase === 'done';
  }

  /** One unit of work; false when everything is measured. */
  async step(): Promise<boolean> {
    const cur = this.phases.find(([, m]) => !m.finished);
    if (!cur) return false;
    await cur[1].step();
    return !this.finished;
  }

  /**
   * Time left: each phase's own estimate once it has sample costs; before that a prior: a LUT unit ≈ one calibrated
   * sample (≥ 5 ms, ~6 ms), a network sample ≈ 12 layers at the mean LUT median (at least 6 ms).
   */
  private etaMs(): number {
    let eta = 0;
    for (const [name, m] of this.phases) {
      if (m.finished) continue;
      const e = m.etaMs();
      if (Number.isFinite(e)) {
        eta += e;
        continue;
      }
      const lutMean = this.lut.meanMedianMs();
      const perUnit = name === 'e2e' && Number.isFinite(lutMean) ? Math.max(6, 12 * lutMean) : 6;
      eta += perUnit * (m.totalUnits - m.unitsDone);
    }
    return eta;
  }

  status(): ProfileStatus {
    const cur = this.phases.find(([, m]) => !m.finished);
    const failures = this.phases.flatMap(([, m]) => [...m.failures].map(([id, msg]) => `${id}: ${msg}`));
    const eta = this.etaMs();
    return {
      phase: cur?.[0] ?? 'done',
      label: cur?.[1].currentLabel ?? '',
      unitsDone: this.unitsDone,
      unitsTotal: this.unitsTotal,
      etaMs: Number.isFinite(eta) ? eta : -1,
      lut: this.lut.progress(),
      e2e: this.e2e.measurer.progress(),
      failures,
    };
  }

  /** The profile from everything measured so far (`partial` unless every unit ran). */
  profile(): LatencyProfile {
    const partial = !this.finished;
    const min = partial ? MIN_SAMPLES_PARTIAL : this.samples;
    return assembleProfile({
      id: this.opts.id,
      name: this.opts.name,
      createdAt: new Date(this.startedAt).toISOString(),
      durationMs: Date.now() - this.startedAt,
      partial,
      settings: {
        mode: this.opts.mode, input: this.opts.input, numClasses: this.opts.numClasses, tiny: this.opts.tiny,
        width: this.opts.width, seed: this.opts.seed, samples: this.samples, ...(this.opts.cells ? { cells: true } : {}),
      },
      device: this.device,
      plan: this.plan,
      lut: lutFromResults(this.lut.results(), min),
      e2e: this.e2e.measurements(min),
      roofline: rooflineFromResults(this.roof.results(min), this.sizes),
    });
  }

  dispose(): void {
    this.roof.dispose();
    this.lut.dispose();
    this.e2e.dispose();
  }
}
