import { describe, expect, it } from 'vitest';
import { archCosts } from '../../core/costs';
import { validateArchSpec } from '../../core/validateArchSpec';
import { chainArch, genomeText, matchWidth, plainGenome, reductionLayers, type ChainTask } from './chain';

const TASK: ChainTask = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10 };

describe('chainArch', () => {
  it('builds the authors\' NetworkMix: stem 3×3 → 2C, reductions at ⌊L/3⌋ and ⌊2L/3⌋ doubling C, GAP, dense', () => {
    const g = { C: 8, ops: ['s', 'c', 's', 's', 'c', 's'] as ('s' | 'c')[], kernels: [3, 5, 3, 3, 3, 5] };
    const spec = validateArchSpec(chainArch(TASK, g));
    expect(spec.layers[0]).toEqual({ type: 'conv', cin: 1, cout: 16, k: 3, stride: 1, relu: false });
    expect(spec.layers.slice(1, 7)).toEqual([
      { type: 'sepconv', cin: 16, cout: 8, k: 3, stride: 1 },
      { type: 'chainconv', cin: 8, cout: 8, k: 5, stride: 1 },
      { type: 'sepconv', cin: 8, cout: 16, k: 3, stride: 2 },
      { type: 'sepconv', cin: 16, cout: 16, k: 3, stride: 1 },
      { type: 'chainconv', cin: 16, cout: 32, k: 3, stride: 2 },
      { type: 'sepconv', cin: 32, cout: 32, k: 5, stride: 1 },
    ]);
    expect(spec.layers.slice(7)).toEqual([{ type: 'gap' }, { type: 'dense', cin: 32, cout: 10 }]);
    expect(genomeText(g)).toBe('S3 C5 S3 S3 C3 S5');
    expect(spec.meta).toMatchObject({ method: 'egnas', L: 6, C: 8 });
  });

  it('short chains: L < 3 reduces at layer 0 (as the authors\' code), L = 1 once', () => {
    expect([...reductionLayers(2)]).toEqual([0, 1]);
    expect([...reductionLayers(1)]).toEqual([0]);
    const spec = chainArch(TASK, plainGenome(1, 4));
    expect(spec.layers[1]).toEqual({ type: 'sepconv', cin: 8, cout: 8, k: 3, stride: 2 });
  });

  it('a tiny stem has stride 2 and a quarter of the MACs of the layers after it', () => {
    const full = archCosts(chainArch(TASK, plainGenome(4, 8)));
    const tiny = archCosts(chainArch({ ...TASK, stemStride: 2 }, plainGenome(4, 8)));
    expect(tiny.params).toBe(full.params);
    expect(tiny.macs).toBeLessThan(full.macs / 3);
  });

  it('refuses mismatched ops and kernels and a width below 1', () => {
    expect(() => chainArch(TASK, { C: 4, ops: ['s'], kernels: [3, 3] })).toThrow(/1 ops but 2 kernels/);
    expect(() => chainArch(TASK, { C: 0, ops: ['s'], kernels: [3] })).toThrow(/positive integer/);
  });
});

describe('matchWidth', () => {
  it('lowers C one channel at a time to the widest width within the budget, never below the floor', () => {
    const base = archCosts(chainArch(TASK, plainGenome(4, 16))).params;
    const g = { ops: ['s', 's', 's', 'c'] as ('s' | 'c')[], kernels: [3, 3, 3, 3] };
    const fit = matchWidth(TASK, g, 16, base, 1)!;
    expect(fit.params).toBeLessThanOrEqual(base);
    expect(archCosts(chainArch(TASK, { ...g, C: fit.C + 1 })).params).toBeGreaterThan(base);
    expect(matchWidth(TASK, g, 16, base, fit.C + 1)).toBeNull();
    // A change that costs nothing keeps the width.
    expect(matchWidth(TASK, plainGenome(4, 16), 16, base, 1)).toEqual({ C: 16, params: base });
  });
});
