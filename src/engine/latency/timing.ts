/**
 * Wall-clock timing of GPU work with the protocol of LATENCY.md: the first run is recorded as compile time, ≥ 3
 * warm-up runs, each sample repeats the work K times so that it lasts ≥ 5 ms (K calibrated), every sample ends with
 * `await output.data()` on a fresh output (never dataSync: it stalls WebGPU; a tensor read once is cached on the CPU),
 * median + MAD over n ≥ 21 samples, samples that span a page visibility change are discarded.
 */
import * as tf from '@tensorflow/tfjs';
import { robustSummary } from '../../core/latency/stats';

/** Something to time: `run()` launches the work once and returns a new output tensor (the caller disposes it). */
export interface Timeable {
  run(): tf.Tensor;
}

export interface TimingEnv {
  /** Milliseconds, monotonic (performance.now in the worker). */
  now: () => number;
  /** Let queued messages (visibility changes, cancel) be handled. */
  yieldToEvents: () => Promise<void>;
  /** True when the page has been visible without interruption since time `t0` (same clock as `now`). */
  isVisibleSince: (t0: number) => boolean;
}

export interface TimingOptions {
  /** Warm-up runs including the first (compile) run; ≥ 3. */
  warmup: number;
  /** Minimum wall time of one sample, ms (default 5). */
  minSampleMs: number;
  /** Upper bound on K. */
  maxRepeats: number;
  /** Await the output after every repeat (end-to-end latency as a user sees it) instead of once per sample. */
  flushEach: boolean;
}

export const DEFAULT_TIMING: TimingOptions = { warmup: 3, minSampleMs: 5, maxRepeats: 4096, flushEach: false };

/** Run `t` `k` times and wait for the GPU; returns the wall time of the whole batch (ms). */
async function runBatch(t: Timeable, k: number, flushEach: boolean, now: () => number): Promise<number> {
  const t0 = now();
  let out: tf.Tensor | null = null;
  for (let i = 0; i < k; i++) {
    const o = t.run();
    if (flushEach) {
      await o.data();
      o.dispose();
    } else {
      out?.dispose();
      out = o;
    }
  }
  if (out) {
    await out.data();
    out.dispose();
  }
  return now() - t0;
}

/** Timing state of one subject: warm up once, then take samples one at a time (so callers can interleave subjects). */
export class SampleTimer {
  compileMs = NaN;
  repeats = 1;
  readonly samples: number[] = [];
  discarded = 0;
  /** Wall time one sample is expected to take (ms), for ETAs. */
  sampleCostMs = NaN;

  constructor(
    private readonly subject: Timeable,
    private readonly env: TimingEnv,
    private readonly opts: TimingOptions = DEFAULT_TIMING,
  ) {
    if (opts.warmup < 3) throw new RangeError('timing: at least 3 warm-up runs (LATENCY.md)');
  }

  /**
   * First run (compile + upload + run, recorded as compile time), the remaining warm-up runs, then calibrate K:
   * double-check with a trial batch until one sample lasts ≥ minSampleMs or K hits maxRepeats.
   */
  async warmUp(): Promise<void> {
    const { now } = this.env;
    this.compileMs = await runBatch(this.subject, 1, true, now);
    let last = NaN;
    for (let i = 1; i < this.opts.warmup; i++) last = await runBatch(this.subject, 1, true, now);
    let k = Math.max(1, Math.min(this.opts.maxRepeats, Math.ceil(this.opts.minSampleMs / Math.max(last, 1e-3))));
    for (let tries = 0; tries < 6; tries++) {
      const ms = await runBatch(this.subject, k, this.opts.flushEach, now);
      this.sampleCostMs = ms;
      if (ms >= this.opts.minSampleMs || k >= this.opts.maxRepeats) break;
      // Aim 20 % above the threshold so that noise rarely drops a sample under it.
      k = Math.min(this.opts.maxRepeats, Math.max(k + 1, Math.ceil((k * this.opts.minSampleMs * 1.2) / Math.max(ms, 1e-3))));
    }
    this.repeats = k;
  }

  /** Take one sample (per-repeat ms); returns null when it was discarded because the page visibility changed. */
  async sample(): Promise<number | null> {
    const t0 = this.env.now();
    const ms = await runBatch(this.subject, this.repeats, this.opts.flushEach, this.env.now);
    // A visibility message posted while the sample ran is handled here, before the check.
    await this.env.yieldToEvents();
    if (!this.env.isVisibleSince(t0)) {
      this.discarded++;
      return null;
    }
    this.sampleCostMs = ms;
    const per = ms / this.repeats;
    this.samples.push(per);
    if (ms < this.opts.minSampleMs && this.repeats < this.opts.maxRepeats) {
      // Runs got faster after calibration (late JIT / clock ramp-up): lengthen the following samples.
      this.repeats = Math.min(this.opts.maxRepeats, Math.ceil((this.repeats * this.opts.minSampleMs * 1.2) / Math.max(ms, 1e-3)));
    }
    return per;
  }

  summary(): { medianMs: number; madMs: number; samples: number; repeats: number; compileMs: number } | null {
    if (this.samples.length === 0) return null;
    const s = robustSummary(this.samples);
    return { medianMs: s.median, madMs: s.mad, samples: s.n, repeats: this.repeats, compileMs: this.compileMs };
  }
}

/**
 * Turn off WEBGPU_CPU_FORWARD (small inputs silently run on the CPU otherwise) for the duration of `fn`, then restore
 * the previous value. A no-op on backends that do not register the flag.
 */
export async function withGpuOnly<T>(fn: () => Promise<T>): Promise<T> {
  const env = tf.env();
  let prev: boolean;
  try {
    prev = env.getBool('WEBGPU_CPU_FORWARD');
  } catch {
    return fn(); // flag not registered: the WebGPU backend module is not loaded
  }
  env.set('WEBGPU_CPU_FORWARD', false);
  try {
    return await fn();
  } finally {
    env.set('WEBGPU_CPU_FORWARD', prev);
  }
}
