/**
 * One PAD-NAS search (METHODS.md §2): train a single-path supernet over every layer's op set, then M − 2 times: NSGA-II
 * search inside the latency window → drop the ops the good architectures (rank < k) rarely use → fine-tune the smaller
 * supernet with inherited weights; a final search picks the best architecture in the window, which is trained
 * stand-alone and tested (and, if asked, the hand-designed baseline with the same recipe). The ranking panel (one-shot
 * vs short stand-alone accuracy, Kendall τ) is measured on the full space after stage 1 and on the pruned space at the
 * end. Every unit of work is one `step()`. The device profile (ctx.profile) makes predicted latency the second
 * objective; without one, MACs.
 */
import { archCosts } from '../../../core/costs';
import type { HistoryRow } from '../../../core/method/resultRecord';
import type { RunStart } from '../../../core/method/runStart';
import { extremeGenotypes, genotypeKey, sampleGenotype, singlePathSpace, spaceSizeLog10, type Genotype, type SkeletonShape } from '../../../core/space/singlePath';
import { formatCost } from '../../../core/space/window';
import { rngStream, type Rng } from '../../../core/rng';
import type { Network } from '../../../engine/network';
import { Trainer, type TrainConfig, type TrainData } from '../../../engine/trainer';
import type { SpecTraining, TrainRecipe } from '../../../engine/trainSpec';
import { limitTrain } from '../../../data/split';
import type { MethodCheckpoint, MethodContext, MethodOutcome, MethodRun, MethodStep } from '../../runTypes';
import { limitVal, plannedUnits } from '../budget';
import { pruneRounds, type PadNasSettings } from '../config';
import { latencyModel, type LatencyModel } from '../latencyWindow';
import { padnasSpec, spaceColumns } from '../ops';
import { opShares, pruneByShare, topRanked } from '../prune';
import { SearchRound } from '../searchRound';
import type { PadNasBaseline, PadNasFrontPoint, PadNasPhase, PadNasRanking, PadNasSnapshot, PadNasStage } from '../snapshot';
import { finalFront } from '../front';
import { padnasOutcome } from './outcome';
import { rankPanel } from './rankPanel';
import type { Found, StageHost } from './stageHost';
import { ResumeLog, type StandaloneResult } from './resume';
import { baselineTrain, finalTrain } from './standaloneStage';
import { SinglePathSupernet } from './supernet';

export class PadNasRun implements MethodRun<PadNasSnapshot>, StageHost {
  readonly totalSteps: number;
  readonly totalEpochs: number;
  readonly supernet: SinglePathSupernet;
  readonly trainer: Trainer;
  readonly latency: LatencyModel;
  readonly skeleton: SkeletonShape;
  readonly fullSpace: string[][];
  /** The heatmap's op columns (the seven single-path ops, or a given space's ops and cells). */
  readonly columns: string[];
  space: string[][];
  phase: PadNasPhase = 'train';
  phaseLabel = 'supernet training (stage 1)';
  readonly stages: PadNasStage[] = [];
  readonly spaceLog10: number[];
  ranking: PadNasRanking = { before: [], after: [], tauBefore: Number.NaN, tauAfter: Number.NaN };
  found: Found | null = null;
  /** The final search's front (one-shot accuracy vs cost), set when it ends. */
  front: PadNasFrontPoint[] = [];
  baseline: PadNasBaseline | null = null;
  done = 0;
  /** One-shot evaluations actually run (cache misses). */
  evaluations = 0;
  readonly data: TrainData;
  private readonly evalTrainer: Trainer;
  private readonly pathRng: Rng;
  private readonly work: AsyncGenerator<void, void, void>;
  private round: SearchRound | null = null;
  private roundIndex = 0;
  private shares: number[][];
  private readonly cache = new Map<string, number>();
  /** Bumped whenever supernet weights change, so cached one-shot accuracies of older weights are not reused. */
  private weightsVersion = 0;
  private lossSum = 0;
  private lossN = 0;
  /** Supernet loss of the current epoch (the record's history). */
  private epochLossSum = 0;
  private epochLossN = 0;
  readonly history: HistoryRow[] = [];
  private readonly phaseSeconds: Partial<Record<PadNasPhase, number>> = {};
  private phaseT0 = performance.now();
  finalTraining: SpecTraining | null = null;
  resultNet: Network | null = null;
  private released = false;
  /** Every supernet step's loss, the finished stand-alone trainings and the one in progress: what a checkpoint saves. */
  private readonly resume: ResumeLog;

