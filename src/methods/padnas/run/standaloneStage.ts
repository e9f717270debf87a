/**
 * PAD-NAS's last stage: the found architecture trained stand-alone with the final recipe and tested once, and, when
 * asked, the hand-designed baseline (every slot MB k3 e3) with the same recipe. One unit per training step; the
 * evaluations belong to the training's last unit.
 */
import type { ArchSpec } from '../../../core/archspec';
import { archCosts } from '../../../core/costs';
import { baselineGenotype } from '../../../core/space/singlePath';
import { formatCost } from '../../../core/space/window';
import { createSpecTraining } from '../../../engine/trainSpec';
import { padnasSpec } from '../ops';
import type { PadNasBaseline } from '../snapshot';
import type { StageHost } from './stageHost';

/**
 * Stand-alone training of `spec` with the final recipe (one unit per step), then val + test (the caller's unit);
 * returns the validated spec the network was built from (the record's archSpec is the result network's spec). With
 * `keep`, the training is the run's final training and its network the result.
 */
async function* standalone(run: StageHost, spec: ArchSpec, keep: boolean): AsyncGenerator<void, { val: number; test: number; spec: ArchSpec }, void> {
  const key = keep ? 'final' : 'baseline';
  const t = createSpecTraining(spec, run.data, run.recipe('cosine'), { epochs: run.settings.finalEpochs }, { initStream: 'final-init' });
  if (keep) run.finalTraining = t;
  run.attachTraining(key, t);
  try {
    for (let i = 0; i < t.totalSteps; i++) {
      // A restored training stands at its checkpoint's step: the units before it are not trained again.
      if (t.stepIndex === i) await t.step();
      yield;
    }
    // On a restore past this training's end, its saved accuracies (the test split is read once, by the original run).
    const saved = run.savedResult(key);
    const val = saved ? saved.val : (await t.evaluate('val')).accuracy;
    const test = saved?.test ?? (await t.evaluate('test')).accuracy;
    run.detachTraining(t, key, { val, test });
    if (keep) run.resultNet = t.releaseNetwork();
    return { val, test, spec: t.spec };
  } finally {
    run.detachTraining(t, key);
    if (!keep) t.dispose();
  }
}

/**
 * "test accuracy 97.12%", or "no test split" where the run has none (PAD-NAS hosted by AutoSpace-style's payoff
 * searches on train/val only: the host tests its own result).
 */
export function testText(test: number, what = 'test accuracy'): string {
  return Number.isFinite(test) ? `${what} ${(100 * test).toFixed(2)}%` : 'no test split';
}

function setDone(run: StageHost): void {
  const f = run.found;
  if (f) run.setPhase('done', `found ${f.genotype.join('-')}: ${testText(f.testAcc)}`);
}

/**
 * The baseline (every slot MB k3 e3) priced by the same model, with its accuracies when it was trained. It stays the
 * MB k3 e3 network in a given (learned) space too, inside that space or not [ours]: the same network in both spaces
 * keeps found ÷ baseline comparable between them (the reference cell c3-zz3zzz computes the same function anyway).
 */
function pricedBaseline(run: StageHost, val: number | null, test: number | null): PadNasBaseline {
  const g = baselineGenotype(run.fullSpace.length);
  const c = archCosts(padnasSpec(g, run.skeleton));
  return { genotype: g, macs: c.macs, params: c.params, cost: run.latency.cost(g), valAccuracy: val, testAccuracy: test };
}

/** The found architecture `g`, trained stand-alone and tested; the run's result. */
export async function* finalTrain(run: StageHost, g: string[], oneShotAcc: number): AsyncGenerator<void, void, void> {
  const s = run.settings;
  run.setPhase('final-train', `stand-alone training of the found architecture ${g.join('-')}`);
  const spec = padnasSpec(g, run.skeleton, `PAD-NAS (seed ${s.seed})`);
  spec.meta = { ...spec.meta, seed: s.seed, preset: s.preset, dataset: run.data.dataset.name };
  const r = yield* standalone(run, spec, true);
  run.found = { genotype: g, spec: r.spec, cost: run.latency.cost(g), oneShotAcc, valAcc: r.val, testAcc: r.test };
  run.history.push({ phase: 'final-train', valAccuracy: r.val, testAccuracy: r.test });
  run.log(`found ${g.join('-')}: ${formatCost(run.found.cost, run.latency.window.unit)}, one-shot ${(100 * oneShotAcc).toFixed(2)}%, ${testText(r.test, 'stand-alone test')}`);
  if (!s.trainBaseline) {
    run.baseline = pricedBaseline(run, null, null);
    setDone(run);
  }
  yield; // the last unit of a run without the baseline: nothing after it runs
}

/** The hand-designed baseline with the same recipe (for found ÷ baseline). */
export async function* baselineTrain(run: StageHost): AsyncGenerator<void, void, void> {
  const g = baselineGenotype(run.fullSpace.length);
  run.setPhase('baseline-train', `stand-alone training of the baseline ${g.join('-')} (same recipe)`);
  const r = yield* standalone(run, padnasSpec(g, run.skeleton, 'baseline MB k3 e3'), false);
  run.baseline = pricedBaseline(run, r.val, r.test);
  run.history.push({ phase: 'baseline-train', valAccuracy: r.val, testAccuracy: r.test });
  run.log(`baseline ${g.join('-')}: ${formatCost(run.baseline.cost, run.latency.window.unit)}, ${testText(r.test, 'test')}`);
  setDone(run);
  yield; // the run's last unit: nothing after it runs
}
