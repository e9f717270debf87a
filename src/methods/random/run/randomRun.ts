/**
 * One random search (METHODS.md §4b). The candidates are drawn up front (so an empty window fails before any
 * training); each then trains from scratch for `steps` steps and is scored on the validation split; the best is
 * retrained from scratch for `finalEpochs` and, in finish(), evaluated on val and on test, once. One `step()` is one
 * training step; a candidate's validation is folded into its last step.
 */
import type { ArchSpec } from '../../../core/archspec';
import { archCosts } from '../../../core/costs';
import type { RunStart } from '../../../core/method/runStart';
import { genotypeSpec, singlePathSpace, type SkeletonShape } from '../../../core/space/singlePath';
import type { CostModel } from '../../../core/space/window';
import type { Network } from '../../../engine/network';
import { DivergenceError, type TrainConfig, type TrainData } from '../../../engine/trainer';
import { SpecTraining, type TrainRecipe } from '../../../engine/trainSpec';
import type { MethodCheckpoint, MethodContext, MethodOutcome, MethodRun, MethodStep } from '../../runTypes';
import { readResumeState, type RandomResumeState } from './resume';
import { runBudget, type RandomBudget } from '../budget';
import type { RandomConfig } from '../config';
import { sampleCandidates } from '../sampling';
import { crossCheck } from '../settings';
import type { RandomCandidate, RandomPhase, RandomSnapshot, RandomWindow } from '../snapshot';
import { bestIndex, epochMeans, historyRows, recordExtras } from '../summary';
import { describeWindow, runWindow, windowInfo } from '../window';
import { scoredCandidate } from './candidate';
import { searchData as runData } from '../../../engine/searchData';

/** Training batches that re-estimate BN statistics before a candidate is scored (when `bnRecal` is on). */
const BN_RECAL_BATCHES = 5;

const pct = (v: number | null) => (v === null ? 'diverged' : `${(100 * v).toFixed(1)}%`);

export class RandomRun implements MethodRun<RandomSnapshot> {
  private readonly skeleton: SkeletonShape;
  private readonly model: CostModel;
  private readonly window: RandomWindow;
  private readonly genotypes: string[][];
  private readonly notice: string | null;
  private readonly budget: RandomBudget;
  private readonly data: { search: TrainData; final: TrainData };
  private readonly candidates: RandomCandidate[] = [];
  private pending: RandomCandidate[] = [];
  private phase: RandomPhase = 'sample';
  private done = 0;
  private current: { training: SpecTraining; losses: number[] } | null = null;
  private final: SpecTraining | null = null;
  private finalSpec: ArchSpec | null = null;
  private readonly finalLosses: number[] = [];
  private result: { val: number; test: number } | null = null;

  constructor(
    private readonly ctx: MethodContext,
    private readonly config: RandomConfig,
  ) {
    const problems = crossCheck(config);
    if (problems.length) throw new RangeError(`Random search: ${problems.join('; ')}`);
    const ds = ctx.data.dataset;
    this.skeleton = { input: { height: ds.height, width: ds.width, channels: ds.channels }, numClasses: ds.numClasses, width: config.width, tiny: config.tiny };
    const space = singlePathSpace(config.width, config.ops);
    this.model = runWindow(config, this.skeleton, space, ctx.profile);
    this.window = windowInfo(config, this.model);
    const drawn = sampleCandidates({ space, count: config.samples, seed: config.seed, inWindow: this.model.inWindow, windowText: describeWindow(this.window) });
    this.genotypes = drawn.genotypes;
    this.notice = drawn.notice;
    if (this.notice) ctx.log?.(this.notice);
    if (ctx.data.split.val.length === 0) throw new Error('Random search picks its winner on the validation split, and this split has no validation images.');
    this.data = runData(ctx.data, config.trainLimit);
    this.budget = runBudget(config, this.genotypes.length, this.data.search.split.train.length);
  }

