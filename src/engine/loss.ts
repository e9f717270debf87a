/** Training losses. */
import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from './params';
import { constScalar as k } from './scalars';

/**
 * Mean softmax cross-entropy with label smoothing ε spread over ALL K classes (the true class included):
 * target = (1 − ε)·onehot + ε/K, as TF/Keras and the AtomNAS code. `labels` are int32 class indices.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, labelSmoothing = 0): tf.Scalar {
  return tf.tidy(() => {
    const nc = logits.shape[1];
    const onehot = tf.oneHot(tf.cast(labels, 'int32'), nc).toFloat();
    const target = labelSmoothing > 0 ? tf.add(tf.mul(onehot, k(1 - labelSmoothing)), k(labelSmoothing / nc)) : onehot;
    const b = logits.shape[0];
    // Explicit gradient (softmax − target)/B: tf.mean's and tf.sum's own gradients upload a fresh ones tensor and a
    // scalar per step on WebGPU (issue 15). Every target row sums to 1, which is what makes this the gradient.
    const ce = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [z, tgt] = args as tf.Tensor[];
      const save = args[2] as tf.GradSaveFunc;
      // logSoftmax subtracts the max logit first, so large logits do not overflow exp().
      const logp = tf.logSoftmax(z);
      save([logp, tgt]);
      const value = tf.neg(tf.div(tf.sum(tf.mul(tgt, logp)), k(b))) as tf.Scalar;
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
        const [lp, t] = saved;
        return [tf.mul(tf.sub(tf.exp(lp), t), tf.div(dy, k(b))), tf.zerosLike(t)];
      };
      return { value, gradFunc };
    });
    return ce(logits, target);
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
    const vars = weights.map((n) => params.get(n));
    // Explicit gradient wd·w: the gradients of tf.square and tf.sum upload a scalar 2 and a ones tensor of the
    // weight's size per weight and step on WebGPU (issue 15).
    const decay = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const ws = args.slice(0, vars.length) as tf.Tensor[];
      const sums = ws.map((w) => tf.sum(tf.mul(w, w)));
      // Pairwise adds: one addN over ~40 inputs exceeds WebGPU's per-stage storage-buffer limit (8 on SwiftShader).
      const total = sums.reduce((a, b) => tf.add(a, b));
      const value = tf.mul<tf.Scalar>(total, k(0.5 * wd));
      const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
        const f = tf.mul(dy, k(wd));
        return ws.map((w) => tf.mul(w, f));
      };
      return { value, gradFunc };
    });
    return decay(...vars);
  });
}

/** Number of correct top-1 predictions in a batch, as an int32 scalar (read it back asynchronously). */
export function countCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum<tf.Scalar>(tf.cast(tf.equal(tf.argMax(logits, 1), tf.cast(labels, 'int32')), 'int32')));
}