  constructor(
    private readonly ctx: MethodContext,
    readonly settings: PadNasSettings,
  ) {
    const s = settings;
    const { dataset } = ctx.data;
    this.skeleton = { input: { height: dataset.height, width: dataset.width, channels: dataset.channels }, numClasses: dataset.numClasses, width: s.width, tiny: s.tiny };
    // A given space (a learned one) replaces the hand-designed space everywhere; the cross-check has checked its ops.
    this.fullSpace = s.space ? s.space.map((o) => o.slice()) : singlePathSpace(s.width, s.ops);
    if (s.space) ctx.log?.(`searching a given space (${s.spaceFrom?.file ?? s.spaceFrom?.createdBy.method ?? 'no file'}): 10^${spaceSizeLog10(this.fullSpace).toFixed(2)} architectures; the op family setting is not used`);
    this.columns = spaceColumns(this.fullSpace);
    this.space = this.fullSpace.map((o) => o.slice());
    this.spaceLog10 = [spaceSizeLog10(this.space)];
    this.shares = this.fullSpace.map(() => this.columns.map(() => Number.NaN));
    this.latency = latencyModel(this.skeleton, this.fullSpace, s.windowLo, s.windowHi, ctx.profile);
    if (this.latency.notice) ctx.log?.(this.latency.notice);
    const split = limitVal(limitTrain(ctx.data.split, s.trainLimit), s.valLimit);
    this.data = { dataset, split };
    this.supernet = new SinglePathSupernet(this.skeleton, this.space, rngStream(s.seed, 'init'));
    const rounds = pruneRounds(s);
    const cfg = this.trainConfig(s.supernetEpochs + rounds * s.finetuneEpochs, 'cosine');
    try {
      const hooks = { forward: this.supernet.forward, trainableNames: () => this.supernet.pathNames(this.supernet.path) };
      this.trainer = new Trainer(this.supernet.net, this.data, cfg, hooks);
      this.evalTrainer = new Trainer(this.supernet.net, this.data, { ...cfg, recalibrateBatches: s.bnRecalBatches }, { forward: this.supernet.forward });
    } catch (e) {
      this.supernet.dispose();
      throw e;
    }
    this.pathRng = rngStream(s.seed, 'path');
    this.resume = new ResumeLog({ cache: this.cache, supernet: this.trainer, evaluator: this.evalTrainer, pathRng: this.pathRng });
    this.totalSteps = plannedUnits(s, this.trainer.stepsPerEpoch);
    this.totalEpochs = s.supernetEpochs + rounds * s.finetuneEpochs + s.finalEpochs * (s.trainBaseline ? 2 : 1);
    this.work = this.plan();
  }

  /** What the run starts from: the supernet's frame, MACs of the dearest architecture, the window and the plan. */
  start(): RunStart {
    const w = this.latency.window;
    // A single-path supernet has no one MAC count of its own: report the dearest architecture of the space (the
    // window's 1 when it is in MACs: priced slot by slot, exact for cells too; else the op-name heuristic's dearest).
    const macs = w.unit === 'MACs' ? w.max : archCosts(padnasSpec(extremeGenotypes(this.fullSpace).dearest, this.skeleton)).macs;
    const unit = w.unit === 'ms' ? `predicted latency, profile "${w.profileName ?? ''}"` : 'MACs (no device profile)';
    return {
      spec: this.supernet.frame,
      macs,
      params: this.supernet.net.params.count((e) => e.trainable),
      totalSteps: this.totalSteps,
      stepsPerEpoch: this.trainer.stepsPerEpoch,
      totalEpochs: this.totalEpochs,
      info: { window: w, notice: this.latency.notice },
      summary: `${this.totalSteps} units, ${this.trainer.stepsPerEpoch} steps/epoch; ${this.settings.space ? 'given space' : `${this.settings.ops} space`} 10^${this.spaceLog10[0].toFixed(2)}; window ${formatCost(w.lo, w.unit)} … ${formatCost(w.hi, w.unit)} in ${unit}`,
    };
  }

