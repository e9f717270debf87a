import { describe, expect, it } from 'vitest';
import { lutKey, specLutOps } from '../latency/lutKeys';
import { predictLatencyMs } from '../latency/predict';
import { syntheticProfile } from '../latency/testProfile';
import { extremeGenotypes, genotypeSpec, singlePathSpace, type SkeletonShape } from './singlePath';
import { costWindow, formatCost } from './window';

const SK: SkeletonShape = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };

/** The synthetic profile with a made-up LUT entry for every op of every slot (so it prices the whole space). */
function fullProfile() {
  const p = syntheticProfile('space-test');
  const space = singlePathSpace(1);
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
