import { describe, expect, it } from 'vitest';
import { archCosts } from '../costs';
import { rngStream } from '../rng';
import { extremeGenotypes, genotypeSpec, opLayer, parseOp, sampleGenotype, singlePathSpace, spaceSizeLog10, type SkeletonShape } from './singlePath';

const SK: SkeletonShape = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };

describe('single-path space', () => {
  it('allows identity only where stride and width stay the same', () => {
    const space = singlePathSpace(1);
    expect(space.map((ops) => ops.includes('skip'))).toEqual([false, true, false, true, false, true, false]);
    expect(spaceSizeLog10(space)).toBeCloseTo(3 * Math.log10(7) + 4 * Math.log10(6));
  });

  it('an op family restricts the MBConvs, identity stays where allowed', () => {
    const space = singlePathSpace(1, 'k3');
    expect(space[0]).toEqual(['k3e3', 'k3e6']);
    expect(space[1]).toEqual(['k3e3', 'k3e6', 'skip']);
  });

  it('a genotype becomes a valid ArchSpec of single-op layers, labelled neutrally unless told', () => {
    const g = ['k3e3', 'skip', 'k5e6', 'k7e3', 'k3e6', 'skip', 'k7e6'];
    const spec = genotypeSpec(g, SK);
    expect(spec.layers[3]).toEqual({ type: 'skip', cin: 16, cout: 16 });
    expect(spec.layers[4]).toMatchObject({ type: 'mb', cin: 16, cout: 24, stride: 2, branches: [{ k: 5, hidden: 96 }], residual: false });
    expect(spec.meta).toMatchObject({ method: 'single-path', genotype: g.join(',') });
    expect(genotypeSpec(g, SK, { name: 'x', method: 'random' })).toMatchObject({ name: 'x', meta: { method: 'random' } });
    expect(() => genotypeSpec(['skip', ...g.slice(1)], SK)).toThrow(/identity/);
    expect(() => genotypeSpec(g.slice(1), SK)).toThrow(/7 ops/);
  });

  it('parses op names and names the accepted ones when it cannot', () => {
    expect(parseOp('k5e6')).toEqual({ k: 5, e: 6 });
    expect(parseOp('skip')).toBeNull();
    expect(() => parseOp('conv3')).toThrow(/k3e3/);
    expect(opLayer('k3e3', 8, 8, 1)).toMatchObject({ residual: true, branches: [{ k: 3, hidden: 24 }] });
  });

  it('the cheapest and dearest genotypes bound the MACs of sampled ones', () => {
    const space = singlePathSpace(0.5);
    const { cheapest, dearest } = extremeGenotypes(space);
    const macs = (g: string[]) => archCosts(genotypeSpec(g, { ...SK, width: 0.5 })).macs;
    const rng = rngStream(3, 'sample');
    for (let i = 0; i < 50; i++) {
      const m = macs(sampleGenotype(space, () => rng.next()));
      expect(m).toBeGreaterThanOrEqual(macs(cheapest));
      expect(m).toBeLessThanOrEqual(macs(dearest));
    }
  });
});
