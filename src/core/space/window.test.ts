import { describe, expect, it } from 'vitest';
import { lutKey, mbBranchOp, perChannelKey, specLutOps } from '../latency/lutKeys';
import { predictLatencyMs } from '../latency/predict';
import { syntheticProfile } from '../latency/testProfile';
import { extremeGenotypes, genotypeSpec, singlePathSpace, type SkeletonShape } from './singlePath';
import { costWindow, formatCost } from './window';
import { singlePathTestProfile, TEST_SKELETON } from './testProfile';

const SK = TEST_SKELETON;

const fullProfile = () => singlePathTestProfile('space-test');

const base = { skeleton: SK, space: singlePathSpace(1), lo: 0.25, hi: 0.75, profile: null };

describe('cost window', () => {
  it('MACs: bounds placed between the cheapest and the dearest architecture', () => {
    const m = costWindow({ ...base, objective: 'macs' });
    expect(m.window.unit).toBe('MACs');
    expect(m.window.profileName).toBeNull();
    expect(m.window.lo).toBeCloseTo(m.window.min + 0.25 * (m.window.max - m.window.min));
    expect(m.window.hi).toBeCloseTo(m.window.min + 0.75 * (m.window.max - m.window.min));
    const { cheapest, dearest } = extremeGenotypes(base.space);
    expect(m.inWindow(cheapest)).toBe(false);
    expect(m.inWindow(dearest)).toBe(false);
    expect(costWindow({ ...base, lo: 0, hi: 1, objective: 'macs' }).inWindow(cheapest)).toBe(true);
  });

  it('MACs ignores a profile; latency uses it and says which one', () => {
    const p = fullProfile();
    expect(costWindow({ ...base, objective: 'macs', profile: p }).window.unit).toBe('MACs');
    const m = costWindow({ ...base, objective: 'latency', profile: p });
    expect(m.notice).toBeNull();
    expect(m.window).toMatchObject({ unit: 'ms', profileName: p.name });
    const g = ['k5e6', 'skip', 'k3e3', 'k7e3', 'k3e6', 'skip', 'k7e6'];
    expect(m.cost(g)).toBeCloseTo(predictLatencyMs(genotypeSpec(g, SK), p));
  });

  it('latency without a usable profile is refused in plain words; auto falls back to MACs with a notice', () => {
    expect(() => costWindow({ ...base, objective: 'latency' })).toThrow(/needs a device profile/);
    const narrow = { ...base, skeleton: { ...SK, width: 0.5 }, space: singlePathSpace(0.5), profile: syntheticProfile() };
    expect(() => costWindow({ ...narrow, objective: 'latency' })).toThrow(/cannot price/);
    const auto = costWindow({ ...narrow, objective: 'auto' });
    expect(auto.window.unit).toBe('MACs');
    expect(auto.notice).toMatch(/cannot price.*MACs instead/);
    expect(costWindow({ ...base, objective: 'auto' }).notice).toBeNull();
  });

  it('refuses fractions that do not make a window', () => {
    expect(() => costWindow({ ...base, lo: 0.5, hi: 0.5, objective: 'macs' })).toThrow(/from < to/);
    expect(() => costWindow({ ...base, lo: -0.1, hi: 0.5, objective: 'macs' })).toThrow(/0 ≤ from/);
  });

  it('formats bounds in their unit', () => {
    expect(formatCost(1_234_567, 'MACs')).toBe('1.23 M MACs');
    expect(formatCost(456_000, 'MACs')).toBe('456 k MACs');
    expect(formatCost(4.567, 'ms')).toBe('4.57 ms');
  });
});

describe('cost window: implausible profile costs are refused before a search starts', () => {
  it('a predictor whose intercept makes a prediction ≤ 0 is refused, naming the predictor and the architecture', () => {
    const p = fullProfile();
    if (!p.predictor) throw new Error('fixture has a predictor');
    p.predictor = { ...p.predictor, a: 1, b: 0, c: -99_999 };
    for (const objective of ['latency', 'auto'] as const) {
      expect(() => costWindow({ ...base, objective, profile: p })).toThrow(/profile "synthetic test profile" gives costs that are not positive numbers: the predictor \(a = 1\.00, b = 0\.00, c = -1\.00e\+5 ms\) gives -1\.00e\+5 ms for ".*".*measure the profile again/);
    }
    expect(costWindow({ ...base, objective: 'macs', profile: p }).window.unit).toBe('MACs');
  });

  it('a per-channel fit that prices a block at ≤ 0 ms anywhere in the space is refused and named', () => {
    const p = fullProfile();
    // Drop one slot's LUT entries so that its MB ops are priced by a per-channel fit with a large negative intercept.
    const space = singlePathSpace(1);
    const g = extremeGenotypes(space).cheapest.slice();
    const slot = space.findIndex((ops) => ops.includes('k3e3'));
    g[slot] = 'k3e3';
    const spec = genotypeSpec(g, SK);
    const mb = specLutOps(spec).find(({ layer, op }) => layer.type === 'mb' && layer.expand !== false && op && p.lut[lutKey(op)] !== undefined && layer.branches[0]?.k === 3);
    if (!mb?.op || mb.layer.type !== 'mb') throw new Error('fixture has a k3 MB layer');
    delete p.lut[lutKey(mb.op)];
    const famKey = perChannelKey(mbBranchOp(mb.layer, 0, mb.inShape));
    p.perChannel[famKey] = { slopeMs: 0.001, interceptMs: -50, widths: [8, 16], slot };
    expect(() => costWindow({ ...base, objective: 'latency', profile: p })).toThrow(new RegExp(`per-channel fit "${famKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" gives -50\\.0 ms`));
  });

  it('bounds a space of cells by their real cost, where the op-name heuristic misorders them (small widths)', () => {
    const sk: SkeletonShape = { input: { height: 8, width: 8, channels: 1 }, numClasses: 4, width: 0.25, tiny: true };
    // At width 0.25 c2-zz5zzz costs more MACs than c3-zz3zzz, though the heuristic ranks it cheaper.
    const space = singlePathSpace(0.25).map(() => ['c3-zz3zzz', 'c2-zz5zzz']);
    const m = costWindow({ skeleton: sk, space, lo: 0, hi: 1, objective: 'macs', profile: null });
    expect(m.window.min).toBeLessThan(m.window.max);
    expect(m.cost(space.map(() => 'c3-zz3zzz'))).toBe(m.window.min);
    expect(m.cost(space.map(() => 'c2-zz5zzz'))).toBe(m.window.max);
    expect(m.inWindow(space.map((o, j) => o[j % 2]))).toBe(true);
  });
});
