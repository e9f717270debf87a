/**
 * Exponential moving average of a network's variables, kept as a second Network with its own ParamStore (same spec,
 * same names). Keyed by name, so a shrink slices it with exactly the code that slices the live network, and it can
 * be evaluated, recalibrated and exported like any network. BN running statistics are averaged too, so the average
 * network is usable as is; before an evaluation they are re-estimated anyway.
 */
import * as tf from '@tensorflow/tfjs';
import { Network } from '../../../engine/network';
import { ParamStore } from '../../../engine/params';

/** Clone of `net` (spec, variables, BN settings) in a fresh ParamStore. */
export function cloneNetwork(net: Network): Network {
  const params = new ParamStore();
  for (const name of net.params.names()) {
    const e = net.params.entry(name);
    const copy = tf.clone(e.variable);
    params.add(name, e.role, copy);
    copy.dispose();
  }
  return new Network(net.spec, params, { bnMomentum: net.bnMomentum, bnEpsilon: net.bnEpsilon });
}

/** EMA shadow of a live network: shadow ← d·shadow + (1 − d)·live, per variable name. */
export class WeightEma {
  readonly net: Network;

  constructor(
    live: Network,
    readonly decay: number,
  ) {
    if (!(decay > 0 && decay < 1)) throw new RangeError(`EMA decay must be in (0, 1), got ${decay}`);
    this.net = cloneNetwork(live);
  }

  /** One EMA update from the live network's current values (every variable of the shadow must exist in `live`). */
  update(live: Network): void {
    const d = this.decay;
    tf.tidy(() => {
      for (const name of this.net.params.names()) {
        const s = this.net.params.get(name);
        s.assign(tf.add(tf.mul(s, d), tf.mul(live.params.get(name), 1 - d)));
      }
    });
    this.net.spec = live.spec;
  }

  dispose(): void {
    this.net.dispose();
  }
}
