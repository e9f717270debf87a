/**
 * Re-estimate BN running statistics from training batches (SPOS / AtomNAS practice before evaluating a subnet or a
 * pruned network: statistics accumulated for other paths or wider layers do not describe this one).
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from './batches';
import { disposeBatch } from './batches';
import type { BnStats } from './layers';
import { disposeBnStats, type ApplyResult, type Network } from './network';

/** Forward function used for recalibration (defaults to the whole network; single-path methods pass a sampled path). */
export type ForwardFn = (net: Network, x: tf.Tensor4D, training: boolean) => ApplyResult;

/**
 * Run up to `nBatches` training-mode forward passes and set every BN's running mean / variance to the *cumulative
 * average* of the batch statistics (PyTorch `momentum=None`), not a momentum update: each batch weighs the same, and
 * nothing from before is kept. Variances are Bessel-corrected like the running update. Only BNs that ran are touched.
 * Disposes the batches it consumes. Returns the number of batches used.
 */
export function recalibrateBn(
  net: Network,
  batches: Iterator<Batch> | Iterable<Batch>,
  nBatches: number,
  forward: ForwardFn = (n, x, t) => n.apply(x, t),
): number {
  const it: Iterator<Batch> = Symbol.iterator in batches ? batches[Symbol.iterator]() : batches;
  const sums = new Map<string, { mean: tf.Tensor; variance: tf.Tensor }>();
  let used = 0;
  try {
    while (used < nBatches) {
      const r = it.next();
      if (r.done) break;
      const batch = r.value;
      try {
        tf.tidy(() => {
          const stats: BnStats = forward(net, batch.x, true).bnStats;
          for (const [prefix, s] of Object.entries(stats)) {
            const bessel = s.count > 1 ? s.count / (s.count - 1) : 1;
            const prev = sums.get(prefix);
            const mean = prev ? tf.add(prev.mean, s.mean) : tf.clone(s.mean);
            const variance = prev ? tf.add(prev.variance, tf.mul(s.variance, bessel)) : tf.mul(s.variance, bessel);
            if (prev) {
              prev.mean.dispose();
              prev.variance.dispose();
            }
            sums.set(prefix, { mean: tf.keep(mean), variance: tf.keep(variance) });
          }
          disposeBnStats(stats);
        });
      } finally {
        disposeBatch(batch);
      }
      used++;
    }
    if (used > 0) {
      tf.tidy(() => {
        for (const [prefix, s] of sums) {
          net.params.get(`${prefix}.mean`).assign(tf.div(s.mean, used));
          net.params.get(`${prefix}.var`).assign(tf.div(s.variance, used));
        }
      });
    }
  } finally {
    for (const s of sums.values()) {
      s.mean.dispose();
      s.variance.dispose();
    }
  }
  return used;
}