  /** The one recipe of every training in this search (supernet and stand-alone), with the given LR schedule. */
  recipe(schedule: TrainConfig['schedule']): TrainRecipe {
    const s = this.settings;
    return { batchSize: s.batchSize, lr: s.lr, optimizer: 'sgd', schedule, weightDecay: s.weightDecay, labelSmoothing: s.labelSmoothing, seed: s.seed, recalibrateBatches: s.bnRecalBatches };
  }

  /** Epochs of training steps = the trainer's schedule. */
  private trainConfig(epochs: number, schedule: TrainConfig['schedule']): TrainConfig {
    return { epochs, ...this.recipe(schedule) };
  }

  /** One supernet step on a path drawn uniformly from the current op sets. */
  private async supernetStep(): Promise<void> {
    this.supernet.path = sampleGenotype(this.space, () => this.pathRng.next());
    // A replay takes the recorded loss instead of training (the restore loads the trained weights at its end).
    const replay = this.resume.replay;
    const loss = replay ? replay.loss() : (await this.trainer.trainStep()).loss;
    this.resume.losses.push(loss);
    this.weightsVersion++;
    this.lossSum += loss;
    this.lossN++;
    this.epochLossSum += loss;
    this.epochLossN++;
    if (this.epochLossN === this.trainer.stepsPerEpoch) {
      this.history.push({ epoch: this.resume.losses.length / this.trainer.stepsPerEpoch, phase: this.phase, loss: this.epochLossSum / this.epochLossN });
      this.epochLossSum = 0;
      this.epochLossN = 0;
    }
  }

