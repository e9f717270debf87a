import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchSpec } from '../core/archspec';
import { rngStream } from '../core/rng';
import { genotypeSpec } from '../core/space/singlePath';
import { checkExport, exportArtifacts } from './export';
import { buildNetwork, type Network } from './network';
import { CELL_GENOTYPE, tinySpec, useCpuBackend } from './testing';

beforeAll(useCpuBackend);

/** Give every BN non-trivial γ, β and running statistics so that the comparison exercises them. */
function randomiseBn(net: Network): void {
  const rng = rngStream(9, 'bn');
  for (const name of net.params.names((e) => e.role.startsWith('bn-') || e.role === 'dense-bias')) {
    const v = net.params.get(name);
    const role = net.params.entry(name).role;
    const vals = Float32Array.from({ length: v.size }, () =>
      role === 'bn-var' ? 0.5 + rng.next() : role === 'bn-gamma' ? 0.5 + rng.next() : rng.normal() * 0.3,
    );
    const t = tf.tensor(vals, v.shape);
    net.params.set(name, t);
    t.dispose();
  }
}

async function roundTrip(spec: ArchSpec): Promise<number> {
  const net = buildNetwork(spec, rngStream(5, 'init'));
  randomiseBn(net);
  const art = await exportArtifacts(net);
  expect(art.modelJson.weightsManifest[0].paths).toEqual(['model.weights.bin']);
  expect(art.archSpec).toEqual(spec);
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: art.modelJson.modelTopology, weightSpecs: art.modelJson.weightsManifest[0].weights, weightData: art.weightData }),
  );
  const { height, width, channels } = spec.input;
  const x = tf.randomUniform<tf.Rank.R4>([100, height, width, channels]);
  const a = net.predict(x);
  const b = model.predict(x) as tf.Tensor;
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const diff = (await d.data())[0];
  tf.dispose([x, a, b, d]);
  model.dispose();
  net.dispose();
  return diff;
}

describe('exportArtifacts', () => {
  it('round-trips through tf.loadLayersModel with the same predictions (every layer type, k3+k5+k7 MB)', async () => {
    const before = tf.memory().numTensors;
    expect(await roundTrip(tinySpec())).toBeLessThanOrEqual(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('exports an expand:false multi-branch MB exactly (merged depthwise kernel), also strided', async () => {
    const base = tinySpec();
    for (const stride of [1, 2]) {
      const spec: ArchSpec = {
        ...base,
        input: { height: 7, width: 7, channels: 1 },
        layers: [
          { type: 'conv', cin: 1, cout: 5, k: 3, stride: 1, relu: true },
          { type: 'mb', cin: 5, cout: 5, stride, branches: [{ k: 3, hidden: 2 }, { k: 7, hidden: 3 }], residual: stride === 1, expand: false },
          { type: 'gap' },
          { type: 'dense', cin: 5, cout: 4 },
        ],
      };
      expect(await roundTrip(spec)).toBeLessThanOrEqual(1e-4);
    }
  });
});

describe('exportArtifacts with cells', () => {
  it('round-trips a skeleton with a cell in every slot (stride-2 slots, multi-edge DAGs, 3-input sums, identities)', async () => {
    const before = tf.memory().numTensors;
    const spec = genotypeSpec([...CELL_GENOTYPE], { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 0.5, tiny: true });
    expect(await roundTrip(spec)).toBeLessThanOrEqual(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips cells at odd sizes with stride 2 and an identity-only inner path', async () => {
    const spec: ArchSpec = {
      ...tinySpec(),
      input: { height: 7, width: 7, channels: 1 },
      layers: [
        { type: 'conv', cin: 1, cout: 3, k: 3, stride: 1, relu: true },
        { type: 'cell', cin: 3, cout: 5, stride: 2, hidden: 6, edges: ['dw7', 'pw', 'dw3', 'id', 'pw', 'id'], residual: false },
        { type: 'cell', cin: 5, cout: 5, stride: 1, hidden: 10, edges: ['id', 'zero', 'zero', 'zero', 'id', 'zero'], residual: true },
        { type: 'gap' },
        { type: 'dense', cin: 5, cout: 4 },
      ],
    };
    expect(await roundTrip(spec)).toBeLessThanOrEqual(1e-4);
  });
});

describe('checkExport', () => {
  it('reports ~0 for faithful files and catches files whose weights were altered', async () => {
    const spec = tinySpec();
    const net = buildNetwork(spec, rngStream(5, 'init'));
    randomiseBn(net);
    const art = await exportArtifacts(net);
    const { height, width, channels } = spec.input;
    const x = tf.randomUniform<tf.Rank.R4>([100, height, width, channels], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const good = await checkExport(net, art, x, 'random inputs');
    expect(good).toMatchObject({ images: 100, source: 'random inputs' });
    expect(good.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(tf.memory().numTensors).toBe(before);

    // Nudge the first weight of the file (the stem conv kernel): the check must see it.
    const bytes = new Float32Array(art.weightData.slice(0));
    bytes[0] += 0.5;
    const bad = await checkExport(net, { ...art, weightData: bytes.buffer }, x, 'random inputs');
    expect(bad.maxAbsDiff).toBeGreaterThan(1e-3);
    x.dispose();
    net.dispose();
  });
});
