import { beforeAll, describe, expect, it } from 'vitest';
import { archCosts } from '../../core/costs';
import { genotypeInSpace, genotypeSpec } from '../../core/padnas/ops';
import { padnasPreset } from '../../core/padnas/settings';
import { syntheticData, useCpuBackend } from '../../engine/testing';
import { padnasMethod } from './method';

describe('PAD-NAS run', () => {
  beforeAll(useCpuBackend);

  it('runs every planned unit: train, rank, search, prune, fine-tune, final search, stand-alone training', async () => {
    const data = syntheticData(160, 4, 8);
    const s = {
      ...padnasPreset('tiny'),
      width: 0.25,
      trainLimit: 0,
      valLimit: 0,
      batchSize: 16,
      supernetEpochs: 1,
      finetuneEpochs: 1,
      population: 4,
      generations: 1,
      rankArchs: 3,
      rankSteps: 2,
      finalEpochs: 1,
      shareThreshold: 0.3,
      rankK: 1,
      windowLo: 0,
      windowHi: 1,
    };
    const run = padnasMethod.create({ data }, s);
    try {
      let last = 0;
      while (last < run.totalSteps) {
        const r = await run.step();
        expect(r.done).toBe(last + 1);
        last = r.done;
      }
      await run.finish();
      const f = run.final!;
      expect(f).not.toBeNull();
      expect(f.stages).toHaveLength(2);
      const [prune, fin] = f.stages;
      expect(prune.final).toBe(false);
      expect(prune.removed.flat().length).toBeGreaterThan(0);
      expect(prune.log10After).toBeLessThan(prune.log10Before);
      expect(fin.final).toBe(true);
      expect(genotypeInSpace(f.genotype, prune.spaceAfter)).toBe(true);
      expect(f.testAcc).toBeGreaterThanOrEqual(0);
      expect(f.ranking.before).toHaveLength(3);
      expect(f.ranking.after.every((p) => genotypeInSpace(p.genotype, prune.spaceAfter))).toBe(true);
      expect(f.window.unit).toBe('MACs');
      // The baseline beside the result: every slot k3e3, priced by the same model (MACs here).
      expect(f.baseline.genotype).toEqual(Array(f.genotype.length).fill('k3e3'));
      const base = archCosts(genotypeSpec(f.baseline.genotype, run.skeleton));
      expect(f.baseline).toMatchObject({ macs: base.macs, params: base.params, latency: base.macs });
      const snap = run.snapshot();
      expect(snap.phase).toBe('done');
      // A pruned cell is allowed but no longer in the space.
      const j = prune.removed.findIndex((r) => r.length > 0);
      expect(snap.space[j]).not.toContain(prune.removed[j][0]);
      expect(snap.population?.points.length).toBeGreaterThan(0);
      expect(run.result().archSpec).toBe(f.spec);
    } finally {
      run.dispose();
    }
  }, 120_000);
});
