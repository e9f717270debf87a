/**
 * Pure arithmetic of the benchmark: step-time summaries, side-by-side ratios, step time against MACs, main-thread
 * responsiveness and memory verdicts. The browser page and Node collect raw numbers; everything derived is here.
 */
import { mad, median } from '../core/latency/stats';
import { spearman } from '../core/search/rank';

/** Median and MAD of per-step times after dropping `warmup` leading steps. */
export interface StepSummary {
  n: number;
  medianMs: number;
  madMs: number;
}

/** Summarise per-step milliseconds; NaN figures when nothing is left after the warm-up. */
export function summarizeSteps(ms: readonly number[], warmup = 0): StepSummary {
  const xs = ms.slice(warmup).filter((v) => Number.isFinite(v));
  if (xs.length === 0) return { n: 0, medianMs: Number.NaN, madMs: Number.NaN };
  return { n: xs.length, medianMs: median(xs), madMs: mad(xs) };
}

/** Images per second of a step of `batch` images that takes `ms` milliseconds. */
export function imagesPerSecond(batch: number, ms: number): number {
  return ms > 0 ? (batch * 1000) / ms : Number.NaN;
}

/**
 * One side-by-side comparison: per-step times of two contenders measured in alternating blocks within one run.
 * `speedup` = median(b) / median(a): > 1 when `a` is faster (e.g. a = this engine, b = stock tfjs).
 */
export interface SideBySide {
  a: StepSummary;
  b: StepSummary;
  speedup: number;
  /** median(a) / median(b): > 1 when `a` is slower (e.g. a = shrunk supernet, b = static network). */
  slowdown: number;
}

/**
 * Compare interleaved blocks: `blocksA[i]` and `blocksB[i]` are the per-step times of round i; the first `warmup`
 * steps of every block are dropped (the first block also carries shader compilation, so drop more there by passing
 * a warm-up block that is not part of the rounds).
 */
export function sideBySide(blocksA: readonly number[][], blocksB: readonly number[][], warmup = 0): SideBySide {
  const a = summarizeSteps(blocksA.flatMap((b) => b.slice(warmup)));
  const b = summarizeSteps(blocksB.flatMap((bl) => bl.slice(warmup)));
  return { a, b, speedup: b.medianMs / a.medianMs, slowdown: a.medianMs / b.medianMs };
}

/** One point of a search: step index, MACs of the network that ran the step, its wall time. */
export interface MacsPoint {
  step: number;
  macs: number;
  ms: number;
}

/** A stretch of steps with the same MACs (between two shrink events). */
export interface MacsSegment {
  macs: number;
  fromStep: number;
  steps: number;
  /** First step of the stretch: after a shrink it compiles pipelines for the new shapes. */
  firstMs: number;
  /** Median of the later steps (NaN when the stretch has one step). */
  medianMs: number;
}

/** Split a run into constant-MACs stretches. */
export function macsSegments(points: readonly MacsPoint[]): MacsSegment[] {
  const out: MacsSegment[] = [];
  let cur: MacsPoint[] = [];
  const flush = (): void => {
    if (cur.length === 0) return;
    const rest = cur.slice(1).map((p) => p.ms);
    out.push({ macs: cur[0].macs, fromStep: cur[0].step, steps: cur.length, firstMs: cur[0].ms, medianMs: rest.length ? median(rest) : Number.NaN });
    cur = [];
  };
  for (const p of points) {
    if (cur.length > 0 && p.macs !== cur[0].macs) flush();
    cur.push(p);
  }
  flush();
  return out;
}

/**
 * How step time follows MACs through a run: Spearman ρ over the steps that did not compile (every step but the
 * first of each stretch), and the step-time ratio of the last stretch to the first (NaN where undefined).
 */
export function macsTrend(points: readonly MacsPoint[]): { spearman: number; n: number; lastOverFirst: number; macsLastOverFirst: number } {
  const segs = macsSegments(points);
  const firstOfSeg = new Set(segs.map((s) => s.fromStep));
  const warm = points.filter((p) => !firstOfSeg.has(p.step) && Number.isFinite(p.ms));
  const macsVary = new Set(warm.map((p) => p.macs)).size > 1;
  const rho = warm.length >= 3 && macsVary ? spearman(warm.map((p) => p.macs), warm.map((p) => p.ms)) : Number.NaN;
  const timed = segs.filter((s) => Number.isFinite(s.medianMs));
  const first = timed[0];
  const last = timed[timed.length - 1];
  return {
    spearman: rho,
    n: warm.length,
    lastOverFirst: first && last ? last.medianMs / first.medianMs : Number.NaN,
    macsLastOverFirst: first && last ? last.macs / first.macs : Number.NaN,
  };
}

/** Main-thread responsiveness over a window: long tasks (PerformanceObserver 'longtask') and animation frames. */
export interface Responsiveness {
  windowMs: number;
  longestTaskMs: number;
  tasksOver50: number;
  fps: number;
  frames: number;
  /** Longest gap between two animation frames. */
  worstFrameMs: number;
}

/**
 * Summarise long-task durations and animation-frame timestamps recorded over `windowMs`. Chrome reports only tasks
 * ≥ 50 ms as long tasks, so "longest" is 0 when there were none.
 */
export function responsiveness(taskMs: readonly number[], frameTimes: readonly number[], windowMs: number): Responsiveness {
  const longest = taskMs.length ? Math.max(...taskMs) : 0;
  const over = taskMs.filter((d) => d > 50).length;
  let worst = 0;
  for (let i = 1; i < frameTimes.length; i++) worst = Math.max(worst, frameTimes[i] - frameTimes[i - 1]);
  return {
    windowMs,
    longestTaskMs: longest,
    tasksOver50: over,
    fps: windowMs > 0 ? (frameTimes.length * 1000) / windowMs : Number.NaN,
    frames: frameTimes.length,
    worstFrameMs: worst,
  };
}

/** tf.memory() readings after a number of training steps. */
export interface MemoryReading {
  steps: number;
  numTensors: number;
  numBytes: number;
  /** WebGPU: bytes in live buffers; null on other backends. */
  gpuBytesUsed: number | null;
  /** WebGPU: bytes the buffer pool holds (live + freed-but-pooled); null on other backends. */
  gpuBytesAllocated: number | null;
}

/** Memory goal: the same tensor count after the long run as after the short one, and GPU bytes within `bound`×. */
export function memoryVerdict(early: MemoryReading, late: MemoryReading, bound = 1.1): { tensorsEqual: boolean; bytesRatio: number; bounded: boolean } {
  const bytes = (r: MemoryReading): number => r.gpuBytesAllocated ?? r.numBytes;
  const ratio = bytes(late) / bytes(early);
  return { tensorsEqual: early.numTensors === late.numTensors, bytesRatio: ratio, bounded: Number.isFinite(ratio) && ratio <= bound };
}

/** Goal check helpers; null when the value is missing. */
export function atLeast(v: number | null, goal: number): boolean | null {
  return v === null || !Number.isFinite(v) ? null : v >= goal;
}
export function atMost(v: number | null, goal: number): boolean | null {
  return v === null || !Number.isFinite(v) ? null : v <= goal;
}

/** A finite number or null (JSON has no NaN). */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
