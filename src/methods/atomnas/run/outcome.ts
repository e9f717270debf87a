/** What an AtomNAS search gives its host (MethodRun.outcome): the network it left behind and AtomNAS's record fields. */
import type { HistoryRow } from '../../../core/method/resultRecord';
import { recordLatency } from '../../../core/method/buildRecord';
import type { MethodContext, MethodOutcome } from '../../runTypes';
import type { AtomNasRecordFields, AtomNasValPoint } from '../snapshot';
import type { AtomNasRun } from './run';

/** The run's own (private) parts of its outcome. */
export interface OutcomeParts {
  /** finish()'s validation and test (null before it). */
  final: { val: AtomNasValPoint; testAcc: number; testLoss: number } | null;
  lastVal: AtomNasValPoint | null;
  history: HistoryRow[];
  profile: MethodContext['profile'];
}

/** The found network and its figures (after `finish()`; before it, the current network with the last validation). */
export function atomnasOutcome(
  run: Pick<AtomNasRun, 'supernetMacs' | 'supernetParams' | 'supernet' | 'latency' | 'trainer' | 'events' | 'net' | 'trainImages'>,
  { final: f, lastVal, history, profile }: OutcomeParts,
): MethodOutcome {
  const extras: AtomNasRecordFields = {
    supernetMacs: run.supernetMacs,
    supernetParams: run.supernetParams,
    supernetLatency: recordLatency(run.supernet, profile),
    latencyPricedBy: run.latency?.profileName ?? null,
    testLoss: f ? f.testLoss : null,
    steps: run.trainer.stepIndex,
    events: run.events.slice(),
  };
  return {
    archSpec: run.net.spec,
    valAccuracy: f ? f.val.acc : (lastVal?.acc ?? null),
    testAccuracy: f ? f.testAcc : null,
    history: history.map((r) => ({ ...r })),
    extras: { ...extras },
    resultSteps: run.trainer.stepIndex,
    trainImages: run.trainImages,
  };
}