  start(): RunStart {
    const spec = this.specOf(0);
    const c = archCosts(spec);
    const b = this.budget;
    const info = { window: this.window, samples: this.genotypes.length, samplesRequested: this.config.samples, steps: this.config.steps, finalEpochs: this.config.finalEpochs, notice: this.notice };
    const summary = `${this.genotypes.length} architectures in ${describeWindow(this.window)}; ${b.sampleSteps} + ${b.finalSteps} steps`;
    return { spec, macs: c.macs, params: c.params, totalSteps: b.totalSteps, stepsPerEpoch: b.stepsPerEpoch, totalEpochs: b.totalEpochs, info, summary };
  }

  private specOf(i: number): ArchSpec {
    const g = this.genotypes[i];
    return genotypeSpec(g, this.skeleton, { name: `random #${i + 1} ${g.join('-')}`, method: 'random' });
  }

  private recipe(schedule: TrainConfig['schedule']): TrainRecipe {
    const c = this.config;
    return { batchSize: c.batchSize, lr: c.lr, optimizer: 'sgd', schedule, weightDecay: c.weightDecay, labelSmoothing: c.labelSmoothing, seed: c.seed, recalibrateBatches: BN_RECAL_BATCHES };
  }

  async step(): Promise<MethodStep> {
    if (this.done < this.budget.totalSteps) {
      if (this.phase === 'sample') await this.sampleStep();
      else await this.finalStep();
    }
    return { done: this.done, epoch: Math.min(this.budget.totalEpochs - 1, Math.floor(this.done / this.budget.stepsPerEpoch)) };
  }

  /** One step of the current candidate (built on its first step; scored on val after its last). */
  private async sampleStep(): Promise<void> {
    const i = this.candidates.length;
    // Same data order for every candidate (recipe seed); weights from the candidate's own stream.
    const cur = (this.current ??= { training: this.candidateTraining(i), losses: [] });
    try {
      cur.losses.push((await cur.training.step()).loss);
      this.done++;
    } catch (e) {
      if (!(e instanceof DivergenceError)) throw e;
      // A random architecture may diverge at this learning rate: it scores as failed and the search goes on.
      this.done += this.config.steps - cur.training.stepIndex;
      this.endCandidate(null);
      return;
    }
    if (cur.training.stepIndex >= this.config.steps) this.endCandidate((await cur.training.evaluate('val', { bnRecalibrate: this.config.bnRecal })).accuracy);
  }

  private candidateTraining(i: number): SpecTraining {
    const epochs = Math.ceil(this.config.steps / this.budget.stepsPerEpoch);
    return new SpecTraining(this.specOf(i), this.data.search, this.recipe('constant'), { epochs }, { initStream: `init-${i}` });
  }

  private endCandidate(valAccuracy: number | null): void {
    const cur = this.current;
    if (!cur) return;
    const i = this.candidates.length;
    const g = this.genotypes[i];
    const cand = scoredCandidate(i, g, this.specOf(i), { cost: this.model.cost(g), profile: this.ctx.profile, valAccuracy, losses: cur.losses, trainSteps: cur.training.stepIndex });
    cur.training.dispose();
    this.current = null;
    this.candidates.push(cand);
    this.pending.push(cand);
    this.ctx.log?.(`candidate ${i + 1}/${this.genotypes.length} ${g.join('-')}: val ${pct(valAccuracy)}`);
    if (this.candidates.length === this.genotypes.length) this.phase = 'final';
  }

  /** One step of the best candidate's retraining (built on the first). */
  private async finalStep(): Promise<void> {
    this.final ??= this.startFinal();
    this.finalLosses.push((await this.final.step()).loss);
    this.done++;
  }

  private startFinal(): SpecTraining {
    const b = bestIndex(this.candidates);
    if (b === null) throw new Error(`Every candidate diverged at learning rate ${this.config.lr}: lower the learning rate and start again.`);
    const g = this.genotypes[b];
    const c = this.config;
    const spec = genotypeSpec(g, this.skeleton, { name: `random search best (seed ${c.seed})`, method: 'random' });
    spec.meta = { ...spec.meta, seed: c.seed, preset: c.preset, dataset: this.ctx.data.dataset.name };
    this.finalSpec = spec;
    this.ctx.log?.(`retraining candidate ${b + 1} ${g.join('-')} (val ${pct(this.candidates[b].valAccuracy)}) from scratch for ${c.finalEpochs} epochs`);
    return new SpecTraining(spec, this.data.final, this.recipe('cosine'), { epochs: c.finalEpochs }, { initStream: 'final-init' });
  }

