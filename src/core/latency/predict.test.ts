import { describe, expect, it } from 'vitest';
import type { ArchSpec, MbLayer } from '../archspec';
import { baselineSpec } from '../skeleton';
import { specDispatches } from './dispatches';
import { atomLatencyCosts, atomLatencyLookup, predictLatency, predictLatencyMs } from './predict';
import { syntheticProfile } from './testProfile';

const input = { height: 28, width: 28, channels: 1 };

describe('predictLatency', () => {
  const profile = syntheticProfile();
  const spec = baselineSpec({ input, numClasses: 10, tiny: true });

  it('a·ΣLUT + b·#dispatches + c with the profile named', () => {
    const p = predictLatency(spec, profile);
    // LUT = 0.1 + 0.01·index for each of 12 layers → 1.2 + 0.01·66 = 1.86 ms
    expect(p.sumLutMs).toBeCloseTo(1.86, 12);
    const disp = specDispatches(spec).total;
    expect(p.dispatches).toBe(disp);
    expect(p.ms).toBeCloseTo(1.2 * 1.86 + 0.01 * disp + 0.3, 12);
    expect(p.missing).toEqual([]);
    expect(p.profileId).toBe('test-profile');
    expect(predictLatencyMs(spec, profile)).toBe(p.ms);
  });
  it('an op the profile never measured → NaN and the missing key', () => {
    const wide = baselineSpec({ input, numClasses: 10, tiny: true, kernel: 7 });
    const p = predictLatency(wide, profile);
    expect(p.ms).toBeNaN();
    expect(p.missing.length).toBeGreaterThan(0);
    expect(p.missing[0]).toMatch(/^mb .* k=7 /);
  });
  it('multi-branch MB from per-channel fits: Σ slope·h + max intercept', () => {
    const s: ArchSpec = structuredClone(spec);
    const l = s.layers[2] as MbLayer; // slot 0: 8→16 s2 at 14×14, profiled in the fixture
    l.branches = [{ k: 3, hidden: 10 }, { k: 3, hidden: 6 }];
    const p = predictLatency(s, profile);
    expect(p.layers[2].source).toBe('perChannel');
    expect(p.layers[2].ms).toBeCloseTo(0.002 * 16 + 0.05, 12);
    expect(p.ms).not.toBeNaN();
  });
  it('skip layers cost nothing when unmeasured', () => {
    const s: ArchSpec = structuredClone(spec);
    s.layers[3] = { type: 'skip', cin: 16, cout: 16 };
    expect(predictLatency(s, profile).layers[3]).toMatchObject({ ms: 0, source: 'lut' });
  });
  it('no predictor (cancelled run) → NaN', () => {
    expect(predictLatencyMs(spec, { ...profile, predictor: null })).toBeNaN();
  });
});

describe('atomLatencyCosts', () => {
  it('slope × a for profiled MB branches, null elsewhere', () => {
    const profile = syntheticProfile();
    const costs = atomLatencyCosts(baselineSpec({ input, numClasses: 10, tiny: true }), profile);
    expect(costs[0]).toBeNull(); // stem
    expect(costs[1]).toBeNull(); // fixed block has no expand conv
    expect(costs[2]).toEqual([expect.closeTo(0.002 * 1.2, 12)]);
    expect(costs[3]).toBeNull(); // slot 1 not profiled in the fixture
  });
});

describe('atomLatencyLookup', () => {
  it('maps (layer, kernel) to the per-channel slope, or lists uncovered blocks', () => {
    const profile = syntheticProfile();
    const spec = baselineSpec({ input, numClasses: 10, tiny: true });
    const r = atomLatencyLookup(spec, profile);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.missing[0]).toBe('layer 3 (MB 16→16 s1)');
    const one: ArchSpec = { ...spec, layers: spec.layers.slice(0, 3) };
    const ok = atomLatencyLookup(one, profile);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.perChannel(2, 3)).toBeCloseTo(0.002 * 1.2, 12);
      expect(() => ok.perChannel(2, 5)).toThrow(/kernel 5/);
    }
  });
});
