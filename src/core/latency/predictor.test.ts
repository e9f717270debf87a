import { describe, expect, it } from 'vitest';
import { rngStream } from '../rng';
import {
  PredictorError, fitAndEvaluate, fitLine, fitLinear, fitNonNegative, interceptTerm, predictLinear, solveLinearSystem, splitFitHeldOut, type LatencySample,
} from './predictor';

describe('solveLinearSystem', () => {
  it('solves a 3×3 system needing a row swap', () => {
    const x = solveLinearSystem([[0, 1, 1], [2, 0, 1], [1, 1, 0]], [5, 5, 3]);
    expect(x).not.toBeNull();
    // 2x + z = 5, y + z = 5, x + y = 3 → x = 1, y = 2, z = 3
    x!.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i], 12));
  });
  it('returns null for a singular matrix', () => {
    expect(solveLinearSystem([[1, 2], [2, 4]], [1, 2])).toBeNull();
    expect(solveLinearSystem([[0, 0], [0, 0]], [0, 0])).toBeNull();
  });
});

describe('fitLinear', () => {
  it('hand-computed line: x=[0,1,2,3], y=[1,3,2,5] → slope 1.1, intercept 1.1', () => {
    const f = fitLine([0, 1, 2, 3], [1, 3, 2, 5]);
    expect(f.slope).toBeCloseTo(1.1, 12);
    expect(f.intercept).toBeCloseTo(1.1, 12);
  });
  it('recovers exact coefficients on badly scaled features (MACs ~1e6 next to ms)', () => {
    const X = [[1e6, 3], [2e6, 1], [3e6, 4], [5e6, 2], [4e6, 7]];
    const y = X.map(([a, b]) => 2e-6 * a + 0.5 * b + 1);
    const f = fitLinear(X, y);
    expect(f.coef[0]).toBeCloseTo(2e-6, 15);
    expect(f.coef[1]).toBeCloseTo(0.5, 10);
    expect(f.intercept).toBeCloseTo(1, 9);
    expect(f.dropped).toEqual([]);
    expect(predictLinear(f, [1e6, 1])).toBeCloseTo(3.5, 9);
  });
  it('drops a constant column and a collinear one instead of failing', () => {
    const X = [[1, 5, 2], [2, 5, 4], [3, 5, 6], [4, 5, 8]];
    const y = [3, 5, 7, 9]; // 2x + 1
    const f = fitLinear(X, y);
    expect(f.dropped).toEqual([1, 2]);
    expect(f.coef).toEqual([expect.closeTo(2, 10), 0, 0]);
    expect(f.intercept).toBeCloseTo(1, 10);
  });
  it('one point: intercept only; no points: error', () => {
    expect(fitLinear([[3]], [7])).toEqual({ coef: [0], intercept: 7, dropped: [0] });
    expect(() => fitLinear([], [])).toThrow(PredictorError);
    expect(() => fitLinear([[1], [NaN]], [1, 2])).toThrow(/non-finite/);
  });
});

describe('fitNonNegative', () => {
  it('keeps an unconstrained fit whose coefficients are already ≥ 0', () => {
    const X = [[1, 3], [2, 1], [3, 4], [5, 2], [4, 7]];
    const y = X.map(([a, b]) => 2 * a + 0.5 * b + 1);
    const f = fitNonNegative(X, y);
    expect(f.coef[0]).toBeCloseTo(2, 10);
    expect(f.coef[1]).toBeCloseTo(0.5, 10);
    expect(f.dropped).toEqual([]);
  });
  it('drops a feature whose free coefficient would be negative and refits the rest', () => {
    // y = 2·x0 − 1·x1 exactly: the best non-negative model is y ≈ s·x0 + t (least squares on x0 alone).
    const X = [[1, 0], [2, 1], [3, 0], [4, 2], [5, 1]];
    const y = X.map(([a, b]) => 2 * a - b);
    const f = fitNonNegative(X, y);
    const line = fitLine(X.map((r) => r[0]), y);
    expect(f.coef[1]).toBe(0);
    expect(f.dropped).toEqual([1]);
    expect(f.coef[0]).toBeCloseTo(line.slope, 10);
    expect(f.intercept).toBeCloseTo(line.intercept, 10);
  });
  it('falls back to the mean when every feature has a negative slope', () => {
    const f = fitNonNegative([[1], [2], [3]], [3, 2, 1]);
    expect(f).toEqual({ coef: [0], intercept: 2, dropped: [0] });
  });
});

