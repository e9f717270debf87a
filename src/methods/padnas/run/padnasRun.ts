/**
 * One PAD-NAS search (METHODS.md §2): train a single-path supernet over every layer's op set, then M − 2 times: NSGA-II
 * search inside the latency window → drop the ops the good architectures (rank < k) rarely use → fine-tune the smaller
 * supernet with inherited weights; a final search picks the best architecture in the window, which is trained
 * stand-alone and tested. The ranking panel (one-shot vs short stand-alone accuracy, Kendall τ) is measured on the
 * full space after stage 1 and on the pruned space at the end. Every unit of work is one `step()`.
 */
import { archCosts } from '../../core/costs';
import { kendallTauB } from '../../core/latency/rank';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { baselineGenotype, genotypeKey, genotypeSpec, initialSpace, PADNAS_OPS, sampleGenotype, spaceSizeLog10, type Genotype, type PadSkeleton } from '../../core/padnas/ops';
import { opShares, pruneByShare, topRanked } from '../../core/padnas/prune';
import { pruneRounds, type PadNasSettings } from '../../core/padnas/settings';
import type { PadNasFinal, PadNasPhase, PadNasRankPoint, PadNasRanking, PadNasSnapshot, PadNasStage } from '../../core/padnas/snapshot';
import { rngStream, type Rng } from '../../core/rng';
import type { Network } from '../../engine/network';
import { Trainer, type TrainConfig, type TrainData } from '../../engine/trainer';
import { limitTrain } from '../../data/split';
import type { MethodContext, MethodResult, MethodRun, MethodStep } from '../types';
import { limitVal, plannedUnits } from './budget';
import { latencyModel, type LatencyModel } from './latencyWindow';
import { SearchRound } from './searchRound';
import { StandaloneTraining } from './standalone';
import { SinglePathSupernet } from './supernet';

/** Inputs that are not settings. */
export interface PadNasExtras {
  /** The device profile whose predicted latency is the second objective (null / absent: MACs). */
  profile?: LatencyProfile | null;
}

export class PadNasRun implements MethodRun<PadNasSnapshot> {
  readonly totalSteps: number;
  readonly totalEpochs: number;
  readonly supernet: SinglePathSupernet;
  readonly trainer: Trainer;
  readonly latency: LatencyModel;
  readonly skeleton: PadSkeleton;
  readonly fullSpace: string[][];
  space: string[][];
  phase: PadNasPhase = 'train';
  phaseLabel = 'supernet training (stage 1)';
  readonly stages: PadNasStage[] = [];
  readonly spaceLog10: number[];
  ranking: PadNasRanking = { before: [], after: [], tauBefore: Number.NaN, tauAfter: Number.NaN };
  final: PadNasFinal | null = null;
  done = 0;
  /** One-shot evaluations actually run (cache misses). */
  evaluations = 0;
  private readonly data: TrainData;
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
  private finalTraining: StandaloneTraining | null = null;
  private resultNet: Network | null = null;
  private released = false;

  constructor(
    private readonly ctx: MethodContext,
    readonly settings: PadNasSettings,
    extras: PadNasExtras = {},
  ) {
    const s = settings;
    if (!(s.windowLo >= 0 && s.windowHi <= 1 && s.windowLo < s.windowHi)) throw new RangeError(`latency window [${s.windowLo}, ${s.windowHi}] must satisfy 0 ≤ lo < hi ≤ 1`);
    const { dataset } = ctx.data;
    this.skeleton = { input: { height: dataset.height, width: dataset.width, channels: dataset.channels }, numClasses: dataset.numClasses, width: s.width, tiny: s.tiny };
    this.fullSpace = initialSpace(s.width, s.ops);
    this.space = this.fullSpace.map((o) => o.slice());
    this.spaceLog10 = [spaceSizeLog10(this.space)];
    this.shares = this.fullSpace.map(() => PADNAS_OPS.map(() => Number.NaN));
    this.latency = latencyModel(this.skeleton, this.fullSpace, s.windowLo, s.windowHi, extras.profile ?? null);
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
    this.totalSteps = plannedUnits(s, this.trainer.stepsPerEpoch);
    this.totalEpochs = s.supernetEpochs + rounds * s.finetuneEpochs + s.finalEpochs;
    this.work = this.plan();
  }

