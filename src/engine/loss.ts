/** Training losses. */
import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from './params';

/**
 * Mean softmax cross-entropy with label smoothing ε spread over ALL K classes (the true class included):
 * target = (1 − ε)·onehot + ε/K, as TF/Keras and the AtomNAS code. `labels` are int32 class indices.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, labelSmoothing = 0): tf.Scalar {
  return tf.tidy(() => {
    const k = logits.shape[1];
    const onehot = tf.oneHot(tf.cast(labels, 'int32'), k).toFloat();
    const target = labelSmoothing > 0 ? tf.add(tf.mul(onehot, 1 - labelSmoothing), labelSmoothing / k) : onehot;
    // logSoftmax subtracts the max logit first, so large logits do not overflow exp().
    const logp = tf.logSoftmax(logits);
    return tf.neg(tf.mean(tf.sum(tf.mul(target, logp), 1))) as tf.Scalar;
  });
}

/**
 * L2 weight decay ½·wd·Σw² over conv/dense *weights* only (no BN γ/β, no biases, no running stats), so its gradient
 * is wd·w: the same as PyTorch's `weight_decay = wd` (the convention of the recipes' 4e-5).
 * `names` restricts it to the variables being trained (single-path methods must not decay weights off the path).
 */
export function l2WeightDecay(params: ParamStore, wd: number, names?: Iterable<string>): tf.Scalar {
  return tf.tidy(() => {
    const allowed = names ? new Set(names) : undefined;
    const weights = params.names((e) => e.role === 'weight' && (!allowed || allowed.has(e.name)));
    if (wd === 0 || weights.length === 0) return tf.scalar(0);
    const sums = weights.map((n) => tf.sum(tf.square(params.get(n))));
    // Pairwise adds: one addN over ~40 inputs exceeds WebGPU's per-stage storage-buffer limit (8 on SwiftShader).
    const total = sums.reduce((a, b) => tf.add(a, b));
    return tf.mul<tf.Scalar>(total, 0.5 * wd);
  });
}

/** Number of correct top-1 predictions in a batch, as an int32 scalar (read it back asynchronously). */
export function countCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum<tf.Scalar>(tf.cast(tf.equal(tf.argMax(logits, 1), tf.cast(labels, 'int32')), 'int32')));
}
