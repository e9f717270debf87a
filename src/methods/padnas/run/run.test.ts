import { beforeAll, describe, expect, it } from 'vitest';
import { archCosts } from '../../../core/costs';
import { genotypeInSpace, singlePathSpace } from '../../../core/space/singlePath';
import { syntheticData, useCpuBackend } from '../../../engine/testing';
import { padnasSpec } from '../ops';
import type { PadNasRecordFields } from '../snapshot';
import { createRun, plannedUnits } from './index';
import { TINY_SETTINGS } from './testing';


describe('PAD-NAS run', () => {
  beforeAll(useCpuBackend);

  it('plans without building: plannedUnits() is what start() reports, for other training subsets and batches too', () => {
    const data = syntheticData(160, 4, 8);
    for (const over of [{}, { trainLimit: 64 }, { batchSize: 16, trainBaseline: false }, { generations: 3, finalEpochs: 2 }]) {
      const config = { ...TINY_SETTINGS, ...over };
      const run = createRun({ data, profile: null }, config);
      try {
        expect(plannedUnits({ data, profile: null }, config)).toBe(run.start().totalSteps);
      } finally {
        run.dispose();
      }
    }
  });

  it('searches a given space (cells among MB ops) instead of the hand-designed one, and records it and its final front', async () => {
    const data = syntheticData(160, 4, 8);
    const space = singlePathSpace(0.25, 'k3').map((ops, j) => (j === 1 || j === 4 ? ['c3-zz3zzz', 'c2-zz5zzz', ...ops.slice(0, 1)] : ops.slice(-2)));
    const spaceFrom = { file: 'learned.json', createdBy: { method: 'autospace', seed: 2, preset: 'tiny', date: '2026-11-30T00:00:00.000Z' } };
    const run = createRun({ data, profile: null }, { ...TINY_SETTINGS, generations: 2, space, spaceFrom, trainBaseline: false });
    try {
      run.start();
      const snap0 = run.snapshot();
      expect(snap0.ops).toEqual(['k3e3', 'k3e6', 'skip', 'c3-zz3zzz', 'c2-zz5zzz']);
      expect(snap0.allowed[1]).toEqual([true, false, false, true, true]);
      expect(snap0.space).toEqual(space);
      while ((await run.step()).done < run.totalSteps);
      await run.finish();
      const f = run.outcome().extras as unknown as PadNasRecordFields;
      expect(f.space).toEqual({ kind: 'given', family: null, slots: space, from: spaceFrom });
      expect(f.stages[0].spaceBefore).toEqual(space);
      expect(genotypeInSpace(f.genotype, space)).toBe(true);
      // The final front: non-dominated (one-shot accuracy up, cost down), cheapest first, the found architecture on it.
      expect(f.front.length).toBeGreaterThan(0);
      f.front.forEach((p) => expect(genotypeInSpace(p.genotype, space)).toBe(true));
      for (let i = 1; i < f.front.length; i++) {
        // Ties (same cost and accuracy, e.g. k3e3 and the reference cell) are both non-dominated.
        expect(f.front[i].cost).toBeGreaterThanOrEqual(f.front[i - 1].cost);
        expect(f.front[i].oneShotAccuracy).toBeGreaterThanOrEqual(f.front[i - 1].oneShotAccuracy);
      }
      expect(f.front.map((p) => p.genotype.join())).toContain(f.genotype.join());
      // The baseline stays every slot MB k3 e3 (the same network as in the hand-designed space), priced alike.
      expect(f.baseline.genotype).toEqual(Array(7).fill('k3e3'));
    } finally {
      run.dispose();
    }
  }, 120_000);

  it('runs every planned unit: train, rank, search, prune, fine-tune, final search, stand-alone training', async () => {
    const data = syntheticData(160, 4, 8);
    const run = createRun({ data, profile: null }, { ...TINY_SETTINGS });
    try {
      const started = run.start();
      expect(started.totalSteps).toBe(run.totalSteps);
      expect(started.info).toMatchObject({ window: { unit: 'MACs' }, notice: null });
      expect(started.spec.meta).toMatchObject({ method: 'padnas', supernet: true });
      let last = 0;
      while (last < run.totalSteps) {
        const r = await run.step();
        expect(r.done).toBe(last + 1);
        last = r.done;
      }
      await run.finish();
      const out = run.outcome();
      const f = out.extras as unknown as PadNasRecordFields;
      expect(f.stages).toHaveLength(2);
      const [prune, fin] = f.stages;
      expect(prune.final).toBe(false);
      expect(prune.removed.flat().length).toBeGreaterThan(0);
      expect(prune.log10After).toBeLessThan(prune.log10Before);
      expect(fin.final).toBe(true);
      expect(genotypeInSpace(f.genotype, prune.spaceAfter)).toBe(true);
      expect(out.testAccuracy).toBeGreaterThanOrEqual(0);
      expect(out.valAccuracy).toBeGreaterThanOrEqual(0);
      expect(out.archSpec.meta).toMatchObject({ method: 'padnas', genotype: f.genotype.join(',') });
      expect(out.resultSteps).toBeGreaterThan(0);
      expect(f.ranking.before).toHaveLength(3);
      expect(f.ranking.after.every((p) => genotypeInSpace(p.genotype, prune.spaceAfter))).toBe(true);
      expect(f.window.unit).toBe('MACs');
      // The baseline beside the result: every slot k3e3, priced by the same model (MACs here), trained with the same recipe.
      expect(f.baseline.genotype).toEqual(Array(f.genotype.length).fill('k3e3'));
      const base = archCosts(padnasSpec(f.baseline.genotype, run.skeleton));
      expect(f.baseline).toMatchObject({ macs: base.macs, params: base.params, cost: base.macs });
      expect(f.baseline.testAccuracy).toBeGreaterThanOrEqual(0);
      expect(f.cost).toBe(archCosts(out.archSpec).macs);
      // Plain JSON: τ is a number or null, never NaN.
      expect(JSON.parse(JSON.stringify(f.ranking))).toEqual(f.ranking);
      expect(out.history.some((r) => r.phase === 'train')).toBe(true);
      expect(out.history.some((r) => r.phase === 'baseline-train')).toBe(true);
      const snap = run.snapshot();
      expect(snap.phase).toBe('done');
      // A pruned cell is allowed but no longer in the space.
      const j = prune.removed.findIndex((r) => r.length > 0);
      expect(snap.space[j]).not.toContain(prune.removed[j][0]);
      expect(snap.population?.points.length).toBeGreaterThan(0);
      const net = run.releaseNetwork();
      expect(net.spec).toBe(out.archSpec);
      net.dispose();
    } finally {
      run.dispose();
    }
  }, 120_000);
});
