/**
 * One AutoSpace-style search (METHODS.md §4): evolve cell populations on the shared skeleton's 7 slots (run/evolution),
 * keep each slot's K fittest cells as the learned space, run the payoff (the PAD-NAS search in the learned and in the
 * hand-designed space, fronts compared), then retrain the learned front's best network on validation from scratch and
 * test it once in finish(). Every unit of work is one `step()`, except a payoff unit: it holds dozens of the payoff
 * stage's own units (PAD-NAS steps), and step() returns after each of them, `done` moving at the unit's end.
 */
import { archCosts } from '../../../core/costs';
import type { RunStart } from '../../../core/method/runStart';
import { genotypeSpec, type SkeletonShape } from '../../../core/space/singlePath';
import type { SpaceOrigin } from '../../../core/space/spaceFile';
import type { Network } from '../../../engine/network';
import { SpecTraining } from '../../../engine/trainSpec';
import type { MethodCheckpoint, MethodContext, MethodOutcome, MethodRun, MethodStep, WorkProgress } from '../../runTypes';
import { cellPricer, type CellPricer } from '../cellCosts';
import type { AutoSpaceConfig } from '../config';
import { payoffTarget, runPlan, type AutoSpacePlan } from '../plan';
import { epochMeans, historyRows, learnedSpaceFile, payoffRecord, type AutoSpaceExtras } from '../record';
import { crossCheck } from '../settings';
import type { AutoSpaceSnapshot, PayoffState } from '../snapshot';
import { runData, type RunData } from './data';
import { Evolution } from './evolution';
import { PAYOFF_CANNOT_CHECKPOINT, type PayoffEstimateOptions } from './payoff';
import { createPayoff, estimatePayoff, type CreatePayoff, type EstimatePayoff, type PayoffLike, type PayoffOptions } from './payoffPort';
import { readResumeState, type AutoSpaceResumeState } from './resume';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export class AutoSpaceRun implements MethodRun<AutoSpaceSnapshot> {
  readonly plan: AutoSpacePlan;
  readonly evolution: Evolution;
  private readonly skeleton: SkeletonShape;
  private readonly pricer: CellPricer;
  private readonly data: RunData;
  private readonly work: AsyncGenerator<void, void, void>;
  /** The first populations' cell names (they depend on seed, population size and width: a checkpoint is checked against them). */
  private readonly initial: string[][];
  private phase: AutoSpaceSnapshot['phase'] = 'evolve';
  private done = 0;
  private learned: string[][] | null = null;
  private payoff: PayoffLike | null = null;
  private payoffState: PayoffState | null = null;
  private payoffResult: unknown = null;
  /** Payoff-stage steps taken, and whether the stage has said it is done (the pacing over the payoff units). */
  private payoffTaken = 0;
  private payoffFinished = false;
  /** True while a payoff unit is part done (step() returned between two of the stage's units; `done` not moved yet). */
  private midUnit = false;
  /** The payoff stage's units before it is built (null: not known, or not asked yet): the time left counts them. */
  private payoffEstimate: number | null = null;
  private spaceFrom: SpaceOrigin | null = null;
  private genotype: string[] | null = null;
  private final: SpecTraining | null = null;
  private readonly finalLosses: number[] = [];
  private result: { val: number; test: number } | null = null;

  constructor(
    private readonly ctx: MethodContext,
    private readonly config: AutoSpaceConfig,
    private readonly makePayoff: CreatePayoff = createPayoff,
    private readonly estimate: EstimatePayoff = estimatePayoff,
  ) {
    const problems = crossCheck(config);
    if (problems.length) throw new RangeError(`AutoSpace-style: ${problems.join('; ')}`);
    if (ctx.data.split.val.length === 0) throw new Error('AutoSpace-style picks its result on the validation split, and this split has no validation images.');
    const ds = ctx.data.dataset;
    this.skeleton = { input: { height: ds.height, width: ds.width, channels: ds.channels }, numClasses: ds.numClasses, width: config.width, tiny: config.tiny };
    this.pricer = cellPricer(this.skeleton, config.objective, ctx.profile);
    if (this.pricer.notice) ctx.log?.(this.pricer.notice);
    this.data = runData(ctx.data, config.trainLimit);
    this.plan = runPlan(config, this.data.search.split.train.length);
    this.evolution = new Evolution(this.skeleton, this.data.search, config, this.pricer);
    this.initial = this.evolution.populations.map((cells) => cells.map((x) => x.name));
    this.work = this.units();
  }

  start(): RunStart {
    const p = this.plan;
    const c = this.config;
    const net = this.evolution.net;
    const spec = net ? net.frame : genotypeSpec(this.evolution.picks.map((x) => x[0]), this.skeleton);
    const info = { costSource: this.pricer.source, notice: this.pricer.notice, budget: this.evolution.budget, unit: this.pricer.unit, plan: p };
    const summary = `${c.population} cells × 7 slots, K ${c.k}, ${c.iterations} iterations × ${c.stepsPerIteration} steps; budget ${c.budgetScale}× the reference in ${this.pricer.source}; ${p.evolveSteps} + ${p.payoffUnits} payoff + ${p.finalSteps} units`;
    return { spec, macs: archCosts(spec).macs, params: net?.net.params.count((e) => e.trainable) ?? 0, totalSteps: p.totalSteps, stepsPerEpoch: p.stepsPerEpoch, totalEpochs: p.totalEpochs, info, summary };
  }

  async step(): Promise<MethodStep> {
    if (this.done < this.plan.totalSteps) {
      const r = await this.work.next();
      if (r.done) throw new Error('AutoSpace-style: the work plan ended before its last unit');
      if (!this.midUnit) this.done++;
    }
    const work = this.workProgress();
    return { done: this.done, epoch: Math.min(this.plan.totalEpochs - 1, Math.floor(Math.min(this.done, this.plan.evolveSteps) / this.plan.stepsPerEpoch)), ...(work ? { work } : {}) };
  }

  /**
   * Work in training-step-sized pieces: evolution steps, the payoff stage's own units (dozens per payoff unit: PAD-NAS
   * steps, stand-alone training steps, validations) and the retraining's steps. Its total counts the stage's plan once
   * built (exact once both fronts are known), before that its estimate; undefined when neither is known.
   */
  private workProgress(): WorkProgress | undefined {
    const p = this.plan;
    let payoff: number | null = 0;
    if (this.config.payoff) {
      if (this.payoffResult !== null || this.phase === 'final' || this.phase === 'done') payoff = this.payoffTaken;
      else if (this.payoff) payoff = Math.max(this.payoffTaken, this.payoff.plannedUnits());
      else payoff = this.payoffEstimate;
    }
    if (payoff === null) return undefined;
    return { done: Math.min(this.done, p.evolveSteps) + this.payoffTaken + this.finalLosses.length, total: p.evolveSteps + payoff + p.finalSteps };
  }

  /** Ask for the payoff stage's plan before evolution ends (once; null where the host cannot tell). */
  private async askPayoffEstimate(): Promise<void> {
    const c = this.config;
    if (!c.payoff || this.payoff || this.payoffEstimate !== null || this.phase === 'final') return;
    try {
      this.payoffEstimate = await this.estimate({ ...this.ctx, data: this.data.payoff }, this.payoffPlanOptions());
    } catch {
      this.payoffEstimate = null; // the time left then paces by units until the stage is built
    }
  }

  private async *units(): AsyncGenerator<void, void, void> {
    const c = this.config;
    const p = this.plan;
    const ev = this.evolution;
    // 0, or the count restore() set: a generator's body runs from its first next(), after any restore.
    const from = this.done;
    await this.askPayoffEstimate();
    const spi = c.stepsPerIteration;
    for (let it = Math.floor(from / spi); it < c.iterations; it++) {
      // > 0 when resumed inside this iteration: its picks were drawn before the checkpoint (and restored).
      const s0 = Math.max(0, from - it * spi);
      if (s0 === 0) await ev.begin();
      for (let s = s0; s < spi; s++) {
        await ev.trainStep();
        if (s === spi - 1) {
          ev.end();
          if (ev.event) this.ctx.log?.(ev.event);
        }
        yield;
      }
    }
    let learned = this.learned;
    if (!learned) {
      learned = ev.learnedSpace();
      this.learned = learned;
      ev.release();
      this.ctx.log?.(`learned space: ${learned.map((s, j) => `slot ${j + 1} ${s.join('/')}`).join('; ')}`);
    }
    if (c.payoff && from < p.evolveSteps + p.payoffUnits) {
      this.phase = 'payoff';
      yield* this.payoffUnits(learned, Math.max(0, from - p.evolveSteps));
    }
    this.phase = 'final';
    if (!this.final) {
      this.genotype = this.resultGenotype(learned);
      this.final = this.finalTraining(this.genotype);
      this.ctx.log?.(`retraining ${this.genotype.join('-')} from scratch for ${c.finalEpochs} epochs`);
    }
    while (this.finalLosses.length < p.finalSteps) {
      this.finalLosses.push((await this.final.step()).loss);
      yield;
    }
  }

  /** The result network's retraining from scratch (built fresh; a restore then loads its trainer). */
  private finalTraining(genotype: string[]): SpecTraining {
    const c = this.config;
    const spec = genotypeSpec(genotype, this.skeleton, { name: `AutoSpace-style result (seed ${c.seed})`, method: 'autospace' });
    spec.meta = { ...spec.meta, seed: c.seed, preset: c.preset, dataset: this.ctx.data.dataset.name };
    const recipe = { batchSize: c.batchSize, lr: c.lr, optimizer: 'sgd' as const, schedule: 'cosine' as const, weightDecay: c.weightDecay, labelSmoothing: c.labelSmoothing, seed: c.seed };
    return new SpecTraining(spec, this.data.final, recipe, { epochs: c.finalEpochs }, { initStream: 'final-init' });
  }

  /** The payoff stage's options (`spaceFrom`: where the learned space came from, dated now unless restored). */
  private payoffOptions(learned: string[][]): PayoffOptions {
    const c = this.config;
    this.spaceFrom ??= { file: null, createdBy: { method: 'autospace', seed: c.seed, preset: c.preset, date: new Date().toISOString() } };
    return { ...this.payoffPlanOptions(), learnedSpace: learned, spaceFrom: this.spaceFrom };
  }

  /** The payoff stage's options its plan depends on (all but the learned space and where it came from). */
  private payoffPlanOptions(): PayoffEstimateOptions {
    const c = this.config;
    return { seed: c.seed, padnasPreset: c.payoffPreset, width: c.width, tiny: c.tiny, standaloneSteps: c.standaloneSteps, frontMax: c.frontMax, padnasOverrides: { ...c.payoffPadnas } };
  }

  /**
   * The payoff stage's work spread over the plan's payoff units, from unit `u0` (> 0 when resumed: the stage was rebuilt
   * by restore()). After the last unit the stage's result is read and the stage freed, before that unit ends.
   */
  private async *payoffUnits(learned: string[][], u0: number): AsyncGenerator<void, void, void> {
    const units = this.plan.payoffUnits;
    const stage = this.payoff ?? (this.payoff = await this.makePayoff({ ...this.ctx, data: this.data.payoff }, this.payoffOptions(learned)));
    for (let u = u0; u < units; u++) {
      const target = payoffTarget(u, units, Math.max(1, stage.plannedUnits()));
      while (!this.payoffFinished && this.payoffTaken < target) {
        this.payoffFinished = await stage.step();
        this.payoffTaken++;
        if (!this.payoffFinished && this.payoffTaken < target) {
          // Back to the driver between two of the stage's own units (one PAD-NAS step each), so a pause, a cancel or
          // a reload waits for one of those, not for the dozens a payoff unit holds; `done` moves at the unit's end.
          this.midUnit = true;
          yield;
        }
      }
      this.midUnit = false;
      this.payoffState = stage.state();
      if (u === units - 1) {
        this.payoffResult = stage.result();
        stage.dispose();
        this.payoff = null;
      }
      yield;
    }
  }

  /** The learned front's network with the highest validation accuracy; without a payoff, each slot's fittest cell. */
  private resultGenotype(learned: string[][]): string[] {
    const front = this.payoffState?.learned ?? [];
    const best = front.reduce<(typeof front)[number] | null>((b, p) => (b === null || p.valAccuracy > b.valAccuracy ? p : b), null);
    if (best) {
      this.ctx.log?.(`the learned front's best on validation: ${best.genotype.join('-')} (val ${pct(best.valAccuracy)})`);
      return best.genotype.slice();
    }
    return learned.map((s) => s[0]);
  }

  /** Any units left, then the retrained network's validation and test accuracy (the only use of the test split). */
  async finish(): Promise<void> {
    while (this.done < this.plan.totalSteps) await this.step();
    if (this.result) return;
    if (!this.final) throw new Error('the search ended before the final retraining');
    const r = (this.result = await this.final.valAndTest());
    this.phase = 'done';
    this.ctx.log?.(`retrained result: val ${pct(r.val)}, test ${pct(r.test)}`);
  }

  /**
   * Everything the next units depend on: the evolution's state (its supernet and trainer while an iteration is still to
   * come), the learned space, the payoff stage's state with the hosted PAD-NAS run's own checkpoint (a plain Error when
   * that run cannot checkpoint: the caller skips this one), the pacing over the payoff units, and the final retraining.
   */
  async checkpoint(): Promise<MethodCheckpoint> {
    if (this.result) throw new Error('the run is finished: nothing to checkpoint');
    let stage: unknown = null;
    if (this.payoff) {
      if (!this.payoff.checkpoint) throw new Error(PAYOFF_CANNOT_CHECKPOINT);
      stage = await this.payoff.checkpoint();
    }
    const state: AutoSpaceResumeState = {
      v: 1,
      plan: { evolveSteps: this.plan.evolveSteps, payoffUnits: this.plan.payoffUnits, finalSteps: this.plan.finalSteps },
      initial: this.initial,
      phase: this.phase === 'done' ? 'final' : this.phase,
      evolution: await this.evolution.save(this.done < this.plan.evolveSteps),
      learned: this.learned,
      payoff: this.payoffState || stage || this.spaceFrom ? { stage, taken: this.payoffTaken, finished: this.payoffFinished, state: this.payoffState, result: this.payoffResult, spaceFrom: this.spaceFrom } : null,
      genotype: this.genotype,
      final: this.final ? { losses: this.finalLosses, trainer: await this.final.trainer.checkpoint() } : null,
    };
    return { done: this.done, state: structuredClone(state) };
  }

  /**
   * On a fresh run (after `start()`, before any `step()`): the evolution's state (the supernet given the saved cells
   * before its weights load), the payoff stage rebuilt and given its state (the hosted PAD-NAS run restored through its
   * own `restore()`), the final retraining rebuilt and its trainer restored. The next `step()` continues from there.
   */
  async restore(cp: MethodCheckpoint): Promise<void> {
    if (this.done > 0 || this.payoff || this.final || this.learned) throw new Error('restore() needs a fresh run (no step taken yet)');
    const s = readResumeState(cp.state, { plan: this.plan, initial: this.initial, done: cp.done });
    this.evolution.load(s.evolution);
    this.learned = s.learned;
    this.phase = s.phase;
    if (s.payoff) {
      this.payoffTaken = s.payoff.taken;
      this.payoffFinished = s.payoff.finished;
      this.payoffState = s.payoff.state;
      this.payoffResult = s.payoff.result;
      this.spaceFrom = s.payoff.spaceFrom;
      if (s.payoff.stage) {
        if (!s.learned) throw new RangeError('the checkpoint is in the payoff without a learned space');
        const stage = await this.makePayoff({ ...this.ctx, data: this.data.payoff }, this.payoffOptions(s.learned));
        this.payoff = stage;
        if (!stage.restore) throw new Error(PAYOFF_CANNOT_CHECKPOINT);
        await stage.restore(s.payoff.stage);
      }
    }
    this.genotype = s.genotype;
    if (s.final) {
      if (!s.genotype) throw new RangeError('the checkpoint is in the final retraining without its architecture');
      this.final = this.finalTraining(s.genotype);
      this.final.trainer.restore(s.final.trainer);
      this.finalLosses.push(...s.final.losses);
    }
    this.done = cp.done;
  }

  snapshot(): AutoSpaceSnapshot {
    const ev = this.evolution;
    const snap: AutoSpaceSnapshot = {
      phase: this.phase,
      iteration: Math.min(this.config.iterations, ev.iteration + (this.phase === 'evolve' ? 1 : 0)),
      iterations: this.config.iterations,
      step: ev.steps,
      loss: ev.pendingLoss,
      slots: ev.slotStates(),
      alphaRows: ev.pendingAlpha,
      topK: ev.pendingTopK,
      budget: ev.budgetState(),
      payoff: this.payoffState,
      event: ev.event,
    };
    ev.pendingLoss = [];
    ev.pendingAlpha = [];
    ev.pendingTopK = [];
    ev.event = null;
    return snap;
  }

  outcome(): MethodOutcome {
    const r = this.result;
    const f = this.final;
    if (!r || !f || !this.learned || !this.genotype) throw new Error('outcome() needs a finished run (call finish() first)');
    const c = this.config;
    const ev = this.evolution;
    const extras: AutoSpaceExtras = {
      learnedSpace: this.learned,
      populations: ev.populations.map((cells) => cells.map((x) => ({ ...x }))),
      payoff: this.payoffState ? payoffRecord(this.payoffState, this.payoffResult) : null,
      genotype: this.genotype,
      resultFrom: this.payoffState?.learned.length ? 'learned-front' : 'fittest-cells',
      budget: { ...ev.budgetState(), source: this.pricer.source, notice: this.pricer.notice, cellsScaledFromMacs: this.pricer.scaledFromMacs.size },
      evolution: { iterations: c.iterations, stepsPerIteration: c.stepsPerIteration, k: c.k, population: c.population, iterationLoss: ev.iterationLoss.map((v) => (Number.isFinite(v) ? v : null)) },
    };
    return {
      archSpec: f.spec,
      valAccuracy: r.val,
      testAccuracy: r.test,
      history: historyRows(ev.iterationLoss, epochMeans(this.finalLosses, this.plan.stepsPerEpoch), r.val, r.test),
      extras: { ...extras },
      attachments: { space: learnedSpaceFile(c, this.learned) },
      resultSteps: f.stepIndex,
      trainImages: this.data.search.split.train.length,
    };
  }

  releaseNetwork(): Network {
    if (!this.final) throw new Error('there is no result network before the final retraining');
    return this.final.releaseNetwork();
  }

  dispose(): void {
    this.evolution.release();
    this.payoff?.dispose();
    this.payoff = null;
    this.final?.dispose();
  }
}
