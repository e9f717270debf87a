import { describe, expect, it } from 'vitest';
import { genotypeInSpace, genotypeKey, genotypeSpec, singlePathSpace as initialSpace } from '../../core/space/singlePath';
import { opShares, pruneByShare, topRanked } from './prune';

const SK = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };

describe('pruning by share', () => {
  const space = [
    ['k3e3', 'k5e3', 'skip'],
    ['k3e3', 'k7e6'],
  ];
  const archs = [
    ['k3e3', 'k7e6'],
    ['k3e3', 'k7e6'],
    ['k5e3', 'k7e6'],
    ['k3e3', 'k3e3'],
  ];

  it('computes per-layer shares among the voters', () => {
    const shares = opShares(archs, space);
    expect(shares[0]).toEqual({ k3e3: 0.75, k5e3: 0.25, skip: 0 });
    expect(shares[1]).toEqual({ k3e3: 0.25, k7e6: 0.75 });
  });

  it('removes ops at or under the threshold, per layer', () => {
    const r = pruneByShare(space, opShares(archs, space), 0.25);
    expect(r.space).toEqual([['k3e3'], ['k7e6']]);
    expect(r.removed).toEqual([['k5e3', 'skip'], ['k3e3']]);
    const r0 = pruneByShare(space, opShares(archs, space), 0);
    expect(r0.space).toEqual([['k3e3', 'k5e3'], ['k3e3', 'k7e6']]);
  });

  it('never empties a layer', () => {
    const r = pruneByShare(space, opShares([], space), 0.5);
    expect(r.space.every((ops) => ops.length > 0)).toBe(true);
  });

  it('counts only architectures of rank < k', () => {
    const recs = archs.map((genotype, i) => ({ genotype, rank: i }));
    expect(topRanked(recs, 2)).toEqual(archs.slice(0, 2));
  });

  it('genotypes stored as op names survive pruning (indices would shift)', () => {
    const full = initialSpace(1);
    const kept = ['k5e6', 'skip', 'k7e3', 'k3e3', 'k3e6', 'skip', 'k7e6'];
    const cache = new Map([[genotypeKey(kept), 0.9]]);
    // Vote so that k3e3 (index 0) is dropped in every slot but the 4th: every later op shifts its index by one.
    const voters = [kept, kept, kept];
    const { space } = pruneByShare(full, opShares(voters, full), 0.1);
    expect(space.map((ops) => ops.includes('k3e3'))).toEqual([false, false, false, true, false, false, false]);
    expect(genotypeInSpace(kept, space)).toBe(true);
    expect(cache.get(genotypeKey(kept))).toBe(0.9);
    expect(genotypeSpec(kept, SK).layers[2]).toMatchObject({ branches: [{ k: 5, hidden: 48 }] });
    // Decoding by index would break: k5e6 was op 3 of slot 0 and is op 0 of the pruned slot.
    expect(full[0].indexOf('k5e6')).toBe(3);
    expect(space[0].indexOf('k5e6')).toBe(0);
    // A genotype using a pruned op is recognised as outside the new space.
    expect(genotypeInSpace(['k3e3', ...kept.slice(1)], space)).toBe(false);
  });
});
