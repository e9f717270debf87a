/** A small saved run for tests (a valid tiny ArchSpec, a record, and a fake LayersModel manifest of 3 floats). */
import type { ArchSpec } from '../archspec';
import { buildRecord } from '../method/buildRecord';
import { finishedRun, type SavedRun } from './savedRun';

export const TEST_SPEC: ArchSpec = {
  version: 1,
  name: 'test',
  input: { height: 8, width: 8, channels: 1 },
  numClasses: 3,
  layers: [
    { type: 'conv', cin: 1, cout: 4, k: 3, stride: 2, relu: true },
    { type: 'gap' },
    { type: 'dense', cin: 4, cout: 3 },
  ],
};

/** A finished run with id `id` and weights [1, 2, 3]. */
export function testRun(id: string, method = 'random', testAccuracy = 0.9): SavedRun {
  const record = buildRecord({
    runId: id,
    method,
    label: method === 'train' ? 'Train' : 'Random search',
    card: {
      seed: 1, backend: 'cpu', adapter: 'test', tfjsVersion: '4.22.0',
      dataset: { name: 'mnist', source: 'builtin', files: [], n: 100, shape: [8, 8, 1], classes: 3 },
      split: { seed: 1, train: 80, val: 10, test: 10 }, settings: { epochs: 1 }, wallSeconds: 2, date: '2026-11-29T10:00:00.000Z',
    },
    archSpec: TEST_SPEC, valAccuracy: 0.8, testAccuracy, history: [{ epoch: 1, valAcc: 0.8 }], profile: null,
  });
  const modelJson = JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['model.weights.bin'], weights: [{ name: 'w', shape: [3], dtype: 'float32' }] }] });
  return finishedRun(record, { modelJson, weights: new Float32Array([1, 2, 3]).buffer }, '2026-11-29T10:00:01.000Z');
}
