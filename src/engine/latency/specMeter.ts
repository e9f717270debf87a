/**
 * End-to-end inference latency of whole networks given as ArchSpecs, measured on this device with the LATENCY.md
 * protocol (batch 1; compile and warm-up first; n ≥ 21 samples of predict + `await data()`, each lasting ≥ 5 ms; median;
 * networks interleaved; samples spanning a visibility change dropped). One unit of work per `step()`, so a method can
 * spread the measuring over its own units: AutoSpace-style's payoff measures its front networks with it in the browser.
 */
import type { ArchSpec } from '../../core/archspec';
import { rngStream } from '../../core/rng';
import type { LatencyMeasurement, LatencyMeter } from '../../core/latency/meter';
import { InterleavedMeasurer } from './interleave';
import { networkSubject } from './subjects';
import { DEFAULT_TIMING, withGpuOnly, type TimingEnv } from './timing';

/** Samples per network (LATENCY.md: n ≥ 21). */
export const METER_SAMPLES = 21;

class SpecMeasurement implements LatencyMeasurement {
  private readonly measurer: InterleavedMeasurer;

  constructor(specs: readonly ArchSpec[], env: TimingEnv, samples: number, seed: number) {
    const subjects = specs.map((spec, i) => ({ id: String(i), label: spec.name || `network ${i + 1}`, create: () => networkSubject(spec, rngStream(seed, `meter ${i}`)) }));
    // flushEach: every inference is awaited, as an application would use the network.
    this.measurer = new InterleavedMeasurer(subjects, env, { samples, timing: { ...DEFAULT_TIMING, flushEach: true } });
  }

  get totalUnits(): number {
    return this.measurer.totalUnits;
  }

  get unitsDone(): number {
    return this.measurer.unitsDone;
  }

  get finished(): boolean {
    return this.measurer.finished;
  }

  async step(): Promise<void> {
    // WEBGPU_CPU_FORWARD off: small kernels would otherwise run on the CPU and time the wrong device (LATENCY.md).
    if (!this.measurer.finished) await withGpuOnly(() => this.measurer.step());
  }

  results(): { medianMs: number | null; error: string | null }[] {
    const byId = new Map(this.measurer.results(METER_SAMPLES).map((r) => [r.id, r.medianMs]));
    return this.measurer.specs.map((s) => ({ medianMs: byId.get(s.id) ?? null, error: this.measurer.failures.get(s.id) ?? null }));
  }

  dispose(): void {
    this.measurer.dispose();
  }
}

/** A meter for the host to lend a method (MethodContext.latencyMeter); `label` names the device and backend. */
export function specLatencyMeter(env: TimingEnv, label: string, opts: { samples?: number; seed?: number } = {}): LatencyMeter {
  const samples = opts.samples ?? METER_SAMPLES;
  return { label, unitsPerNetwork: 1 + samples, measure: (specs) => new SpecMeasurement(specs, env, samples, opts.seed ?? 1) };
}
