/**
 * End-to-end measurements: random single-path subnets of the supernet and random plain chains, each timed as a whole
 * (predict + await data, per inference, n ≥ 21, median), with the real dispatch count of one inference.
 */
import type { E2eMeasurement } from '../../core/latency/assemble';
import type { PlannedNetwork } from '../../core/latency/plan';
import { rngStream } from '../../core/rng';
import { InterleavedMeasurer, type AbortFlag } from './interleave';
import { networkSubject } from './subjects';
import { DEFAULT_TIMING, type TimingEnv } from './timing';

export type NetworkSubject = ReturnType<typeof networkSubject>;

export class E2eRun {
  readonly measurer: InterleavedMeasurer<NetworkSubject>;
  private readonly counted = new Map<string, number | null>();

  constructor(
    readonly nets: readonly PlannedNetwork[],
    env: TimingEnv,
    opts: { samples: number; seed: number },
  ) {
    const specs = nets.map((n, i) => ({
      id: String(i),
      label: n.name,
      create: () => networkSubject(n.spec, rngStream(opts.seed, `e2e ${i}`)),
      afterWarmUp: async (s: NetworkSubject) => {
        this.counted.set(String(i), await s.countDispatches());
      },
    }));
    // flushEach: every inference is awaited, as an application would use the network.
    this.measurer = new InterleavedMeasurer(specs, env, { samples: opts.samples, timing: { ...DEFAULT_TIMING, flushEach: true } });
  }

  /** Networks with at least `minSamples` kept samples. */
  measurements(minSamples: number): E2eMeasurement[] {
    return this.measurer.results(minSamples).map((r) => {
      const n = this.nets[Number(r.id)];
      return {
        name: n.name, family: n.family, spec: n.spec, medianMs: r.medianMs, madMs: r.madMs, samples: r.samples,
        dispatchesCounted: this.counted.get(r.id) ?? null,
      };
    });
  }

  /** Measure all networks (standalone use); stops early when `signal.aborted`. */
  async run(signal?: AbortFlag, onProgress?: (done: number, total: number, etaMs: number) => void): Promise<E2eMeasurement[]> {
    await this.measurer.run(signal, onProgress);
    return this.measurements(5);
  }

  dispose(): void {
    this.measurer.dispose();
  }
}
