import { describe, expect, it } from 'vitest';
import type { SavedRun } from './savedRun';
import { seedGroups, spread } from './seedGroups';
import { testRun } from './testRun';

/** A finished run of `method` with these settings (seed included) and results. */
function run(id: string, method: string, settings: Record<string, unknown>, test: number | null, macs = 1000, status: SavedRun['status'] = 'finished'): SavedRun {
  const r = testRun(id, method);
  const rec = r.record!;
  return { ...r, status, record: { ...rec, label: method === 'train' ? 'Train' : 'PAD-NAS', testAccuracy: test, macs, card: { ...rec.card, seed: Number(settings.seed), settings } } };
}

describe('seedGroups', () => {
  it('groups runs that differ only in their seed, with the spread of test accuracy, MACs and params; best mean first', () => {
    const runs = [
      run('p3', 'padnas', { preset: 'default', seed: 3, lr: 0.05 }, 0.968, 3.89e6),
      run('p1', 'padnas', { lr: 0.05, preset: 'default', seed: 1 }, 0.976, 2.93e6), // key order does not matter
      run('p2', 'padnas', { preset: 'default', seed: 2, lr: 0.05 }, 0.975, 4.46e6),
      run('b1', 'train', { width: 1, epochs: 5, seed: 1 }, 0.974),
      run('b2', 'train', { width: 1, epochs: 5, seed: 2 }, 0.974),
      run('w', 'train', { width: 1.2, epochs: 5, seed: 1 }, 0.968), // another width: not the same experiment
    ];
    const g = seedGroups(runs);
    expect(g.map((x) => x.title)).toEqual(['Train · ×1 · 5 epochs', 'PAD-NAS · default']);
    const pad = g[1];
    expect(pad.ids).toEqual(['p1', 'p2', 'p3']);
    expect(pad.seeds).toEqual([1, 2, 3]);
    expect(pad.test.mean).toBeCloseTo(0.973, 12);
    expect(pad.test.sd).toBeCloseTo(Math.sqrt(((0.976 - 0.973) ** 2 + (0.975 - 0.973) ** 2 + (0.968 - 0.973) ** 2) / 2), 12);
    expect([pad.test.min, pad.test.max]).toEqual([0.968, 0.976]);
    expect([pad.macs.min, pad.macs.max]).toEqual([2.93e6, 4.46e6]);
    expect(g[0].test.sd).toBe(0);
  });

  it('leaves out unfinished runs, runs without a test accuracy, lone runs, and runs on other data or another split', () => {
    const base = { preset: 'tiny', lr: 0.1 };
    const other = run('d', 'padnas', { ...base, seed: 4 }, 0.7);
    const otherData = { ...other, record: { ...other.record!, card: { ...other.record!.card, dataset: { ...other.record!.card.dataset, name: 'fashion' } } } };
    const otherSplit = run('s', 'padnas', { ...base, seed: 5 }, 0.7);
    otherSplit.record = { ...otherSplit.record!, card: { ...otherSplit.record!.card, split: { ...otherSplit.record!.card.split, train: 70 } } };
    const runs = [run('a', 'padnas', { ...base, seed: 1 }, 0.6), run('i', 'padnas', { ...base, seed: 2 }, 0.9, 1000, 'interrupted'), run('n', 'padnas', { ...base, seed: 3 }, null), otherData, otherSplit];
    expect(seedGroups(runs)).toEqual([]);
    expect(seedGroups(runs, 1).map((x) => x.ids)).toEqual([['d'], ['s'], ['a']]);
  });

  it('spread: sample standard deviation (n − 1), 0 for one value', () => {
    expect(spread([1, 2, 3])).toEqual({ mean: 2, sd: 1, min: 1, max: 3 });
    expect(spread([5])).toEqual({ mean: 5, sd: 0, min: 5, max: 5 });
  });
});
