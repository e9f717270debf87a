import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchSpec } from '../core/archspec';
import { rngStream } from '../core/rng';
import { makeBatch, type Batch } from './batches';
import { recalibrateBn } from './bnRecalibrate';
import { buildNetwork } from './network';
import { syntheticData, tinySpec, useCpuBackend, liveTensors } from './testing';

beforeAll(useCpuBackend);

describe('recalibrateBn', () => {
  it('sets running stats to the cumulative average of batch statistics', async () => {
    const spec: ArchSpec = { ...tinySpec(), layers: [{ type: 'conv', cin: 1, cout: 3, k: 3, stride: 1, relu: true }, { type: 'gap' }] };
    const net = buildNetwork(spec, rngStream(1, 'init'));
    const { dataset, split } = syntheticData(40);
    const order = Array.from(split.train);
    const batches: Batch[] = [0, 1, 2].map((b) => makeBatch(dataset, order, b * 6, b * 6 + 6));
    // Expected: mean over batches of per-batch moments of conv(x) (n = 6·8·8 per channel, variance Bessel-corrected).
    const n = 6 * 64;
    const expMean = [0, 0, 0];
    const expVar = [0, 0, 0];
    for (const b of batches) {
      const { mean, variance } = tf.tidy(() => tf.moments(tf.conv2d(b.x, net.params.get('L0.w') as tf.Tensor4D, 1, 'same'), [0, 1, 2]));
      const m = await mean.data();
      const v = await variance.data();
      for (let c = 0; c < 3; c++) {
        expMean[c] += m[c] / 3;
        expVar[c] += (v[c] * n) / (n - 1) / 3;
      }
      tf.dispose([mean, variance]);
    }
    const before = liveTensors();
    const used = recalibrateBn(net, batches, 10); // asks for 10, only 3 exist
    expect(used).toBe(3);
    expect(liveTensors()).toBe(before - 6); // the three batches were consumed and disposed
    const mean = await net.params.get('L0.bn.mean').data();
    const vr = await net.params.get('L0.bn.var').data();
    for (let c = 0; c < 3; c++) {
      expect(mean[c]).toBeCloseTo(expMean[c], 5);
      expect(vr[c]).toBeCloseTo(expVar[c], 5);
    }
    net.dispose();
  });
});
