import { describe, expect, it } from 'vitest';
import { lutKey, specLutOps } from '../../core/latency/lutKeys';
import { predictLatencyMs } from '../../core/latency/predict';
import { syntheticProfile } from '../../core/latency/testProfile';
import { extremeGenotypes, genotypeSpec, singlePathSpace as initialSpace, type SkeletonShape as PadSkeleton } from '../../core/space/singlePath';
import { latencyModel } from './latencyWindow';

const SK: PadSkeleton = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };

/** The synthetic profile with a LUT entry for every op of every slot (1 ms per 10 M MACs of the layer, made up). */
function fullProfile() {
  const p = syntheticProfile('padnas-test');
  const space = initialSpace(1);
  space.forEach((ops, slot) =>
    ops.forEach((op) => {
      const g = space.map((o) => o[0]);
      g[slot] = op;
      for (const { op: lop, index } of specLutOps(genotypeSpec(g, SK))) {
        if (lop) p.lut[lutKey(lop)] ??= { medianMs: 0.05 + 0.02 * index + (op === 'skip' ? 0 : 0.01 * op.length), madMs: 0.001, samples: 5, repeats: 1, compileMs: 1 };
      }
    }),
  );
  return p;
}

describe('PAD-NAS latency window', () => {
  it('without a profile: MACs, window between the cheapest and the dearest architecture', () => {
    const m = latencyModel(SK, initialSpace(1), 0.25, 0.75, null);
    expect(m.window.unit).toBe('MACs');
    expect(m.window.profileName).toBeNull();
    expect(m.window.lo).toBeCloseTo(m.window.min + 0.25 * (m.window.max - m.window.min));
    const { cheapest, dearest } = extremeGenotypes(initialSpace(1));
    expect(m.inWindow(cheapest)).toBe(false);
    expect(m.inWindow(dearest)).toBe(false);
  });

  it('with a profile that prices every op: predicted ms, labelled with the profile', () => {
    const p = fullProfile();
    const m = latencyModel(SK, initialSpace(1), 0, 1, p);
    expect(m.notice).toBeNull();
    expect(m.window.unit).toBe('ms');
    expect(m.window.profileName).toBe(p.name);
    const g = ['k5e6', 'skip', 'k3e3', 'k7e3', 'k3e6', 'skip', 'k7e6'];
    expect(m.cost(g)).toBeCloseTo(predictLatencyMs(genotypeSpec(g, SK), p));
  });

  it('with a profile that cannot price the skeleton: falls back to MACs and says why', () => {
    const m = latencyModel({ ...SK, width: 0.5 }, initialSpace(0.5), 0, 1, syntheticProfile());
    expect(m.window.unit).toBe('MACs');
    expect(m.notice).toMatch(/cannot price/);
  });
});
