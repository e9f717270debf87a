/**
 * One AutoSpace-style search (METHODS.md §4): evolve cell populations on the shared skeleton's 7 slots (run/evolution),
 * keep each slot's K fittest cells as the learned space, run the payoff (the PAD-NAS search in the learned and in the
 * hand-designed space, fronts compared), then retrain the learned front's best network on validation from scratch and
 * test it once in finish(). Every unit of work is one `step()`.
 */
import { archCosts } from '../../../core/costs';
import type { RunStart } from '../../../core/method/runStart';
import { genotypeSpec, type SkeletonShape } from '../../../core/space/singlePath';
import type { Network } from '../../../engine/network';
import { SpecTraining } from '../../../engine/trainSpec';
import type { MethodContext, MethodOutcome, MethodRun, MethodStep } from '../../runTypes';
import { cellPricer, type CellPricer } from '../cellCosts';
import type { AutoSpaceConfig } from '../config';
import { payoffTarget, runPlan, type AutoSpacePlan } from '../plan';
import { epochMeans, historyRows, learnedSpaceFile, payoffRecord, type AutoSpaceExtras } from '../record';
import { crossCheck } from '../settings';
import type { AutoSpaceSnapshot, PayoffState } from '../snapshot';
import { runData, type RunData } from './data';
import { Evolution } from './evolution';
import { createPayoff, type CreatePayoff, type PayoffLike } from './payoffPort';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export class AutoSpaceRun implements MethodRun<AutoSpaceSnapshot> {
  readonly plan: AutoSpacePlan;
  readonly evolution: Evolution;
  private readonly skeleton: SkeletonShape;
  private readonly pricer: CellPricer;
  private readonly data: RunData;
  private readonly work: AsyncGenerator<void, void, void>;
  private phase: AutoSpaceSnapshot['phase'] = 'evolve';
  private done = 0;
  private learned: string[][] | null = null;
  private payoff: PayoffLike | null = null;
  private payoffState: PayoffState | null = null;
  private payoffResult: unknown = null;
  private genotype: string[] | null = null;
  private final: SpecTraining | null = null;
  private readonly finalLosses: number[] = [];
  private result: { val: number; test: number } | null = null;

  constructor(
    private readonly ctx: MethodContext,
    private readonly config: AutoSpaceConfig,
    private readonly makePayoff: CreatePayoff = createPayoff,
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
      this.done++;
    }
    return { done: this.done, epoch: Math.min(this.plan.totalEpochs - 1, Math.floor(Math.min(this.done, this.plan.evolveSteps) / this.plan.stepsPerEpoch)) };
  }

  private async *units(): AsyncGenerator<void, void, void> {
    const c = this.config;
    const ev = this.evolution;
    for (let it = 0; it < c.iterations; it++) {
      await ev.begin();
      for (let s = 0; s < c.stepsPerIteration; s++) {
        await ev.trainStep();
        if (s === c.stepsPerIteration - 1) {
          ev.end();
          if (ev.event) this.ctx.log?.(ev.event);
        }
        yield;
      }
    }
    const learned = ev.learnedSpace();
    this.learned = learned;
    ev.release();
    this.ctx.log?.(`learned space: ${learned.map((s, j) => `slot ${j + 1} ${s.join('/')}`).join('; ')}`);
    if (c.payoff) {
      this.phase = 'payoff';
      yield* this.payoffUnits(learned);
    }
    this.phase = 'final';
    this.genotype = this.resultGenotype(learned);
    const spec = genotypeSpec(this.genotype, this.skeleton, { name: `AutoSpace-style result (seed ${c.seed})`, method: 'autospace' });
    spec.meta = { ...spec.meta, seed: c.seed, preset: c.preset, dataset: this.ctx.data.dataset.name };
    const recipe = { batchSize: c.batchSize, lr: c.lr, optimizer: 'sgd' as const, schedule: 'cosine' as const, weightDecay: c.weightDecay, labelSmoothing: c.labelSmoothing, seed: c.seed };
    this.final = new SpecTraining(spec, this.data.final, recipe, { epochs: c.finalEpochs }, { initStream: 'final-init' });
    this.ctx.log?.(`retraining ${this.genotype.join('-')} from scratch for ${c.finalEpochs} epochs`);
    for (let s = 0; s < this.plan.finalSteps; s++) {
      this.finalLosses.push((await this.final.step()).loss);
      yield;
    }
  }

  /** The payoff stage's work spread over the plan's payoff units. */
  private async *payoffUnits(learned: string[][]): AsyncGenerator<void, void, void> {
    const c = this.config;
    const ctx: MethodContext = { ...this.ctx, data: this.data.payoff };
    const spaceFrom = { file: null, createdBy: { method: 'autospace', seed: c.seed, preset: c.preset, date: new Date().toISOString() } };
    const stage = await this.makePayoff(ctx, {
      learnedSpace: learned, seed: c.seed, padnasPreset: c.payoffPreset, width: c.width, tiny: c.tiny,
      standaloneSteps: c.standaloneSteps, frontMax: c.frontMax, padnasOverrides: { ...c.payoffPadnas }, spaceFrom,
    });
    this.payoff = stage;
    let taken = 0;
    let finished = false;
    for (let u = 0; u < this.plan.payoffUnits; u++) {
      const target = payoffTarget(u, this.plan.payoffUnits, Math.max(1, stage.plannedUnits()));
      while (!finished && taken < target) {
        finished = await stage.step();
        taken++;
      }
      this.payoffState = stage.state();
      yield;
    }
    this.payoffResult = stage.result();
    this.payoffState = stage.state();
    stage.dispose();
    this.payoff = null;
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
    const f = this.final;
    if (!f) throw new Error('the search ended before the final retraining');
    const val = (await f.evaluate('val')).accuracy;
    const test = (await f.evaluate('test')).accuracy;
    this.result = { val, test };
    this.phase = 'done';
    this.ctx.log?.(`retrained result: val ${pct(val)}, test ${pct(test)}`);
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
