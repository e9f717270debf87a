/**
 * A trainable network built from an ArchSpec: the layers of the spec applied in order, variables in a ParamStore.
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec } from '../core/archspec';
import type { Rng } from '../core/rng';
import { applyLayer, createLayerParams, type BnStats, type ForwardContext } from './layers';
import { ParamStore } from './params';
import { constScalar as k, selectIf } from './scalars';

/** BN hyper-parameters. */
export interface NetworkOptions {
  /**
   * Running-statistics momentum m in running = m·running + (1 − m)·batch (the tfjs/Keras convention; default 0.9).
   * PyTorch's `momentum` is the weight of the *batch*: PyTorch 0.1 = 0.9 here, PyTorch 0.01 = tfjs 0.99.
   */
  bnMomentum?: number;
  /** ε added to the variance inside the square root of every BN (default 1e-5: PyTorch's, which the AtomNAS code uses). */
  bnEpsilon?: number;
}

/** Output of a forward pass. */
export interface ApplyResult {
  logits: tf.Tensor2D;
  /** Per-BN batch statistics (training mode only; empty in inference mode). */
  bnStats: BnStats;
}

/** Name prefix of layer `i`'s variables. */
export function layerPrefix(i: number): string {
  return `L${i}`;
}

/** A network: spec + named variables + forward pass. */
export class Network {
  /** Mutable: methods that reshape the network (AtomNAS shrinking) replace it together with the variables. */
  spec: ArchSpec;
  readonly params: ParamStore;
  readonly bnMomentum: number;
  readonly bnEpsilon: number;

  constructor(spec: ArchSpec, params: ParamStore, opts: NetworkOptions = {}) {
    this.spec = spec;
    this.params = params;
    this.bnMomentum = opts.bnMomentum ?? 0.9;
    this.bnEpsilon = opts.bnEpsilon ?? 1e-5;
  }

  /**
   * Forward pass on x: float32 NHWC in [0, 1]. Training mode normalises with batch statistics and returns them in
   * `bnStats`; those tensors are kept (they outlive a surrounding tf.tidy or gradient tape, for the running-stat update
   * after the step) and the caller must dispose them (disposeBnStats). Call inside tf.tidy or a gradient tape:
   * other intermediates are not disposed here.
   */
  apply(x: tf.Tensor4D, training: boolean): ApplyResult {
    const stats: BnStats = {};
    const ctx: ForwardContext = { params: this.params, training, bnEpsilon: this.bnEpsilon, stats: training ? stats : undefined };
    let h: tf.Tensor = x;
    this.spec.layers.forEach((layer, i) => {
      h = applyLayer(layer, layerPrefix(i), h, ctx);
    });
    if (h.rank !== 2) throw new Error(`Network "${this.spec.name}" does not end in a [batch, classes] output (rank ${h.rank})`);
    return { logits: h as tf.Tensor2D, bnStats: stats };
  }

  /** Inference-mode logits (running BN statistics). The caller owns the result; intermediates are freed. */
  predict(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => this.apply(x, false).logits);
  }

  /**
   * Fold batch statistics into the running ones: running = m·running + (1 − m)·batch.
   * The batch variance is Bessel-corrected (n / (n − 1)) first, as PyTorch does for running_var.
   * Does not dispose `stats`. With `ok` (a scalar bool tensor), the update is `ok ? new : old` on the device.
   */
  updateRunningStats(stats: BnStats, momentum = this.bnMomentum, ok?: tf.Tensor): void {
    tf.tidy(() => {
      for (const [prefix, s] of Object.entries(stats)) {
        const meanVar = this.params.get(`${prefix}.mean`);
        const varVar = this.params.get(`${prefix}.var`);
        // A 1-value batch (n = 1) has no variance estimate: keep the biased one (0) rather than divide by zero.
        const bessel = s.count > 1 ? s.count / (s.count - 1) : 1;
        // Cached scalars: a JS number here would be one upload per op on WebGPU (issue 15).
        const mean = tf.add(tf.mul(meanVar, k(momentum)), tf.mul(s.mean, k(1 - momentum)));
        const variance = tf.add(tf.mul(varVar, k(momentum)), tf.mul(s.variance, k((1 - momentum) * bessel)));
        meanVar.assign(ok ? selectIf(ok, mean, meanVar) : mean);
        varVar.assign(ok ? selectIf(ok, variance, varVar) : variance);
      }
    });
  }

  /** Free every variable. */
  dispose(): void {
    this.params.dispose();
  }
}

/**
 * Build the network of `spec` with fresh He-normal weights (γ = 1, β = 0, running mean 0, variance 1).
 * Each layer draws from its own fork of `rng` (`L{i}`), so changing one layer leaves the others' initial weights alone.
 */
export function buildNetwork(spec: ArchSpec, rng: Rng, opts: NetworkOptions = {}): Network {
  const params = new ParamStore();
  try {
    spec.layers.forEach((layer, i) => createLayerParams(layer, layerPrefix(i), params, rng.fork(layerPrefix(i))));
  } catch (e) {
    params.dispose();
    throw e;
  }
  return new Network(spec, params, opts);
}

/** Dispose every tensor held in a BnStats object. */
export function disposeBnStats(stats: BnStats): void {
  for (const s of Object.values(stats)) {
    s.mean.dispose();
    s.variance.dispose();
  }
}