  /** The stand-alone recipe of the found architecture (the CLI trains the baseline with it too). */
  finalTrainConfig(): TrainConfig {
    return this.trainConfig(this.settings.finalEpochs, 'cosine');
  }

  /** The train / val(limited) / test data every stand-alone run of this search uses. */
  get trainData(): TrainData {
    return this.data;
  }

  /** Epochs of training steps = the trainer's schedule. */
  private trainConfig(epochs: number, schedule: TrainConfig['schedule']): TrainConfig {
    const s = this.settings;
    return { epochs, batchSize: s.batchSize, lr: s.lr, optimizer: 'sgd', schedule, weightDecay: s.weightDecay, labelSmoothing: s.labelSmoothing, seed: s.seed, recalibrateBatches: s.bnRecalBatches };
  }

  get stepsPerEpoch(): number {
    return this.trainer.stepsPerEpoch;
  }

  get window() {
    return this.latency.window;
  }

  /** One supernet step on a path drawn uniformly from the current op sets. */
  private async supernetStep(): Promise<void> {
    this.supernet.path = sampleGenotype(this.space, () => this.pathRng.next());
    const info = await this.trainer.trainStep();
    this.weightsVersion++;
    this.lossSum += info.loss;
    this.lossN++;
  }

  /** One-shot validation accuracy with inherited weights (BN re-estimated first when the toggle is on); cached. */
  async oneShot(g: Genotype): Promise<number> {
    const key = `${genotypeKey(g)}@${this.weightsVersion}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
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
    yield* this.rankPanel('before');
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
    yield* this.rankPanel('after');
    yield* this.finalTrain(best.genotype, -best.objectives[0]);
  }

  private setPhase(phase: PadNasPhase, label: string): void {
    this.phase = phase;
    this.phaseLabel = label;
    this.ctx.log?.(`[${this.done}/${this.totalSteps}] ${label}`);
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
    this.shares = this.fullSpace.map((_, j) => PADNAS_OPS.map((op) => (op in shares[j] ? shares[j][op] : Number.NaN)));
    if (!final) {
      pruned.removed.forEach((ops, j) => ops.forEach((op) => this.supernet.removeOp(j, op, this.trainer.optimizer)));
      this.space = pruned.space;
      this.spaceLog10.push(stage.log10After);
      const n = pruned.removed.reduce((a, o) => a + o.length, 0);
      this.ctx.log?.(`round ${r}: ${voters.length} voters, removed ${n} ops; space 10^${stage.log10Before.toFixed(2)} → 10^${stage.log10After.toFixed(2)}`);
    }
    this.stages.push(stage);
    yield;
  }

  /** One-shot vs short stand-alone accuracy of `rankArchs` random architectures of the current space. */
  private async *rankPanel(which: 'before' | 'after'): AsyncGenerator<void, void, void> {
    const s = this.settings;
    const rng = rngStream(s.seed, `rank-${which}`);
    const label = which === 'before' ? 'ranking check before pruning' : 'ranking check after pruning';
    this.setPhase(which === 'before' ? 'rank-before' : 'rank-after', `${label}: one-shot accuracy`);
    const genos: string[][] = [];
    const seen = new Set<string>();
    for (let t = 0; genos.length < s.rankArchs && t < s.rankArchs * 50; t++) {
      const g = sampleGenotype(this.space, () => rng.next());
      if (!seen.has(genotypeKey(g))) {
        seen.add(genotypeKey(g));
        genos.push(g);
      }
    }
    const points: PadNasRankPoint[] = [];
    for (let i = 0; i < s.rankArchs; i++) {
      if (i < genos.length) points.push({ genotype: genos[i], oneShot: await this.oneShot(genos[i]), standalone: Number.NaN });
      yield;
    }
    this.ranking = { ...this.ranking, [which]: points };
    const cfg = this.trainConfig(Math.max(1, Math.ceil(s.rankSteps / this.trainer.stepsPerEpoch)), 'constant');
    for (let i = 0; i < s.rankArchs; i++) {
      this.setPhase(this.phase, `${label}: stand-alone training ${i + 1}/${s.rankArchs}`);
      const p = points[i] as PadNasRankPoint | undefined;
      const t = p ? new StandaloneTraining(genotypeSpec(p.genotype, this.skeleton), this.data, cfg, 'rank-init') : null;
      try {
        for (let k = 0; k < s.rankSteps; k++) {
          if (t) await t.step();
          yield;
        }
        if (t && p) p.standalone = await t.valAccuracy(true);
      } finally {
        t?.dispose();
      }
      yield;
    }
    const done = points.filter((p) => Number.isFinite(p.standalone));
    const tau = done.length >= 2 ? kendallTauB(done.map((p) => p.oneShot), done.map((p) => p.standalone)) : Number.NaN;
    this.ranking = which === 'before' ? { ...this.ranking, before: points.slice(), tauBefore: tau } : { ...this.ranking, after: points.slice(), tauAfter: tau };
    this.ctx.log?.(`${label}: Kendall τ = ${tau.toFixed(3)} over ${done.length} architectures`);
  }

  private async *finalTrain(g: string[], oneShotAcc: number): AsyncGenerator<void, void, void> {
    const s = this.settings;
    this.setPhase('final-train', `stand-alone training of the found architecture ${g.join('-')}`);
    const spec = genotypeSpec(g, this.skeleton, `PAD-NAS (seed ${s.seed})`);
    spec.meta = { ...spec.meta, seed: s.seed, preset: s.preset, dataset: this.data.dataset.name };
    const t = new StandaloneTraining(spec, this.data, this.finalTrainConfig(), 'final-init');
    this.finalTraining = t;
    for (let i = 0; i < t.totalSteps; i++) {
      await t.step();
      yield;
    }
    const val = await t.trainer.evaluate('val');
    const test = await t.trainer.evaluate('test');
    const c = archCosts(spec);
    const bg = baselineGenotype(g.length);
    const bc = archCosts(genotypeSpec(bg, this.skeleton));
    this.final = {
      genotype: g,
      spec,
      macs: c.macs,
      params: c.params,
      latency: this.latency.cost(g),
      oneShotAcc,
      valAcc: val.accuracy,
      testAcc: test.accuracy,
      testLoss: test.loss,
      stages: this.stages.slice(),
      ranking: this.ranking,
      window: this.latency.window,
      baseline: { genotype: bg, macs: bc.macs, params: bc.params, latency: this.latency.cost(bg) },
    };
    this.resultNet = t.release();
    this.setPhase('done', `found ${g.join('-')}: test accuracy ${(100 * test.accuracy).toFixed(2)}%`);
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

  /** Drain the generator if anything is left (nothing normally: the last unit is the test). */
  async finish(): Promise<void> {
    while (!this.final) {
      const r = await this.work.next();
      if (r.done) break;
    }
    if (!this.final) throw new Error('the search ended without a final architecture');
  }

  result(): MethodResult {
    const f = this.final;
    return {
      archSpec: f ? f.spec : this.supernet.frame,
      metrics: {
        macs: f ? f.macs : Number.NaN,
        params: f ? f.params : Number.NaN,
        latency: f ? f.latency : Number.NaN,
        oneShotAcc: f ? f.oneShotAcc : Number.NaN,
        valAcc: f ? f.valAcc : Number.NaN,
        testAcc: f ? f.testAcc : Number.NaN,
        tauBefore: this.ranking.tauBefore,
        tauAfter: this.ranking.tauAfter,
        evaluations: this.evaluations,
        steps: this.done,
      },
    };
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
      ops: [...PADNAS_OPS],
      allowed: this.fullSpace.map((ops) => PADNAS_OPS.map((op) => ops.includes(op))),
      space: this.space.map((o) => o.slice()),
      shares: this.shares.map((r) => r.slice()),
      stages: this.stages.slice(),
      spaceLog10: this.spaceLog10.slice(),
      window: this.latency.window,
      population: round && round.population.length ? { round: this.roundIndex, generation: round.generation, points: round.points() } : null,
      ranking: this.ranking,
      loss,
      final: this.final,
    };
  }

  /** The found architecture's stand-alone network once trained; the supernet before that. */
  network(): Network {
    return this.resultNet ?? this.finalTraining?.net ?? this.supernet.net;
  }

  /** Optimisation steps the result network has had (0 before the final training). */
  finalSteps(): number {
    return this.finalTraining?.trainer.stepIndex ?? 0;
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
      if (out === this.finalTraining.net) this.finalTraining.release();
      this.finalTraining.dispose();
    }
    if (this.resultNet && out !== this.resultNet) this.resultNet.dispose();
    this.resultNet = null;
  }
}
