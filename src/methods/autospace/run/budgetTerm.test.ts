import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { liveTensors, useCpuBackend } from '../../../engine/testing';
import { budgetPenalty, expectedCost } from '../cellCosts';
import { budgetTerm } from './budgetTerm';

/** d penalty / d α for one slot with α = `alpha` and cell costs `costs` (plus a second, fixed slot). */
function grads(alpha: number[], costs: number[], budget: number): { value: number; d: number[] } {
  return tf.tidy(() => {
    const a = tf.variable(tf.tensor1d(alpha));
    const { value, grads: g } = tf.variableGrads(() => budgetTerm([tf.softmax(a), tf.tensor1d([1])], [costs, [0.5]], 0.25, budget, 2), [a]);
    const out = { value: value.dataSync()[0], d: Array.from(g[a.name].dataSync()) };
    a.dispose();
    return out;
  });
}

describe('AutoSpace-style budget term', () => {
  beforeAll(useCpuBackend);

  it('over budget: the gradient pushes mixing weight off the dearer cell (descent lowers its α)', () => {
    const before = liveTensors();
    // E = 0.25 + 0.5 + (0.5·1 + 0.5·3) = 2.75 against a budget of 2 → penalty 2·(2.75/2 − 1) = 0.75.
    const r = grads([0, 0], [1, 3], 2);
    expect(r.value).toBeCloseTo(0.75, 5);
    expect(r.value).toBeCloseTo(budgetPenalty(expectedCost(0.25, [[1, 3], [0.5]], [[0.5, 0.5], [1]]), 2, 2), 6);
    expect(r.d[1]).toBeGreaterThan(0); // dear cell: positive gradient, so SGD lowers its α
    expect(r.d[0]).toBeLessThan(0);
    // Analytic: μ/budget · w_i (c_i − Σ w c) = 1 · 0.5 · (3 − 2) = 0.5.
    expect(r.d[1]).toBeCloseTo(0.5, 5);
    // One descent step moves weight to the cheap cell.
    const w = tf.tidy(() => Array.from(tf.softmax(tf.tensor1d([0 - 0.1 * r.d[0], 0 - 0.1 * r.d[1]])).dataSync()));
    expect(w[0]).toBeGreaterThan(0.5);
    expect(liveTensors()).toBe(before);
  });

  it('under budget: zero penalty and zero gradient', () => {
    const r = grads([0.3, -0.2], [1, 3], 10);
    expect(r.value).toBe(0);
    expect(r.d.every((v) => v === 0)).toBe(true);
  });
});
