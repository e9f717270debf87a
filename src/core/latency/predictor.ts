/**
 * Latency predictor maths (pure, no tfjs): a small least-squares solver and the fit / held-out evaluation the profiler
 * reports (LATENCY.md, protocol step 4–5).
 *
 * Model: latency ≈ a·ΣLUT + b·#dispatches + c with a, b ≥ 0 (see `fitNonNegative`). ΣLUT alone under-predicts small
 * networks on GPUs because launch and submit overhead dominate; the dispatch term and the intercept absorb that. Baselines fitted and evaluated the same way:
 * MACs only (ms ≈ s·MACs + t) and #dispatches only; plus the raw ΣLUT (no fit) to show what the correction buys.
 */

import type { Rng } from '../rng';
import type { CellNetReport } from './cellNets';
import { shareWithin, rmspe } from './errors';
import { kendallTauB, spearman } from '../search/rank';

export class PredictorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PredictorError';
  }
}

/**
 * Solve the square system A·x = b by Gaussian elimination with partial pivoting.
 * Returns null when A is singular (a pivot below 1e-12 times the largest entry of A).
 */
export function solveLinearSystem(A: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = A.length;
  if (b.length !== n || A.some((row) => row.length !== n)) throw new RangeError('solveLinearSystem: shape mismatch');
  const M = A.map((row, i) => [...row, b[i]]);
  let scale = 0;
  for (const row of A) for (const v of row) scale = Math.max(scale, Math.abs(v));
  if (n === 0) return [];
  if (scale === 0 || !Number.isFinite(scale)) return null;
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r][col]) > Math.abs(M[p][col])) p = r;
    if (Math.abs(M[p][col]) <= 1e-12 * scale) return null;
    [M[col], M[p]] = [M[p], M[col]];
    for (let r = col + 1; r < n; r++) {
      const f = M[r][col] / M[col][col];
      if (f === 0) continue;
      for (let c = col; c <= n; c++) M[r][c] -= f * M[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let c = r + 1; c < n; c++) s -= M[r][c] * x[c];
    x[r] = s / M[r][r];
  }
  return x;
}

/** Result of `fitLinear`: y ≈ Σ coef[j]·x[j] + intercept. */
export interface LinearFit {
  coef: number[];
  intercept: number;
  /** Feature indices given coefficient 0 because they were constant or collinear with earlier features on the fit set. */
  dropped: number[];
}

/**
 * Ordinary least squares with an intercept via the normal equations on standardised columns.
 *
 * Guards: columns are centred and scaled first (MACs ~1e6 next to ms ~1 would make XᵀX ill-conditioned); a constant
 * column, or one whose residual after the previously kept columns is < 1e-9 of its variance (incremental Cholesky
 * pivot), is dropped with coefficient 0 instead of making the system singular. With fewer points than features the
 * surplus features are dropped the same way (centred data have rank ≤ n − 1).
 */
export function fitLinear(X: readonly (readonly number[])[], y: readonly number[]): LinearFit {
  const n = X.length;
  if (n === 0) throw new PredictorError('fitLinear: no data points to fit');
  if (y.length !== n) throw new RangeError('fitLinear: X and y lengths differ');
  const p = X[0].length;
  for (let i = 0; i < n; i++) {
    if (X[i].length !== p) throw new RangeError(`fitLinear: row ${i} has ${X[i].length} features, expected ${p}`);
    if (!X[i].every(Number.isFinite) || !Number.isFinite(y[i])) throw new PredictorError(`fitLinear: non-finite value in row ${i}`);
  }
  const ym = y.reduce((s, v) => s + v, 0) / n;
  const means: number[] = [];
  const sds: number[] = [];
  for (let j = 0; j < p; j++) {
    const m = X.reduce((s, r) => s + r[j], 0) / n;
    const v = X.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n;
    means.push(m);
    sds.push(Math.sqrt(v));
  }
  const z = (i: number, j: number): number => (X[i][j] - means[j]) / sds[j];
  const dot = (j: number, k: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += z(i, j) * z(i, k);
    return s;
  };
  // Incremental Cholesky of the Gram matrix of kept standardised columns; a tiny pivot means "collinear: drop".
  const kept: number[] = [];
  const dropped: number[] = [];
  const L: number[][] = [];
  for (let j = 0; j < p; j++) {
    if (!(sds[j] > 1e-12 * Math.max(1, Math.abs(means[j])))) {
      dropped.push(j);
      continue;
    }
    const g = kept.map((k) => dot(k, j));
    const l: number[] = [];
    for (let r = 0; r < kept.length; r++) {
      let s = g[r];
      for (let c = 0; c < r; c++) s -= L[r][c] * l[c];
      l.push(s / L[r][r]);
    }
    const gjj = dot(j, j);
    const d = gjj - l.reduce((s, v) => s + v * v, 0);
    if (d <= 1e-9 * gjj) {
      dropped.push(j);
      continue;
    }
    L.push([...l, Math.sqrt(d)]);
    kept.push(j);
  }
  const G = kept.map((j) => kept.map((k) => dot(j, k)));
  const rhs = kept.map((j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += z(i, j) * (y[i] - ym);
    return s;
  });
  const beta = solveLinearSystem(G, rhs);
  if (beta === null) throw new PredictorError('fitLinear: normal equations are singular after dropping collinear features');
  const coef = new Array<number>(p).fill(0);
  let intercept = ym;
  kept.forEach((j, r) => {
    coef[j] = beta[r] / sds[j];
    intercept -= coef[j] * means[j];
  });
  return { coef, intercept, dropped };
}

