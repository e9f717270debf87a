/**
 * Rank correlations of two scores of the same items (pure, method-neutral): how well a latency predictor orders
 * networks like the measurements do, how well one-shot accuracy orders architectures like stand-alone training does.
 * Spearman ρ (Pearson correlation of average ranks, so ties are handled) and Kendall τ-b (the tie-corrected τ). Both
 * return NaN when either input is constant, where a rank correlation is undefined.
 */

function assertPaired(x: readonly number[], y: readonly number[], fn: string): void {
  if (x.length !== y.length) throw new RangeError(`${fn}: lengths differ (${x.length} vs ${y.length})`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`${fn}: non-finite value at index ${i}`);
  }
}

/**
 * Ranks 1..n in ascending order; tied values all get the average of the ranks they span
 * (e.g. [10, 20, 20, 30] → [1, 2.5, 2.5, 4]).
 */
export function averageRanks(xs: readonly number[]): number[] {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const ranks = new Array<number>(xs.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && xs[order[j + 1]] === xs[order[i]]) j++;
    const r = (i + j) / 2 + 1; // average of 1-based ranks i+1 … j+1
    for (let t = i; t <= j; t++) ranks[order[t]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Pearson product-moment correlation; NaN if either sample has zero variance or fewer than 2 points. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  assertPaired(x, y, 'pearson');
  const n = x.length;
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman's ρ: Pearson correlation of the average ranks. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  assertPaired(x, y, 'spearman');
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * Kendall's τ-b = (n_c − n_d) / √((n_0 − n_1)(n_0 − n_2)), with n_0 = n(n−1)/2, n_1 / n_2 the pairs tied in x / in y.
 * A pair tied in x or y is neither concordant nor discordant. O(n²): callers compare tens of items, not thousands.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  assertPaired(x, y, 'kendallTauB');
  const n = x.length;
  let nc = 0;
  let nd = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0) tx++;
      if (dy === 0) ty++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) nc++;
        else nd++;
      }
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denom = Math.sqrt((n0 - tx) * (n0 - ty));
  if (denom === 0) return NaN;
  return (nc - nd) / denom;
}
