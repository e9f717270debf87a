/**
 * What a PAD-NAS run's checkpoint holds besides the step count (MethodCheckpoint.state), and the replay a restore runs.
 *
 * PAD-NAS is one plan (an async generator: supernet training, search rounds, pruning, fine-tuning, the ranking panel,
 * stand-alone trainings), so a restore replays that plan up to the checkpoint with every costly effect replaced by
 * what the checkpoint recorded: supernet steps take their recorded losses (no training), one-shot evaluations hit the
 * saved cache, finished stand-alone trainings give their saved accuracies. The cheap, structural effects run for real
 * (path draws, the NSGA-II rounds and their random streams, pruning the supernet), and then the trainers' saved states
 * are loaded: the supernet's weights, optimizer and batch order, the evaluator's BN-recalibration stream, and the
 * stand-alone training in progress. A replay that does not land exactly where the checkpoint was is refused.
 */
import type { Rng, RngState } from '../../../core/rng';
import type { BatchSourceState } from '../../../engine/batches';
import type { Trainer, TrainerCheckpoint } from '../../../engine/trainer';
import type { SpecTraining } from '../../../engine/trainSpec';
import type { MethodCheckpoint } from '../../runTypes';
import type { PadNasPhase } from '../snapshot';

/** A stand-alone training's result (the ranking panel's have no test accuracy). */
export interface StandaloneResult {
  val: number;
  test: number | null;
}

export interface PadNasResumeState {
  v: 1;
  /** The loss of every supernet step so far, in order. */
  losses: number[];
  /** One-shot validation accuracies by `genotype@weights-version`, in evaluation order. */
  cache: [string, number][];
  /** One-shot evaluations run so far (cache misses). */
  evaluations: number;
  /** The stand-alone trainings finished so far, by key (`rank-before-3`, `final`, `baseline`). */
  results: [string, StandaloneResult][];
  /** The stand-alone training in progress, by key, with its trainer. */
  current: { key: string; trainer: TrainerCheckpoint } | null;
  /** The finished final training while the baseline trains: its network is the run's result. */
  result: TrainerCheckpoint | null;
  /** The supernet's trainer: weights, BN statistics, keyed optimizer slots, batch order. */
  supernet: TrainerCheckpoint;
  /** The one-shot evaluator's BN-recalibration batch stream. */
  evalRecal: BatchSourceState | null;
  /** The path sampler's stream: the replay must reach exactly this position. */
  pathRng: RngState;
  /** Wall-clock seconds per phase so far (the record's phaseSeconds). */
  phaseSeconds: Partial<Record<PadNasPhase, number>>;
}

const isPair = (x: unknown): boolean => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string';

/** The state, checked for shape; throws in plain words when it is not a PAD-NAS checkpoint of this version. */
export function readResumeState(raw: unknown): PadNasResumeState {
  const s = raw as Partial<PadNasResumeState> | null;
  const ok =
    s && s.v === 1 && Array.isArray(s.losses) && s.losses.every((l) => typeof l === 'number') && Array.isArray(s.cache) && s.cache.every(isPair) &&
    Array.isArray(s.results) && s.results.every(isPair) && Number.isInteger(s.evaluations) && s.supernet && s.pathRng && typeof s.phaseSeconds === 'object';
  if (!ok) throw new RangeError('the checkpoint is not one of a PAD-NAS search of this version');
  if (s.current && (typeof s.current.key !== 'string' || !s.current.trainer)) throw new RangeError('the checkpoint of this PAD-NAS search has no trainer state for its training in progress');
  return s as PadNasResumeState;
}

/** The replay of a restore: hands out what the checkpoint recorded, and checks that all of it was used. */
export class Replay {
  private nextLoss = 0;
  private readonly results: Map<string, StandaloneResult>;
  /** Cache keys met so far in the replay: the first meeting of each was an evaluation in the original run. */
  readonly seen = new Set<string>();
  private currentMet = false;

  constructor(readonly state: PadNasResumeState) {
    this.results = new Map(state.results);
  }

  /** The recorded loss of the next supernet step. */
  loss(): number {
    if (this.nextLoss >= this.state.losses.length) throw new RangeError(`the checkpoint recorded ${this.state.losses.length} supernet steps; this search takes more before reaching it (other settings or data)`);
    return this.state.losses[this.nextLoss++];
  }

  /** A stand-alone training finished before the checkpoint. */
  saved(key: string): StandaloneResult | undefined {
    return this.results.get(key);
  }

  /** The saved trainer state for the stand-alone training `key` (in progress, or the finished final one), if any. */
  trainerFor(key: string): TrainerCheckpoint | null {
    const cur = this.state.current;
    if (cur && cur.key === key) {
      this.currentMet = true;
      return cur.trainer;
    }
    return key === 'final' ? this.state.result : null;
  }