/** Evaluate a `LinearFit` at one feature vector. */
export function predictLinear(fit: LinearFit, x: readonly number[]): number {
  return fit.coef.reduce((s, c, j) => s + c * x[j], fit.intercept);
}

/** Straight-line fit y ≈ slope·x + intercept (slope 0 when x is constant). */
export function fitLine(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } {
  const f = fitLinear(xs.map((x) => [x]), ys);
  return { slope: f.coef[0], intercept: f.intercept };
}

/**
 * Least squares with non-negative coefficients (the intercept stays free), exact for a few features: every subset of
 * features is fitted and the feasible fit (all coefficients ≥ 0) with the smallest squared error wins. Physically a
 * millisecond of ΣLUT or one more dispatch never makes a network faster; with ~20 networks and two correlated
 * features an unconstrained fit can trade one against the other (e.g. a negative dispatch cost) and extrapolate badly.
 * Features left out of the winning subset are reported in `dropped`.
 */
export function fitNonNegative(X: readonly (readonly number[])[], y: readonly number[]): LinearFit {
  const p = X[0]?.length ?? 0;
  if (p > 8) throw new RangeError('fitNonNegative enumerates feature subsets: at most 8 features');
  let best: { fit: LinearFit; sse: number } | null = null;
  for (let mask = (1 << p) - 1; mask >= 0; mask--) {
    const cols = Array.from({ length: p }, (_, j) => j).filter((j) => mask & (1 << j));
    const sub = fitLinear(X.map((r) => cols.map((j) => r[j])), y);
    if (sub.coef.some((c) => c < 0)) continue;
    const coef = new Array<number>(p).fill(0);
    cols.forEach((j, r) => (coef[j] = sub.coef[r]));
    const fit: LinearFit = { coef, intercept: sub.intercept, dropped: Array.from({ length: p }, (_, j) => j).filter((j) => coef[j] === 0) };
    const sse = X.reduce((s, r, i) => s + (predictLinear(fit, r) - y[i]) ** 2, 0);
    // Prefer the larger model on ties (it is visited first).
    if (!best || sse < best.sse - 1e-12 * Math.max(1, best.sse)) best = { fit, sse };
  }
  // mask 0 (intercept only) is always feasible, so `best` is set whenever there is data.
  if (!best) throw new PredictorError('fitNonNegative: no data points to fit');
  return best.fit;
}

/** One network as the predictor sees it. */
export interface LatencySample {
  sumLutMs: number;
  dispatches: number;
  macs: number;
  measuredMs: number;
}

/** Coefficients of latency ≈ a·ΣLUT + b·#dispatches + c (ms). */
export interface LatencyModel {
  a: number;
  b: number;
  c: number;
  /** Features dropped as constant or collinear on the fit set ('sumLut' | 'dispatches'). */
  dropped: string[];
}

export function applyLatencyModel(m: Pick<LatencyModel, 'a' | 'b' | 'c'>, sumLutMs: number, dispatches: number): number {
  return m.a * sumLutMs + m.b * dispatches + m.c;
}

/** How well one predictor does on a set of networks. */
export interface PredictionMetrics {
  n: number;
  /** Share (0..1) within ±10 % of measured. */
  within10: number;
  /** Root mean squared percentage error, as a fraction. */
  rmspe: number;
  /** NaN when undefined (constant predictions, fewer than 2 networks). */
  spearman: number;
  kendall: number;
}

export function evaluatePredictions(pred: readonly number[], meas: readonly number[]): PredictionMetrics {
  return {
    n: meas.length,
    within10: shareWithin(pred, meas, 0.1),
    rmspe: rmspe(pred, meas),
    spearman: spearman(pred, meas),
    kendall: kendallTauB(pred, meas),
  };
}

