/** What a finished PAD-NAS search gives its host (MethodRun.outcome): the found network and PAD-NAS's record fields. */
import type { MethodOutcome } from '../../runTypes';
import type { PadNasPhase, PadNasRecordFields } from '../snapshot';
import type { PadNasRun } from './padnasRun';

/** The parts of a run its outcome is made of. */
type OutcomeSource = Pick<
  PadNasRun,
  'found' | 'baseline' | 'settings' | 'stages' | 'ranking' | 'latency' | 'spaceLog10' | 'evaluations' | 'front' | 'fullSpace' | 'history' | 'finalTraining' | 'data'
>;

/** JSON has no NaN: τ that could not be measured is null in a record. */
function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** The found architecture after stand-alone training, with PAD-NAS's record fields; `phaseSeconds`: seconds per phase. */
export function padnasOutcome(run: OutcomeSource, phaseSeconds: Partial<Record<PadNasPhase, number>>): MethodOutcome {
  const f = run.found;
  const b = run.baseline;
  const s = run.settings;
  if (!f || !b) throw new Error('the search has not finished: no found architecture yet');
  const extras: PadNasRecordFields = {
    genotype: f.genotype,
    oneShotAccuracy: f.oneShotAcc,
    cost: f.cost,
    stages: run.stages.slice(),
    ranking: { ...run.ranking, tauBefore: finiteOrNull(run.ranking.tauBefore), tauAfter: finiteOrNull(run.ranking.tauAfter) },
    window: run.latency.window,
    windowNotice: run.latency.notice,
    baseline: b,
    spaceLog10: run.spaceLog10.slice(),
    evaluations: run.evaluations,
    phaseSeconds: { ...phaseSeconds },
    front: run.front.map((p) => ({ ...p, genotype: p.genotype.slice() })),
    space: {
      kind: s.space ? 'given' : 'hand',
      family: s.space ? null : s.ops,
      slots: run.fullSpace.map((o) => o.slice()),
      from: s.space ? (s.spaceFrom ?? null) : null,
    },
  };
  return {
    archSpec: f.spec,
    valAccuracy: f.valAcc,
    testAccuracy: f.testAcc,
    history: run.history.slice(),
    extras: { ...extras },
    resultSteps: run.finalTraining?.stepIndex ?? 0,
    trainImages: run.data.split.train.length,
  };
}
