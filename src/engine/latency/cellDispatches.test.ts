/**
 * The dispatch estimate of cells (core/latency/dispatches.ts) against the real tfjs-backend-webgpu on the counting mock
 * device (engine/mockWebGpu.ts: real program choice, nothing computed): equal for whole cell networks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { specDispatches } from '../../core/latency/dispatches';
import { rngStream } from '../../core/rng';
import { cellName, mutateCell, parseCell } from '../../core/space/cell';
import { genotypeSpec, slotShapes, type SkeletonShape } from '../../core/space/singlePath';
import { useMockWebGpu } from '../mockWebGpu';
import { CELL_GENOTYPE } from '../testing';
import { networkSubject } from './subjects';

beforeAll(async () => {
  await useMockWebGpu();
  tf.env().set('WEBGPU_CPU_FORWARD', false); // as while profiling: no small op runs on the CPU
});

async function measured(g: string[], sk: SkeletonShape): Promise<{ real: number | null; est: number }> {
  const spec = genotypeSpec(g, sk);
  const s = networkSubject(spec, rngStream(1, g.join(' ')));
  const warm = s.run(); // pipelines compiled
  await warm.data();
  warm.dispose();
  const real = await s.countDispatches();
  s.dispose();
  return { real, est: specDispatches(spec).total };
}

describe('cell dispatch estimate = tfjs-webgpu 4.22 dispatches (mock device)', () => {
  it('the reference cell costs the dispatches of MB k3 e3; mixed DAG cells in every slot match the count', async () => {
    const sk: SkeletonShape = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };
    const mb = await measured(Array.from({ length: 7 }, () => 'k3e3'), sk);
    const ref = await measured(Array.from({ length: 7 }, () => 'c3-zz3zzz'), sk);
    expect(ref.real).toBe(mb.real);
    expect(ref.est).toBe(ref.real);
    for (const g of [[...CELL_GENOTYPE], Array.from({ length: 7 }, () => 'c3-pppppp')]) {
      const m = await measured(g, sk);
      expect(m.est, g.join(' ')).toBe(m.real);
    }
  });

  it('random mutated cells at both skeleton sizes', async () => {
    const rng = rngStream(4, 'cells');
    for (const sk of [
      { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: false },
      { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 0.5, tiny: true },
    ] as SkeletonShape[]) {
      for (let n = 0; n < 4; n++) {
        const g = slotShapes(sk.width).map((s, i) => {
          let c = parseCell(CELL_GENOTYPE[i]);
          for (let j = 0; j < 3; j++) c = mutateCell(c, s.stride, () => rng.next());
          return cellName(c);
        });
        const m = await measured(g, sk);
        expect(m.est, g.join(' ')).toBe(m.real);
      }
    }
  });
});
