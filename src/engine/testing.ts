/**
 * Small fixtures for the engine's unit tests (and for methods' tests): a tiny ArchSpec covering every layer type and a
 * learnable synthetic dataset. Not used by the app.
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec } from '../core/archspec';
import { installFastCpuKernels } from './cpuKernels';
import { constScalarCount } from './scalars';
import { rngStream } from '../core/rng';
import { cellLayer, parseCell } from '../core/space/cell';
import type { Dataset, DataSplit } from '../data/dataset';

/** Use the CPU backend (tests run in Node) with the fast filter-gradient kernels. */
export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  installFastCpuKernels();
  await tf.ready();
}

/** Live tensors other than the engine's cached constants (scalars.ts: created once on first use, never a leak). */
export function liveTensors(): number {
  return tf.memory().numTensors - constScalarCount();
}

/**
 * 8×8×1 input, 4 classes: stem conv, MB with expand:false, multi-branch MB (k3+k5+k7) with residual, strided MB,
 * sepconv, chainconv, skip, 1×1 head, gap, dense.
 */
export function tinySpec(numClasses = 4, size = 8): ArchSpec {
  return {
    version: 1,
    name: 'tiny test net',
    input: { height: size, width: size, channels: 1 },
    numClasses,
    layers: [
      { type: 'conv', cin: 1, cout: 4, k: 3, stride: 1, relu: true },
      { type: 'mb', cin: 4, cout: 4, stride: 1, branches: [{ k: 3, hidden: 4 }], residual: true, expand: false },
      { type: 'mb', cin: 4, cout: 4, stride: 1, branches: [{ k: 3, hidden: 3 }, { k: 5, hidden: 2 }, { k: 7, hidden: 1 }], residual: true },
      { type: 'mb', cin: 4, cout: 6, stride: 2, branches: [{ k: 3, hidden: 6 }, { k: 5, hidden: 3 }], residual: false },
      { type: 'sepconv', cin: 6, cout: 6, k: 3, stride: 1 },
      { type: 'chainconv', cin: 6, cout: 8, k: 3, stride: 2 },
      { type: 'skip', cin: 8, cout: 8 },
      { type: 'conv', cin: 8, cout: 16, k: 1, stride: 1, relu: true },
      { type: 'gap' },
      { type: 'dense', cin: 16, cout: numClasses },
    ],
  };
}

/**
 * A cell name for every slot of the shared skeleton, valid per stride (slots 0, 2, 6 have stride 2): a single edge,
 * multi-edge DAGs, 3-input node sums, identities (incl. two paths of one tensor into a node), every edge op.
 */
export const CELL_GENOTYPE: readonly string[] = ['c3-zz3zzz', 'c4-3p5zzi', 'c2-p7zz5p', 'c6-i3z353', 'c3-pppppp', 'c2-ii5iii', 'c4-5z7zpz'];

/**
 * 9×9×1 input (odd: stride 2 pads one extra pixel at the end), 4 classes: stem conv, then six cells at small widths,
 * residual and strided, covering every edge op, a 3-input node sum, identities and one tensor reaching a node twice,
 * 1×1 head, gap, dense.
 */
export function cellTinySpec(numClasses = 4): ArchSpec {
  const cell = (name: string, cin: number, cout: number, stride: number) => cellLayer(parseCell(name), cin, cout, stride);
  return {
    version: 1,
    name: 'tiny cell net',
    input: { height: 9, width: 9, channels: 1 },
    numClasses,
    layers: [
      { type: 'conv', cin: 1, cout: 4, k: 3, stride: 1, relu: true },
      cell('c2-ii5iii', 4, 4, 1),
      cell('c3-p7zz5p', 4, 6, 2),
      cell('c2-pppppp', 6, 6, 1),
      cell('c2-i3z353', 6, 6, 1),
      cell('c2-5z7zpz', 6, 8, 2),
      cell('c2-3p5zzi', 8, 8, 1),
      { type: 'conv', cin: 8, cout: 16, k: 1, stride: 1, relu: true },
      { type: 'gap' },
      { type: 'dense', cin: 16, cout: numClasses },
    ],
  };
}

/**
 * `n` grayscale images of size×size; class c is a bright bar in quadrant c (mod 4) plus uniform noise, so a small
 * network learns it in a few dozen steps. Split 60/20/20 in order.
 */
export function syntheticData(n = 200, numClasses = 4, size = 8, seed = 7): { dataset: Dataset; split: DataSplit } {
  const rng = rngStream(seed, 'synthetic');
  const images = new Uint8Array(n * size * size);
  const labels = new Uint8Array(n);
  const half = size / 2;
  for (let i = 0; i < n; i++) {
    const c = rng.int(numClasses);
    labels[i] = c;
    const oy = c & 2 ? half : 0;
    const ox = c & 1 ? half : 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const inBar = y >= oy && y < oy + half && x >= ox + 1 && x < ox + half - 1;
        images[i * size * size + y * size + x] = Math.min(255, Math.floor(rng.next() * 80) + (inBar ? 170 : 0));
      }
    }
  }
  const range = (a: number, b: number) => Uint32Array.from({ length: b - a }, (_, k) => a + k);
  const nTrain = Math.floor(n * 0.6);
  const nVal = Math.floor(n * 0.2);
  return {
    dataset: { name: 'synthetic', source: 'builtin', n, height: size, width: size, channels: 1, numClasses, images, labels },
    split: { seed, train: range(0, nTrain), val: range(nTrain, nTrain + nVal), test: range(nTrain + nVal, n) },
  };
}

/**
 * Synthetic data whose test indices count their readers, tagged by what the run was doing (`state.phase`): a search
 * test sets the phase, runs, and asserts the test split was read only in the phase that may read it.
 */
export function watchedTestData(n = 160, numClasses = 4, size = 8): { data: ReturnType<typeof syntheticData>; reads: string[]; state: { phase: string } } {
  const data = syntheticData(n, numClasses, size);
  const test = data.split.test;
  const reads: string[] = [];
  const state = { phase: 'search' };
  Object.defineProperty(data.split, 'test', {
    get() {
      reads.push(state.phase);
      return test;
    },
  });
  return { data, reads, state };
}
