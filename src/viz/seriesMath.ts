/** Pure helpers that turn a long series into something cheap and readable to draw. */

/** A series as typed arrays: only the first `length` entries are meaningful. */
export interface SeriesView {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  length: number;
}

/** Exponential moving average with bias correction (as TensorBoard's smoothing): stays on the data at the start. */
export function ema(y: ArrayLike<number>, length: number, weight: number): Float64Array {
  const out = new Float64Array(length);
  let acc = 0;
  let norm = 0;
  for (let i = 0; i < length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      out[i] = Number.NaN;
      continue;
    }
    acc = acc * weight + (1 - weight) * v;
    norm = norm * weight + (1 - weight);
    out[i] = acc / norm;
  }
  return out;
}

/**
 * Reduce a series to at most `maxPoints` by averaging consecutive buckets, so a 10k-step loss curve draws as fast as a
 * 500-step one. Non-finite values are skipped inside a bucket; a bucket with none becomes NaN (a gap).
 */
export function decimate(s: SeriesView, maxPoints: number): { x: Float64Array; y: Float64Array } {
  const n = s.length;
  if (n <= maxPoints) {
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = s.x[i];
      y[i] = s.y[i];
    }
    return { x, y };
  }
  const buckets = Math.max(1, Math.floor(maxPoints));
  const x = new Float64Array(buckets);
  const y = new Float64Array(buckets);
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor((b * n) / buckets);
    const hi = Math.floor(((b + 1) * n) / buckets);
    let sx = 0;
    let sy = 0;
    let count = 0;
    for (let i = lo; i < hi; i++) {
      if (!Number.isFinite(s.y[i])) continue;
      sx += s.x[i];
      sy += s.y[i];
      count++;
    }
    x[b] = count ? sx / count : s.x[lo];
    y[b] = count ? sy / count : Number.NaN;
  }
  return { x, y };
}

/** [min, max] of the finite values, or undefined when there are none. */
export function finiteExtent(y: ArrayLike<number>, length: number): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

const NICE = [1, 1.5, 2, 3, 4, 5, 6, 8, 10];

/**
 * The end of a live chart's x-axis: it grows with the data (in readable jumps: 10, 15, 20, 30, 40, 50, 60, 80, 100…,
 * with some room ahead of the last point) instead of spanning the whole run from the start, and never passes the run's
 * `total` (0: unknown). An empty chart spans `minSpan`.
 */
export function growingXMax(dataMax: number, total: number, minSpan = 10): number {
  const want = Math.max(minSpan, Number.isFinite(dataMax) ? dataMax * 1.1 : 0);
  const p = 10 ** Math.floor(Math.log10(want));
  const nice = (NICE.find((m) => m * p >= want - 1e-9) ?? 10) * p;
  return total > 0 ? Math.min(total, nice) : nice;
}

/** The index of a series' only finite point (to mark with a dot: a line of one point is invisible); null for 0 or 2+ points. */
export function lonePoint(s: SeriesView): number | null {
  let at: number | null = null;
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s.y[i]) || !Number.isFinite(s.x[i])) continue;
    if (at !== null) return null;
    at = i;
  }
  return at;
}