export type PredictorName = 'predictor' | 'lutSum' | 'macs' | 'dispatches';

export interface PredictorRow {
  name: PredictorName;
  /** Human formula with the fitted numbers, e.g. "0.91·ΣLUT + 0.012·#disp + 0.3 ms". */
  formula: string;
  fit: PredictionMetrics;
  heldOut: PredictionMetrics;
}

export interface PredictorReport {
  nFit: number;
  nHeldOut: number;
  rows: PredictorRow[];
  /**
   * Cell networks (option `cells`), never fitted: the predictor with cells priced by their parts against the same plus
   * a per-cell term (core/latency/cellNets). Absent in profiles without cell networks.
   */
  cells?: CellNetReport;
}

/** Random disjoint split of 0..n−1 into `nHeldOut` held-out indices and the rest for fitting (seeded, sorted). */
export function splitFitHeldOut(n: number, nHeldOut: number, rng: Rng): { fit: number[]; heldOut: number[] } {
  if (!Number.isInteger(nHeldOut) || nHeldOut < 1 || nHeldOut >= n) {
    throw new PredictorError(`splitFitHeldOut: need 1 ≤ held-out (${nHeldOut}) < networks (${n})`);
  }
  const idx = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  return { heldOut: idx.slice(0, nHeldOut).sort((a, b) => a - b), fit: idx.slice(nHeldOut).sort((a, b) => a - b) };
}

function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v);
}

/** An intercept as the formula's last term: "+ 0.5" or "− 0.12" (never "+ -0.12"). */
export function interceptTerm(v: number): string {
  return Number.isFinite(v) && v < 0 ? `− ${fmt(-v)}` : `+ ${fmt(v)}`;
}

/**
 * Fit the predictor and the baselines on `fitIdx`, evaluate all of them on `fitIdx` and on `heldOutIdx`.
 * Returns the model and, for every sample, the main predictor's prediction (ms).
 */
export function fitAndEvaluate(
  samples: readonly LatencySample[],
  fitIdx: readonly number[],
  heldOutIdx: readonly number[],
): { model: LatencyModel; report: PredictorReport; predictedMs: number[] } {
  if (fitIdx.length < 3) throw new PredictorError(`need at least 3 networks to fit the predictor, got ${fitIdx.length}`);
  if (heldOutIdx.length < 1) throw new PredictorError('need at least 1 held-out network');
  const pick = (idx: readonly number[]): LatencySample[] => idx.map((i) => samples[i]);
  const fitSet = pick(fitIdx);
  const y = fitSet.map((s) => s.measuredMs);
  const full = fitNonNegative(fitSet.map((s) => [s.sumLutMs, s.dispatches]), y);
  const macsFit = fitLinear(fitSet.map((s) => [s.macs]), y);
  const dispFit = fitLinear(fitSet.map((s) => [s.dispatches]), y);
  const names = ['sumLut', 'dispatches'];
  const model: LatencyModel = { a: full.coef[0], b: full.coef[1], c: full.intercept, dropped: full.dropped.map((j) => names[j]) };
  const predictors: { name: PredictorName; formula: string; f: (s: LatencySample) => number }[] = [
    {
      name: 'predictor',
      formula: `${fmt(model.a)}·ΣLUT + ${fmt(model.b)}·#dispatches ${interceptTerm(model.c)} ms`,
      f: (s) => applyLatencyModel(model, s.sumLutMs, s.dispatches),
    },
    { name: 'lutSum', formula: 'ΣLUT (no fit)', f: (s) => s.sumLutMs },
    {
      name: 'macs',
      formula: `${fmt(macsFit.coef[0] * 1e6)} ms/MMAC·MACs ${interceptTerm(macsFit.intercept)} ms`,
      f: (s) => predictLinear(macsFit, [s.macs]),
    },
    {
      name: 'dispatches',
      formula: `${fmt(dispFit.coef[0])}·#dispatches ${interceptTerm(dispFit.intercept)} ms`,
      f: (s) => predictLinear(dispFit, [s.dispatches]),
    },
  ];
  const heldSet = pick(heldOutIdx);
  const rows: PredictorRow[] = predictors.map((p) => ({
    name: p.name,
    formula: p.formula,
    fit: evaluatePredictions(fitSet.map(p.f), y),
    heldOut: evaluatePredictions(heldSet.map(p.f), heldSet.map((s) => s.measuredMs)),
  }));
  return {
    model,
    report: { nFit: fitIdx.length, nHeldOut: heldOutIdx.length, rows },
    predictedMs: samples.map(predictors[0].f),
  };
}
