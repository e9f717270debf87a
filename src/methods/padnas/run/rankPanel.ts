/**
 * PAD-NAS's ranking panel: one-shot vs short stand-alone accuracy of `rankArchs` random architectures of the current
 * space, and Kendall τ between the two, measured before pruning (full space) and after it. One unit per yield.
 */
import { kendallTauB } from '../../../core/search/rank';
import { genotypeKey, sampleGenotype } from '../../../core/space/singlePath';
import { rngStream } from '../../../core/rng';
import { createSpecTraining } from '../../../engine/trainSpec';
import { padnasSpec } from '../ops';
import type { PadNasRankPoint } from '../snapshot';
import type { StageHost } from './stageHost';

export async function* rankPanel(run: StageHost, which: 'before' | 'after'): AsyncGenerator<void, void, void> {
  const s = run.settings;
  const rng = rngStream(s.seed, `rank-${which}`);
  const label = which === 'before' ? 'ranking check before pruning' : 'ranking check after pruning';
  run.setPhase(which === 'before' ? 'rank-before' : 'rank-after', `${label}: one-shot accuracy`);
  const genos: string[][] = [];
  const seen = new Set<string>();
  for (let t = 0; genos.length < s.rankArchs && t < s.rankArchs * 50; t++) {
    const g = sampleGenotype(run.space, () => rng.next());
    if (!seen.has(genotypeKey(g))) {
      seen.add(genotypeKey(g));
      genos.push(g);
    }
  }
  const points: PadNasRankPoint[] = [];
  for (let i = 0; i < s.rankArchs; i++) {
    if (i < genos.length) points.push({ genotype: genos[i], oneShot: await run.oneShot(genos[i]), standalone: Number.NaN });
    yield;
  }
  run.ranking = { ...run.ranking, [which]: points };
  const recipe = run.recipe('constant');
  for (let i = 0; i < s.rankArchs; i++) {
    run.setPhase(run.phase, `${label}: stand-alone training ${i + 1}/${s.rankArchs}`);
    const p = points[i] as PadNasRankPoint | undefined;
    const key = `rank-${which}-${i}`;
    // On a restore, a training that finished before the checkpoint is not run again: its accuracy was saved.
    const saved = run.savedResult(key);
    const t = p && !saved ? createSpecTraining(padnasSpec(p.genotype, run.skeleton), run.data, recipe, { steps: s.rankSteps }, { initStream: 'rank-init' }) : null;
    if (t) run.attachTraining(key, t);
    try {
      for (let k = 0; k < s.rankSteps; k++) {
        // A restored training stands at its checkpoint's step: the units before it are not trained again.
        if (t && t.stepIndex === k) await t.step();
        yield;
      }
      // Short runs leave BN running statistics unsettled: re-estimate them before validating.
      if (p && saved) p.standalone = saved.val;
      else if (t && p) {
        p.standalone = (await t.evaluate('val', { bnRecalibrate: true })).accuracy;
        run.detachTraining(t, key, { val: p.standalone, test: null });
      }
    } finally {
      if (t) run.detachTraining(t, key);
      t?.dispose();
    }
    yield;
  }
  const done = points.filter((p) => Number.isFinite(p.standalone));
  const tau = done.length >= 2 ? kendallTauB(done.map((p) => p.oneShot), done.map((p) => p.standalone)) : Number.NaN;
  run.ranking = which === 'before' ? { ...run.ranking, before: points.slice(), tauBefore: tau } : { ...run.ranking, after: points.slice(), tauAfter: tau };
  run.log(`${label}: Kendall τ = ${tau.toFixed(3)} over ${done.length} architectures`);
}
