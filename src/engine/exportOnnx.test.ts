/**
 * The ONNX exporter (core/export/onnx.ts) against the engine: the exported file is loaded by onnxruntime-web in Node
 * (WebAssembly, from node_modules) and must give the network's logits to ≤ 1e-4 on 100 inputs, for every layer type.
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchSpec, CellLayer } from '../core/archspec';
import { ONNX_OPSET, toOnnx } from '../core/export/onnx';
import { rngStream } from '../core/rng';
import { genotypeSpec } from '../core/space/singlePath';
import { exportArtifacts } from './export';
import { buildNetwork, type Network } from './network';
import { CELL_GENOTYPE, cellTinySpec, tinySpec, useCpuBackend } from './testing';

beforeAll(async () => {
  await useCpuBackend();
  ort.env.wasm.numThreads = 1;
});

/** Non-trivial BN statistics so that the comparison exercises them. */
function randomiseBn(net: Network): void {
  const rng = rngStream(3, 'bn');
  for (const name of net.params.names((e) => e.role.startsWith('bn-') || e.role === 'dense-bias')) {
    const v = net.params.get(name);
    const role = net.params.entry(name).role;
    const vals = Float32Array.from({ length: v.size }, () => (role === 'bn-var' || role === 'bn-gamma' ? 0.5 + rng.next() : rng.normal() * 0.3));
    const t = tf.tensor(vals, v.shape);
    net.params.set(name, t);
    t.dispose();
  }
}

async function maxDiff(spec: ArchSpec): Promise<number> {
  return (await maxDiffScaled(spec)).diff;
}

/** Largest |engine − onnxruntime| logit difference, and the largest |logit| (the scale float32 rounding works at). */
async function maxDiffScaled(spec: ArchSpec): Promise<{ diff: number; scale: number }> {
  const net = buildNetwork(spec, rngStream(7, 'init'));
  randomiseBn(net);
  const a = await exportArtifacts(net);
  const bytes = toOnnx(a.modelJson, a.weightData);
  const session = await ort.InferenceSession.create(bytes);
  const { height, width, channels } = spec.input;
  const x = tf.randomUniform<tf.Rank.R4>([100, height, width, channels], 0, 1, 'float32', 11);
  const want = net.predict(x);
  const xs = await x.data();
  const got = await session.run({ image: new ort.Tensor('float32', Float32Array.from(xs), [100, height, width, channels]) });
  const out = got.logits;
  expect(out.dims).toEqual([100, spec.numClasses]);
  const w = await want.data();
  const g = out.data as Float32Array;
  let m = 0;
  let scale = 0;
  for (let i = 0; i < w.length; i++) {
    m = Math.max(m, Math.abs(w[i] - g[i]));
    scale = Math.max(scale, Math.abs(w[i]));
  }
  tf.dispose([x, want]);
  net.dispose();
  await session.release();
  return { diff: m, scale };
}

describe('ONNX export (opset ' + String(ONNX_OPSET) + ')', () => {
  it('agrees with the engine to ≤ 1e-4 on 100 inputs (conv, MB with 1–3 branches, expand:false, sepconv, chainconv, skip, gap, dense)', async () => {
    expect(await maxDiff(tinySpec())).toBeLessThanOrEqual(1e-4);
  });

  it('agrees on cells to ≤ 1e-4: each cell of cellTinySpec alone (every edge op, stride 2 at odd sizes, multi-edge DAGs, 3-input sums as Sum, identities)', async () => {
    const base = cellTinySpec();
    const cells = base.layers.filter((l): l is CellLayer => l.type === 'cell');
    expect(cells).toHaveLength(6);
    for (const l of cells) {
      const spec: ArchSpec = { ...base, layers: [{ type: 'conv', cin: 1, cout: l.cin, k: 3, stride: 1, relu: true }, l, { type: 'gap' }, { type: 'dense', cin: l.cout, cout: 4 }] };
      expect(await maxDiff(spec), l.edges.join(',')).toBeLessThanOrEqual(1e-4);
    }
  });

  it('agrees on whole cell networks to float32 precision (|Δ| ≤ 2e-6 of the largest logit)', async () => {
    // Random BN statistics through 6–7 stacked cells give logits of several hundred, so the bound scales with them
    // (each cell alone above: |Δ| ~1e-6 at logits ~5; float32 rounding is ~6e-8 relative per operation).
    for (const spec of [cellTinySpec(), genotypeSpec([...CELL_GENOTYPE], { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 0.5, tiny: true })]) {
      const { diff, scale } = await maxDiffScaled(spec);
      expect(diff, spec.name).toBeLessThanOrEqual(2e-6 * Math.max(1, scale));
    }
  });

  it('handles odd sizes with stride 2 (TF same padding: the extra pixel at the end) and a dense layer without GAP', async () => {
    const spec: ArchSpec = {
      version: 1,
      name: 'odd',
      input: { height: 7, width: 7, channels: 2 },
      numClasses: 3,
      layers: [
        { type: 'conv', cin: 2, cout: 4, k: 3, stride: 2, relu: true },
        { type: 'mb', cin: 4, cout: 4, stride: 2, branches: [{ k: 3, hidden: 2 }, { k: 5, hidden: 2 }], residual: false, expand: false },
        { type: 'dense', cin: 16, cout: 3 },
      ],
    };
    expect(await maxDiff(spec)).toBeLessThanOrEqual(1e-4);
  });
});
