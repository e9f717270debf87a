/**
 * Measure many subjects interleaved: each is built and warmed up once, then samples are taken round-robin (one sample
 * of each subject per round) so that clock drift and thermal throttling spread over all of them instead of biasing the
 * ones measured last (LATENCY.md). One call of `step()` does one unit of work (one warm-up or one sample), so a caller
 * can report progress, yield to messages and stop between units; `run()` loops with an AbortSignal-like flag.
 */
import { SampleTimer, type TimingEnv, type TimingOptions } from './timing';
import type { Subject } from './subjects';

export interface SubjectSpec<S extends Subject = Subject> {
  id: string;
  label: string;
  create(): S;
  /** Called once after warm-up (e.g. to count dispatches), while the subject is live. */
  afterWarmUp?(subject: S): Promise<void>;
}

export interface MeasureOptions {
  samples: number;
  timing: TimingOptions;
  /** Give up on a subject after this many samples discarded for visibility changes (default 3·samples). */
  maxDiscards?: number;
}

export interface SubjectResult {
  id: string;
  label: string;
  medianMs: number;
  madMs: number;
  samples: number;
  repeats: number;
  compileMs: number;
}

export interface AbortFlag {
  readonly aborted: boolean;
}

export class InterleavedMeasurer<S extends Subject = Subject> {
  private readonly live: (S | null)[];
  private readonly timers: (SampleTimer | null)[];
  private readonly errors = new Map<string, string>();
  private warmed = 0;
  private cursor = 0;
  private warmupMsTotal = 0;
  unitsDone = 0;

  constructor(
    readonly specs: readonly SubjectSpec<S>[],
    private readonly env: TimingEnv,
    private readonly opts: MeasureOptions,
  ) {
    if (opts.samples < 21) throw new RangeError('at least 21 samples per subject (LATENCY.md)');
    this.live = specs.map(() => null);
    this.timers = specs.map(() => null);
  }

  /**
   * Units in all = units done + units left, where a subject not yet warmed up has 1 + n left and a warmed one its
   * missing samples (a discarded sample adds one; a failed or given-up subject has none left).
   */
  get totalUnits(): number {
    let left = (this.specs.length - this.warmed) * (1 + this.opts.samples);
    this.timers.forEach((t, i) => {
      if (t && this.wants(i)) left += this.opts.samples - t.samples.length;
    });
    return this.unitsDone + left;
  }

  get finished(): boolean {
    return this.warmed === this.specs.length && this.nextSampleIndex() < 0;
  }

  /** Label of the subject the next unit works on. */
  get currentLabel(): string {
    const i = this.warmed < this.specs.length ? this.warmed : this.nextSampleIndex();
    return i >= 0 ? this.specs[i].label : '';
  }

  /** Subjects warmed up so far and the sample round reached (fewest kept samples of any live subject). */
  progress(): { warmed: number; total: number; round: number; rounds: number } {
    const live = this.timers.filter((t): t is SampleTimer => t !== null);
    const round = live.length ? Math.min(...live.map((t) => t.samples.length)) : 0;
    return { warmed: this.warmed, total: this.specs.length, round, rounds: this.opts.samples };
  }

  /** Mean median of the subjects measured so far (ms), NaN before any. */
  meanMedianMs(): number {
    const r = this.results();
    return r.length ? r.reduce((s, x) => s + x.medianMs, 0) / r.length : NaN;
  }

  /** Subjects that failed to build or run, with the error message (they are skipped). */
  get failures(): ReadonlyMap<string, string> {
    return this.errors;
  }

  private wants(i: number): boolean {
    const t = this.timers[i];
    if (!t) return false;
    return t.samples.length < this.opts.samples && t.discarded < (this.opts.maxDiscards ?? 3 * this.opts.samples);
  }

  private nextSampleIndex(): number {
    const n = this.specs.length;
    for (let j = 0; j < n; j++) {
      const i = (this.cursor + j) % n;
      if (this.wants(i)) return i;
    }
    return -1;
  }

  /** Do one unit of work; returns false when everything is measured. */
  async step(): Promise<boolean> {
    if (this.warmed < this.specs.length) {
      const i = this.warmed++;
      const spec = this.specs[i];
      const t0 = this.env.now();
      try {
        const s = spec.create();
        this.live[i] = s;
        const timer = new SampleTimer(s, this.env, this.opts.timing);
        await timer.warmUp();
        await spec.afterWarmUp?.(s);
        this.timers[i] = timer;
      } catch (e) {
        this.errors.set(spec.id, e instanceof Error ? e.message : String(e));
        this.live[i]?.dispose();
        this.live[i] = null;
      }
      this.warmupMsTotal += this.env.now() - t0;
      this.unitsDone++;
      return true;
    }
    const i = this.nextSampleIndex();
    if (i < 0) return false;
    this.cursor = i + 1;
    try {
      await this.timers[i]!.sample();
    } catch (e) {
      this.errors.set(this.specs[i].id, e instanceof Error ? e.message : String(e));
      this.timers[i] = null;
    }
    this.unitsDone++;
    return !this.finished;
  }

  /** Loop `step()` until done or `signal.aborted`; what was measured so far stays available in `results()`. */
  async run(signal?: AbortFlag, onProgress?: (done: number, total: number, etaMs: number) => void): Promise<void> {
    while (!signal?.aborted && (await this.step())) onProgress?.(this.unitsDone, this.totalUnits, this.etaMs());
  }

  /** Milliseconds left: pending warm-ups at the mean warm-up time so far, pending samples at each subject's cost. */
  etaMs(): number {
    const warmed = this.timers.filter((t): t is SampleTimer => t !== null);
    const meanWarm = this.warmed > 0 ? this.warmupMsTotal / this.warmed : NaN;
    const meanSample = warmed.length ? warmed.reduce((s, t) => s + (t.sampleCostMs || 0), 0) / warmed.length : NaN;
    let ms = (this.specs.length - this.warmed) * (meanWarm + this.opts.samples * meanSample);
    this.timers.forEach((t, i) => {
      if (t && this.wants(i)) ms += (this.opts.samples - t.samples.length) * t.sampleCostMs;
    });
    return ms;
  }

  /** Summaries of every subject with at least `minSamples` kept samples. */
  results(minSamples = 1): SubjectResult[] {
    const out: SubjectResult[] = [];
    this.timers.forEach((t, i) => {
      const s = t?.summary();
      if (s && s.samples >= minSamples) out.push({ id: this.specs[i].id, label: this.specs[i].label, ...s });
    });
    return out;
  }

  /** The live subject `id` (after its warm-up), e.g. to read what `afterWarmUp` stored. */
  subject(i: number): S | null {
    return this.live[i];
  }

  dispose(): void {
    this.live.forEach((s) => s?.dispose());
    this.live.fill(null);
  }
}