  /** One-shot validation accuracy with inherited weights (BN re-estimated first when the toggle is on); cached. */
  async oneShot(g: Genotype): Promise<number> {
    const key = `${genotypeKey(g)}@${this.weightsVersion}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      // A replay finds every evaluation in the restored cache: the first meeting of a key was one in the original run.
      const replay = this.resume.replay;
      if (replay && !replay.seen.has(key)) {
        replay.seen.add(key);
        this.evaluations++;
      }
      return hit;
    }
    this.supernet.path = g.slice();
    const r = await this.evalTrainer.evaluate('val', { bnRecalibrate: this.settings.bnRecal });
    this.evaluations++;
    this.cache.set(key, r.accuracy);
    return r.accuracy;
  }

  private async *plan(): AsyncGenerator<void, void, void> {
    const s = this.settings;
    const spe = this.trainer.stepsPerEpoch;
    for (let i = 0; i < spe * s.supernetEpochs; i++) {
      await this.supernetStep();
      yield;
    }
    yield* rankPanel(this, 'before');
    const rounds = pruneRounds(s);
    for (let r = 1; r <= rounds + 1; r++) {
      const final = r === rounds + 1;
      yield* this.searchRound(r, final);
      if (final) break;
      this.setPhase('finetune', `fine-tuning the pruned supernet (round ${r})`);
      for (let i = 0; i < spe * s.finetuneEpochs; i++) {
        await this.supernetStep();
        yield;
      }
    }
    const best = this.round?.best();
    if (!best) throw new Error('the final search found no architecture');
    yield* rankPanel(this, 'after');
    yield* finalTrain(this, best.genotype, -best.objectives[0]);
    if (s.trainBaseline) yield* baselineTrain(this);
  }

  log(line: string): void {
    if (!this.resume.replay) this.ctx.log?.(line);
  }

  /** The stand-alone training `key` starts (what a checkpoint saves); on a restore, `t` is put where it stood. */
  attachTraining(key: string, t: SpecTraining): void {
    this.resume.attach(key, t);
  }

  /** The training `t` ended: with a result when it finished (kept for a checkpoint), without one when abandoned. */
  detachTraining(t: SpecTraining, key: string, result?: StandaloneResult): void {
    this.resume.detach(t, key, result);
  }

  /** On a restore, the result of the stand-alone training `key` when it finished before the checkpoint. */
  savedResult(key: string): StandaloneResult | undefined {
    return this.resume.saved(key);
  }

  setPhase(phase: PadNasPhase, label: string): void {
    const now = performance.now();
    this.phaseSeconds[this.phase] = (this.phaseSeconds[this.phase] ?? 0) + (now - this.phaseT0) / 1000;
    this.phaseT0 = now;
    this.phase = phase;
    this.phaseLabel = label;
    this.log(`[${this.done}/${this.totalSteps}] ${label}`);
  }

  private async *searchRound(r: number, final: boolean): AsyncGenerator<void, void, void> {
    const s = this.settings;
    this.roundIndex = r;
    const round = new SearchRound({
      space: this.space,
      population: s.population,
      generations: s.generations,
      crossoverProb: s.crossoverProb,
      mutationRate: s.mutationRate,
      inWindow: (g) => this.latency.inWindow(g),
      latency: (g) => this.latency.cost(g),
      oneShot: (g) => this.oneShot(g),
      rng: rngStream(s.seed, `evolve-${r}`),
    });
    this.round = round;
    this.setPhase('search', `${final ? 'final search' : `search round ${r}`}, generation 1/${s.generations + 1}`);
    const evals0 = this.evaluations;
    let i = 0;
    const per = s.population;
    const units = per * (s.generations + 1);
    for await (const _ of round.run()) {
      i++;
      // The vote and the pruning belong to the round's last unit: its snapshot already shows the greyed cells.
      if (i < units) yield;
      if (i % per === 0 && i < units) this.setPhase('search', `${final ? 'final search' : `search round ${r}`}, generation ${i / per + 1}/${s.generations + 1}`);
    }
    const voters = topRanked(round.history, s.rankK);
    const shares = opShares(voters, this.space);
    const pruned = final ? { space: this.space.map((o) => o.slice()), removed: this.space.map(() => []) } : pruneByShare(this.space, shares, s.shareThreshold);
    const stage: PadNasStage = {
      round: r,
      final,
      spaceBefore: this.space.map((o) => o.slice()),
      shares,
      removed: pruned.removed,
      spaceAfter: pruned.space,
      log10Before: spaceSizeLog10(this.space),
      log10After: spaceSizeLog10(pruned.space),
      voters: voters.length,
      evaluations: this.evaluations - evals0,
      discarded: round.discarded,
    };
    this.shares = this.fullSpace.map((_, j) => this.columns.map((op) => (op in shares[j] ? shares[j][op] : Number.NaN)));
    if (final) this.front = finalFront(round.evaluated);
    if (!final) {
      pruned.removed.forEach((ops, j) => ops.forEach((op) => this.supernet.removeOp(j, op, this.trainer.optimizer)));
      this.space = pruned.space;
      this.spaceLog10.push(stage.log10After);
      const n = pruned.removed.reduce((a, o) => a + o.length, 0);
      this.log(`round ${r}: ${voters.length} voters, removed ${n} ops; space 10^${stage.log10Before.toFixed(2)} → 10^${stage.log10After.toFixed(2)}`);
    }
    this.stages.push(stage);
    this.history.push({ round: r, phase: final ? 'final search' : 'search', voters: voters.length, evaluations: stage.evaluations, discarded: stage.discarded, bestOneShot: -round.best().objectives[0], log10After: stage.log10After });
    yield;
  }

  async step(): Promise<MethodStep> {
    if (this.done < this.totalSteps) {
      const r = await this.work.next();
      if (r.done) this.done = this.totalSteps;
      else this.done++;
    }
    return { done: this.done, epoch: Math.min(this.totalEpochs - 1, Math.floor(this.trainer.stepIndex / this.trainer.stepsPerEpoch)) };
  }

  /**
   * Everything the rest of the search depends on, between two units: the recorded losses, one-shot cache and finished
   * stand-alone results a restore replays the plan with (resume.ts), and the trainers' states it then loads.
   */
  async checkpoint(): Promise<MethodCheckpoint> {
    if (this.done >= this.totalSteps) throw new Error('the run is finished: nothing to checkpoint');
    const phaseSeconds = () => ({ ...this.phaseSeconds, [this.phase]: (this.phaseSeconds[this.phase] ?? 0) + (performance.now() - this.phaseT0) / 1000 });
    return { done: this.done, state: await this.resume.state(this.evaluations, this.finalTraining, phaseSeconds) };
  }

  /**
   * Continue from a checkpoint on a fresh run of the same settings and data (after `start()`, before any `step()`):
   * replays the plan up to it without training (resume.ts), then loads the trainers' states. Refuses, in plain words,
   * a checkpoint the replay does not land on exactly.
   */
  async restore(cp: MethodCheckpoint): Promise<void> {
    if (this.done > 0 || this.resume.losses.length > 0) throw new Error('restore() needs a fresh run (no step taken yet)');
    const st = await this.resume.replayTo(cp, this.totalSteps, this.work, () => this.evaluations);
    this.done = cp.done;
    this.lossSum = 0;
    this.lossN = 0;
    for (const k of Object.keys(this.phaseSeconds) as PadNasPhase[]) delete this.phaseSeconds[k];
    Object.assign(this.phaseSeconds, st.phaseSeconds);
    this.phaseT0 = performance.now();
  }

  /** Drain the generator if anything is left (nothing normally: the last unit is the last test). */
  async finish(): Promise<void> {
    while (!this.baseline) {
      const r = await this.work.next();
      if (r.done) break;
    }
    if (!this.found || !this.baseline) throw new Error('the search ended without a final architecture');
  }

  /** The found architecture after stand-alone training, with PAD-NAS's record fields. */
  outcome(): MethodOutcome {
    return padnasOutcome(this, this.phaseSeconds);
  }

  snapshot(): PadNasSnapshot {
    const loss = this.lossN > 0 ? this.lossSum / this.lossN : Number.NaN;
    this.lossSum = 0;
    this.lossN = 0;
    const round = this.round;
    return {
      step: this.done,
      totalSteps: this.totalSteps,
      phase: this.phase,
      phaseLabel: this.phaseLabel,
      ops: this.columns.slice(),
      allowed: this.fullSpace.map((ops) => this.columns.map((op) => ops.includes(op))),
      space: this.space.map((o) => o.slice()),
      shares: this.shares.map((r) => r.slice()),
      stages: this.stages.slice(),
      spaceLog10: this.spaceLog10.slice(),
      window: this.latency.window,
      population: round && round.population.length ? { round: this.roundIndex, generation: round.generation, points: round.points() } : null,
      ranking: this.ranking,
      loss,
    };
  }

  /** The found architecture's stand-alone network once trained; the supernet before that. */
  private network(): Network {
    return this.resultNet ?? this.finalTraining?.net ?? this.supernet.net;
  }

  releaseNetwork(): Network {
    this.released = true;
    return this.network();
  }

  dispose(): void {
    const out = this.released ? this.network() : null;
    void this.work.return(undefined);
    this.trainer.dispose();
    this.evalTrainer.dispose();
    if (out !== this.supernet.net) this.supernet.dispose();
    if (this.finalTraining) {
      if (out === this.finalTraining.net) this.finalTraining.releaseNetwork();
      this.finalTraining.dispose();
    }
    if (this.resultNet && out !== this.resultNet) this.resultNet.dispose();
    this.resultNet = null;
  }
}