  /** Any steps left, then the retrained network's validation and test accuracy (the only use of the test split). */
  async finish(): Promise<void> {
    while (this.done < this.budget.totalSteps) await this.step();
    if (this.result) return;
    if (!this.final) throw new Error('the search ended before the final retraining');
    const r = (this.result = await this.final.valAndTest());
    this.phase = 'done';
    this.ctx.log?.(`retrained best: val ${pct(r.val)}, test ${pct(r.test)}`);
  }

  /** The candidates scored so far and the trainer of the one in training (or of the final retraining). */
  async checkpoint(): Promise<MethodCheckpoint> {
    const state: RandomResumeState = {
      v: 1,
      genotypes: this.genotypes,
      phase: this.phase,
      candidates: this.candidates,
      current: this.current ? { losses: this.current.losses, trainer: await this.current.training.trainer.checkpoint() } : null,
      final: this.final ? { losses: this.finalLosses, trainer: await this.final.trainer.checkpoint() } : null,
    };
    return { done: this.done, state: structuredClone(state) };
  }

  restore(cp: MethodCheckpoint): void {
    if (this.done > 0 || this.current || this.final) throw new Error('restore() needs a fresh run (no step taken yet)');
    const s = readResumeState(cp.state, this.genotypes);
    if (s.current) {
      const training = this.candidateTraining(s.candidates.length);
      try {
        training.trainer.restore(s.current.trainer);
      } catch (e) {
        training.dispose();
        throw e;
      }
      this.current = { training, losses: s.current.losses.slice() };
    }
    this.candidates.push(...s.candidates);
    this.pending = s.candidates.slice();
    this.phase = s.phase;
    this.done = cp.done;
    if (s.final) {
      this.final = this.startFinal();
      this.final.trainer.restore(s.final.trainer);
      this.finalLosses.push(...s.final.losses);
    }
  }

  snapshot(): RandomSnapshot {
    const cands = this.pending;
    this.pending = [];
    const steps = this.config.steps;
    const sampling = this.phase === 'sample';
    return {
      phase: this.phase,
      candidates: cands,
      samples: this.genotypes.length,
      current: sampling ? { index: this.candidates.length, step: this.current?.training.stepIndex ?? 0, steps } : null,
      final: this.phase === 'final' ? { step: this.final?.stepIndex ?? 0, steps: this.budget.finalSteps } : null,
      bestIndex: bestIndex(this.candidates),
      window: this.window,
    };
  }

  outcome(): MethodOutcome {
    const r = this.result;
    const b = bestIndex(this.candidates);
    if (!r || !this.finalSpec || !this.final || b === null) throw new Error('outcome() needs a finished run (call finish() first)');
    const epochLoss = epochMeans(this.finalLosses, this.budget.stepsPerEpoch, this.config.finalEpochs);
    const extras = recordExtras({
      candidates: this.candidates.slice(),
      bestIndex: b,
      genotype: this.genotypes[b],
      window: this.window,
      steps: this.config.steps,
      finalEpochs: this.config.finalEpochs,
      samplesRequested: this.config.samples,
    });
    return {
      archSpec: this.finalSpec,
      valAccuracy: r.val,
      testAccuracy: r.test,
      history: historyRows(this.candidates, epochLoss, r.val, r.test),
      extras,
      resultSteps: this.final.stepIndex,
      trainImages: this.data.search.split.train.length,
    };
  }

  releaseNetwork(): Network {
    if (!this.final) throw new Error('there is no result network before the final retraining');
    return this.final.releaseNetwork();
  }

  dispose(): void {
    this.current?.training.dispose();
    this.current = null;
    this.final?.dispose();
  }
}