  /** Throws unless the replay used every recorded step and met the training in progress. */
  check(evaluations: number, pathRng: RngState): void {
    const s = this.state;
    if (this.nextLoss !== s.losses.length) throw new RangeError(`the replay reached the checkpoint after ${this.nextLoss} of its ${s.losses.length} supernet steps (other settings or data)`);
    if (s.current && !this.currentMet) throw new RangeError(`the checkpoint's training in progress (${s.current.key}) is not where this search would be (other settings or data)`);
    if (evaluations !== s.evaluations) throw new RangeError(`the replay counted ${evaluations} one-shot evaluations; the checkpoint ${s.evaluations} (other settings or data)`);
    if (pathRng.state !== s.pathRng.state || pathRng.key !== s.pathRng.key) throw new RangeError('the replay drew other supernet paths than the checkpoint (other settings or data)');
  }
}

/** The parts of a PAD-NAS run a checkpoint saves and a restore loads besides what its ResumeLog records. */
export interface ResumeParts {
  /** One-shot validation accuracies by `genotype@weights-version`. */
  cache: Map<string, number>;
  /** The supernet's trainer. */
  supernet: Trainer;
  /** The one-shot evaluator (its BN-recalibration stream). */
  evaluator: Trainer;
  /** The path sampler. */
  pathRng: Rng;
}

/**
 * The checkpoint side of a running PAD-NAS search (PadNasRun's checkpoint and restore): what it records for its
 * checkpoints (every supernet step's loss, the finished stand-alone trainings' results, the training in progress), the
 * state a checkpoint saves, and a restore's replay of the plan.
 */
export class ResumeLog {
  /** The loss of every supernet step so far (during a replay, the recorded ones). */
  readonly losses: number[] = [];
  private readonly results = new Map<string, StandaloneResult>();
  private current: { key: string; t: SpecTraining } | null = null;
  /** While a restore replays the plan up to its checkpoint. */
  replay: Replay | null = null;

  constructor(private readonly parts: ResumeParts) {}

  /** The stand-alone training `key` starts (what a checkpoint saves); on a restore, `t` is put where it stood. */
  attach(key: string, t: SpecTraining): void {
    this.current = { key, t };
    const saved = this.replay?.trainerFor(key);
    if (saved) t.trainer.restore(saved);
  }

  /** The training `t` ended: with a result when it finished (kept for a checkpoint), without one when abandoned. */
  detach(t: SpecTraining, key: string, result?: StandaloneResult): void {
    if (result) this.results.set(key, result);
    if (this.current?.t === t) this.current = null;
  }

  /** On a restore, the result of the stand-alone training `key` when it finished before the checkpoint. */
  saved(key: string): StandaloneResult | undefined {
    return this.replay?.saved(key);
  }

  /**
   * What a checkpoint saves: the recorded losses, one-shot cache and finished stand-alone results a restore replays
   * the plan with, and the trainers' states it then loads. `final`: the found architecture's stand-alone training, if
   * any; `phaseSeconds`: the run's seconds per phase up to now.
   */
  async state(evaluations: number, final: SpecTraining | null, phaseSeconds: () => PadNasResumeState['phaseSeconds']): Promise<PadNasResumeState> {
    const p = this.parts;
    return {
      v: 1,
      losses: this.losses.slice(),
      cache: [...p.cache],
      evaluations,
      results: [...this.results],
      current: this.current ? { key: this.current.key, trainer: await this.current.t.trainer.checkpoint() } : null,
      result: final && this.current?.t !== final ? await final.trainer.checkpoint() : null,
      supernet: await p.supernet.checkpoint(),
      evalRecal: p.evaluator.recalState(),
      pathRng: p.pathRng.save(),
      phaseSeconds: phaseSeconds(),
    };
  }

  /**
   * Replay the run's plan `work` (of `totalSteps` units) up to the checkpoint `cp` without training, then load the
   * trainers' states; returns the checkpoint's state. `evaluations`: the run's one-shot evaluations so far. Refuses, in
   * plain words, a checkpoint the replay does not land on exactly.
   */
  async replayTo(cp: MethodCheckpoint, totalSteps: number, work: AsyncGenerator<void, void, void>, evaluations: () => number): Promise<PadNasResumeState> {
    const st = readResumeState(cp.state);
    if (!Number.isInteger(cp.done) || cp.done < 0 || cp.done >= totalSteps) throw new RangeError(`the checkpoint is at unit ${cp.done}; this search has ${totalSteps}`);
    const replay = new Replay(st);
    this.replay = replay;
    st.cache.forEach(([k, v]) => this.parts.cache.set(k, v));
    try {
      for (let i = 0; i < cp.done; i++) {
        const r = await work.next();
        if (r.done) throw new RangeError(`this search ended after ${i} units; the checkpoint is at ${cp.done} (other settings)`);
      }
      replay.check(evaluations(), this.parts.pathRng.save());
      this.parts.supernet.restore(st.supernet);
      this.parts.evaluator.restoreRecal(st.evalRecal);
    } finally {
      this.replay = null;
    }
    return st;
  }
}
