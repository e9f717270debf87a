/** The chain network in the engine: analytic MACs/params agree with the built and exported network; export reloads exactly. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { archCosts } from '../../../core/costs';
import { rngStream } from '../../../core/rng';
import { exportArtifacts } from '../../../engine/export';
import { buildNetwork, type Network } from '../../../engine/network';
import { liveTensors, useCpuBackend } from '../../../engine/testing';
import { chainArch, type ChainGenome, type ChainTask } from '../chain';

beforeAll(useCpuBackend);

const TASK: ChainTask = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10 };
/** Every op and kernel, reductions at 1 and 3 (L = 5), odd sizes after the tiny stem (14 → 7 → 4). */
const MIXED: ChainGenome = { C: 6, ops: ['s', 'c', 's', 'c', 's'], kernels: [5, 3, 3, 5, 5] };

/** Give every BN non-trivial statistics so the comparison exercises them. */
function randomiseBn(net: Network): void {
  const rng = rngStream(3, 'bn');
  for (const name of net.params.names((e) => e.role.startsWith('bn-'))) {
    const v = net.params.get(name);
    const role = net.params.entry(name).role;
    const t = tf.tensor(Float32Array.from({ length: v.size }, () => (role === 'bn-var' || role === 'bn-gamma' ? 0.5 + rng.next() : 0.3 * rng.normal())), v.shape);
    net.params.set(name, t);
    t.dispose();
  }
}

/** MACs counted from a Keras model's own layers (kernel shapes × output sizes). */
function kerasMacs(model: tf.LayersModel): number {
  let macs = 0;
  for (const l of model.layers) {
    const cls = l.getClassName();
    const out = l.outputShape as number[];
    const w = l.getWeights()[0] as tf.Tensor | undefined;
    if (!w) continue;
    const [k0 = 0, k1 = 0, k2 = 0, k3 = 0] = w.shape;
    const [, oh = 0, ow = 0] = out;
    if (cls === 'Conv2D') macs += k0 * k1 * k2 * k3 * oh * ow;
    else if (cls === 'DepthwiseConv2D') macs += k0 * k1 * k2 * oh * ow;
    else if (cls === 'Dense') macs += k0 * k1;
  }
  return macs;
}

describe('the Efficient Global NAS chain in the engine', () => {
  for (const [what, task] of [
    ['full stem', TASK],
    ['tiny stem', { ...TASK, stemStride: 2 }],
  ] as const) {
    it(`${what}: params and MACs agree with the built network and its export; the export reloads with max |Δlogit| ≤ 1e-4`, async () => {
      const before = liveTensors();
      const spec = chainArch(task, MIXED);
      const costs = archCosts(spec);
      const net = buildNetwork(spec, rngStream(5, 'init'));
      randomiseBn(net);
      const trainable = net.params.names((e) => e.role !== 'bn-mean' && e.role !== 'bn-var').reduce((s, n) => s + net.params.get(n).size, 0);
      expect(trainable).toBe(costs.params);
      const art = await exportArtifacts(net);
      const model = await tf.loadLayersModel(
        tf.io.fromMemory({ modelTopology: art.modelJson.modelTopology, weightSpecs: art.modelJson.weightsManifest[0].weights, weightData: art.weightData }),
      );
      expect(model.trainableWeights.reduce((s, w) => s + (w.shape as number[]).reduce((a, b) => a * b, 1), 0)).toBe(costs.params);
      expect(kerasMacs(model)).toBe(costs.macs);
      const x = tf.randomUniform<tf.Rank.R4>([64, 28, 28, 1], 0, 1, 'float32', 11);
      const a = net.predict(x);
      const b = model.predict(x) as tf.Tensor;
      const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
      expect((await d.data())[0]).toBeLessThanOrEqual(1e-4);
      tf.dispose([x, a, b, d]);
      model.dispose();
      net.dispose();
      expect(liveTensors()).toBe(before);
    });
  }
});
