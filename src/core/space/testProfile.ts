/**
 * TEST FIXTURE ONLY: the synthetic latency profile (core/latency/testProfile) with a made-up LUT entry for every op of
 * every slot of the single-path space at width 1 on the tiny 28×28 skeleton, so it prices the whole space. Imported by
 * the cost-window tests of core/space and of the methods that search this space.
 */
import { lutKey, specLutOps } from '../latency/lutKeys';
import type { LatencyProfile } from '../latency/profileSchema';
import { syntheticProfile } from '../latency/testProfile';
import { genotypeSpec, singlePathSpace, type SkeletonShape } from './singlePath';

/** The skeleton the profile prices: 28×28×1, 10 classes, width 1, tiny (stem stride 2). */
export const TEST_SKELETON: SkeletonShape = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };

/** 0.05 ms + 0.02 ms per layer index, plus 0.01 ms per character of the op's name (skip: none). */
export function singlePathTestProfile(id: string): LatencyProfile {
  const p = syntheticProfile(id);
  const space = singlePathSpace(1);
  space.forEach((ops, slot) =>
    ops.forEach((op) => {
      const g = space.map((o) => o[0]);
      g[slot] = op;
      for (const { op: lop, index } of specLutOps(genotypeSpec(g, TEST_SKELETON))) {
        if (lop) p.lut[lutKey(lop)] ??= { medianMs: 0.05 + 0.02 * index + (op === 'skip' ? 0 : 0.01 * op.length), madMs: 0.001, samples: 5, repeats: 1, compileMs: 1 };
      }
    }),
  );
  return p;
}
