/**
 * Roofline ceilings of this device, measured with the same timing loop: peak matmul throughput (a large square matmul,
 * 2N³ FLOP) and memory bandwidth (a large elementwise add: 12 bytes per element moved).
 */
import type { Roofline } from '../../core/latency/profileSchema';
import { rngStream } from '../../core/rng';
import { InterleavedMeasurer, type SubjectResult } from './interleave';
import { addSubject, matmulSubject } from './subjects';
import { DEFAULT_TIMING, type TimingEnv } from './timing';

export interface RooflineSizes {
  matmulN: number;
  addElements: number;
}

export function rooflineSizes(mode: 'full' | 'reduced'): RooflineSizes {
  return mode === 'full' ? { matmulN: 1024, addElements: 1 << 22 } : { matmulN: 256, addElements: 1 << 20 };
}

export function rooflineMeasurer(sizes: RooflineSizes, env: TimingEnv, opts: { samples: number; seed: number }): InterleavedMeasurer {
  return new InterleavedMeasurer(
    [
      { id: 'matmul', label: `matmul ${sizes.matmulN}×${sizes.matmulN}`, create: () => matmulSubject(sizes.matmulN, rngStream(opts.seed, 'roof-mm')) },
      { id: 'add', label: `add ${sizes.addElements} floats`, create: () => addSubject(sizes.addElements, rngStream(opts.seed, 'roof-add')) },
    ],
    env,
    { samples: opts.samples, timing: DEFAULT_TIMING },
  );
}

/** Ceilings from the two medians; null unless both were measured. */
export function rooflineFromResults(results: readonly SubjectResult[], sizes: RooflineSizes): Roofline | null {
  const mm = results.find((r) => r.id === 'matmul');
  const add = results.find((r) => r.id === 'add');
  if (!mm || !add) return null;
  const n = sizes.matmulN;
  return {
    matmulGflops: (2 * n * n * n) / (mm.medianMs * 1e6),
    bandwidthGBs: (12 * sizes.addElements) / (add.medianMs * 1e6),
    matmulN: n,
    addElements: sizes.addElements,
  };
}
