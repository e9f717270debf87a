/** Pure helpers for the AtomNAS charts (no d3, no DOM): γ histogram bins and log-scale clamping. */

/** Smallest |γ| drawn on log axes; exact zeros (the proximal step makes many) are drawn at this floor. */
export const GAMMA_FLOOR = 1e-5;

/** log10(max(|γ|, floor)). */
export function logAbs(g: number, floor = GAMMA_FLOOR): number {
  return Math.log10(Math.max(Math.abs(g), floor));
}

export interface GammaHistogram {
  /** Left edges in log10 units; bin i covers [edges[i], edges[i] + width). */
  edges: number[];
  width: number;
  /** counts[kernelIndex][bin]. */
  counts: number[][];
  /** Atoms with γ exactly 0 (included in the first bin). */
  zeros: number;
  /** Atoms not drawn: NaN γ or a kernel not in the list. */
  skipped: number;
}

/**
 * Histogram of log10|γ| over [lo, hi) in `bins` bins, stacked by kernel size. Values below lo (zeros included) fall
 * into the first bin, values at or above hi into the last, so every atom is counted once.
 */
export function gammaHistogram(
  gamma: ArrayLike<number>,
  kernelOf: ArrayLike<number>,
  kernels: readonly number[],
  lo = Math.log10(GAMMA_FLOOR),
  hi = 1,
  bins = 36,
): GammaHistogram {
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins }, (_, i) => lo + i * width);
  const counts = kernels.map(() => new Array<number>(bins).fill(0));
  let zeros = 0;
  let skipped = 0;
  for (let i = 0; i < gamma.length; i++) {
    const g = gamma[i];
    const ki = kernels.indexOf(kernelOf[i]);
    if (!Number.isFinite(g) || ki < 0) {
      skipped++;
      continue;
    }
    if (g === 0) zeros++;
    const v = Math.log10(Math.abs(g));
    const b = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
    counts[ki][b]++;
  }
  return { edges, width, counts, zeros, skipped };
}

/** A stable signature of per-block counts, so bars only re-animate when atoms actually died. */
export function countsSignature(blocks: readonly { slot: number; counts: readonly number[] }[]): string {
  return blocks.map((b) => `${b.slot}:${b.counts.join(',')}`).join('|');
}
