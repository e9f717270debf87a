/**
 * Robust summary statistics for timing samples (pure, no tfjs).
 *
 * Timings on a shared GPU have heavy right tails (a sample that caught a clock change, a GC pause or a compositor
 * frame), so the profiler reports the median and the median absolute deviation rather than mean ± sd.
 */

function assertNonEmpty(xs: readonly number[], fn: string): void {
  if (xs.length === 0) throw new RangeError(`${fn}: empty sample`);
  for (const x of xs) {
    if (!Number.isFinite(x)) throw new RangeError(`${fn}: non-finite value ${x}`);
  }
}

/** Ascending sorted copy. */
function sorted(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** Arithmetic mean. Throws on an empty sample or a non-finite value. */
export function mean(xs: readonly number[]): number {
  assertNonEmpty(xs, 'mean');
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Quantile with linear interpolation between order statistics (Hyndman–Fan type 7, numpy's default):
 * position h = (n − 1)·q in the sorted sample, value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 */
export function quantile(xs: readonly number[], q: number): number {
  assertNonEmpty(xs, 'quantile');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  const s = sorted(xs);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** Several quantiles of one sample (sorts once per call of `quantile`; samples here are small). */
export function quantiles(xs: readonly number[], qs: readonly number[]): number[] {
  return qs.map((q) => quantile(xs, q));
}

/** Median: the middle order statistic, or the mean of the two middle ones for an even count. */
export function median(xs: readonly number[]): number {
  assertNonEmpty(xs, 'median');
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Median absolute deviation from the median, unscaled (multiply by 1.4826 for a normal-consistent σ estimate).
 * Reported beside every median so a reader can see how noisy a table entry is.
 */
export function mad(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/** Median and MAD of a sample, the pair the profiler stores for every measurement. */
export function robustSummary(xs: readonly number[]): { median: number; mad: number; n: number } {
  return { median: median(xs), mad: mad(xs), n: xs.length };
}