describe('fitAndEvaluate', () => {
  // Synthetic device: latency = 0.9·ΣLUT + 0.02·#dispatches + 0.5, MACs only loosely related.
  const samples: LatencySample[] = Array.from({ length: 12 }, (_, i) => {
    const sumLutMs = 1 + ((i * 7) % 12) * 0.4;
    const dispatches = 40 + ((i * 5) % 12) * 6;
    return { sumLutMs, dispatches, macs: 1e5 * (1 + ((i * 11) % 12)), measuredMs: 0.9 * sumLutMs + 0.02 * dispatches + 0.5 };
  });
  const { fit, heldOut } = splitFitHeldOut(samples.length, 4, rngStream(7, 'split'));

  it('recovers the synthetic model and is exact on held-out networks', () => {
    const r = fitAndEvaluate(samples, fit, heldOut);
    expect(r.model.a).toBeCloseTo(0.9, 9);
    expect(r.model.b).toBeCloseTo(0.02, 9);
    expect(r.model.c).toBeCloseTo(0.5, 9);
    const main = r.report.rows.find((x) => x.name === 'predictor')!;
    expect(main.heldOut).toMatchObject({ n: 4, within10: 1 });
    expect(main.heldOut.rmspe).toBeLessThan(1e-9);
    expect(main.heldOut.spearman).toBeCloseTo(1, 9);
    expect(r.report.rows.map((x) => x.name)).toEqual(['predictor', 'lutSum', 'macs', 'dispatches']);
    expect(r.predictedMs).toHaveLength(12);
    expect(r.report.rows[0].formula).toBe('0.9·ΣLUT + 0.02·#dispatches + 0.5 ms');
  });
  it('writes a negative intercept as a subtraction, never "+ -x"', () => {
    expect(interceptTerm(-0.1234)).toBe('− 0.123');
    expect(interceptTerm(0.0882)).toBe('+ 0.0882');
    expect(interceptTerm(0)).toBe('+ 0');
    const shifted = samples.map((x) => ({ ...x, measuredMs: 0.05 * x.dispatches - 0.7 }));
    const r = fitAndEvaluate(shifted, fit, heldOut);
    expect(r.report.rows.find((x) => x.name === 'dispatches')!.formula).toBe('0.05·#dispatches − 0.7 ms');
  });
  it('the raw ΣLUT under-predicts (it misses launch overhead) and MACs rank worse than the predictor', () => {
    const r = fitAndEvaluate(samples, fit, heldOut);
    const row = (n: string) => r.report.rows.find((x) => x.name === n)!;
    expect(row('lutSum').heldOut.rmspe).toBeGreaterThan(0.1);
    expect(row('macs').heldOut.rmspe).toBeGreaterThan(row('predictor').heldOut.rmspe);
  });
  it('split is seeded, disjoint and complete; bad sizes throw', () => {
    const a = splitFitHeldOut(30, 10, rngStream(1, 'split'));
    const b = splitFitHeldOut(30, 10, rngStream(1, 'split'));
    expect(a).toEqual(b);
    expect(new Set([...a.fit, ...a.heldOut]).size).toBe(30);
    expect(a.heldOut).toHaveLength(10);
    expect(() => splitFitHeldOut(5, 5, rngStream(1, 's'))).toThrow(PredictorError);
    expect(() => fitAndEvaluate(samples, [0, 1], [2])).toThrow(/at least 3/);
  });
});
