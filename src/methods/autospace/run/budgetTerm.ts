/**
 * The budget term of the AutoSpace-style loss, differentiable in α: μ · max(0, E[cost]/budget − 1) with
 * E[cost] = fixed + Σ_slots Σ_picks softmax(α)_i · cost_i (cellCosts.ts has the same formula on plain numbers).
 */
import * as tf from '@tensorflow/tfjs';

/** `weights[j]` = softmax(α) of slot j's picks, `costs[j]` their costs (same order). Call inside a tape to differentiate. */
export function budgetTerm(weights: readonly tf.Tensor1D[], costs: readonly (readonly number[])[], fixed: number, budget: number, mu: number): tf.Scalar {
  return tf.tidy(() => {
    let expected: tf.Scalar = tf.scalar(fixed);
    weights.forEach((w, j) => {
      expected = tf.add(expected, tf.sum(tf.mul(w, tf.tensor1d(costs[j].slice()))));
    });
    return tf.mul(tf.relu(tf.sub(tf.div(expected, budget), 1)), mu);
  });
}
