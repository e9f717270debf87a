/**
 * What a PAD-NAS run lends its stages (the ranking panel, the stand-alone trainings): the run's settings, data and
 * latency model, the state a stage reads or fills in, and the few run services a stage calls. PadNasRun implements it.
 */
import type { ArchSpec } from '../../../core/archspec';
import type { HistoryRow } from '../../../core/method/resultRecord';
import type { Genotype, SkeletonShape } from '../../../core/space/singlePath';
import type { Network } from '../../../engine/network';
import type { TrainConfig, TrainData } from '../../../engine/trainer';
import type { SpecTraining, TrainRecipe } from '../../../engine/trainSpec';
import type { PadNasSettings } from '../config';
import type { LatencyModel } from '../latencyWindow';
import type { PadNasBaseline, PadNasPhase, PadNasRanking } from '../snapshot';
import type { StandaloneResult } from './resume';

/** What the final stand-alone training found (internal; the record carries it as common fields plus PAD-NAS's). */
export interface Found {
  genotype: string[];
  spec: ArchSpec;
  cost: number;
  oneShotAcc: number;
  valAcc: number;
  testAcc: number;
}

export interface StageHost {
  readonly settings: PadNasSettings;
  readonly skeleton: SkeletonShape;
  /** The search's split (train and val limited by the settings). */
  readonly data: TrainData;
  /** The space the search started in (hand-designed or given) and the current, pruned one. */
  readonly fullSpace: string[][];
  readonly space: string[][];
  readonly latency: LatencyModel;
  readonly phase: PadNasPhase;
  readonly history: HistoryRow[];
  ranking: PadNasRanking;
  found: Found | null;
  baseline: PadNasBaseline | null;
  /** The found architecture's stand-alone training (kept: its network is the result) and that network once released. */
  finalTraining: SpecTraining | null;
  resultNet: Network | null;
  setPhase(phase: PadNasPhase, label: string): void;
  /** The one recipe of every training in this search, with the given LR schedule. */
  recipe(schedule: TrainConfig['schedule']): TrainRecipe;
  /** One-shot validation accuracy with inherited weights (cached). */
  oneShot(g: Genotype): Promise<number>;
  log(line: string): void;
  /** A stand-alone training `key` starts (a checkpoint saves it); on a restore, `t` is put where the checkpoint left it. */
  attachTraining(key: string, t: SpecTraining): void;
  /** The training ended: with its result when it finished (a checkpoint keeps it), without one when abandoned. */
  detachTraining(t: SpecTraining, key: string, result?: StandaloneResult): void;
  /** On a restore, the result of the stand-alone training `key` when it finished before the checkpoint. */
  savedResult(key: string): StandaloneResult | undefined;
}
