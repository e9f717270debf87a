/**
 * The payoff stage of an AutoSpace-style run (METHODS.md §4): the existing PAD-NAS search, unchanged, with the same
 * preset, seed and skeleton, first in the learned space and then in the hand-designed space (PAD-NAS's own default);
 * then up to `frontMax` networks of each search's final front (non-domination rank 0 of one-shot accuracy vs cost) are
 * trained stand-alone with one recipe (same steps, same seed, validated on the val split, never the test split), and
 * each space's front of stand-alone validation accuracy vs cost is compared by hypervolume against one shared
 * reference point. Cost: latency predicted from the search-target profile when it prices every op of both spaces,
 * else MACs — for both searches' windows too, so the two PAD-NAS runs search under the same objective. PAD-NAS is reached through `ctx.loadMethod('padnas')` (no method imports another). Every unit of work is
 * one `step()`: one PAD-NAS unit, or one stand-alone training step, or one validation.
 */
import type { LatencyProfile } from '../../../core/latency/profileSchema';
import { genotypeSpec, singlePathSpace, type OpFamily, type SkeletonShape } from '../../../core/space/singlePath';
import type { SpaceOrigin } from '../../../core/space/spaceFile';
import { costWindow, type CostModel } from '../../../core/space/window';
import type { TrainData } from '../../../engine/trainer';
import { createSpecTraining, type SpecTraining, type TrainRecipe } from '../../../engine/trainSpec';
import type { HostedMethod, MethodContext } from '../../runTypes';
import { payoffState, payoffVerdictText, payoffWinner, readPadnasOutcome, spreadPick } from '../payoff';
import type { FrontPoint, PayoffState } from '../snapshot';
import { PayoffMeasure } from './payoffMeasure';
import { readPayoffCheckpoint, restoreSearch, searchCheckpoint, type PayoffCheckpoint } from './payoffResume';
import type { PayoffJob, PayoffResult, PayoffSide, PayoffStageOptions, SearchSide } from './payoffTypes';

export { PAYOFF_CANNOT_CHECKPOINT, type PayoffCheckpoint } from './payoffResume';
export type { PayoffResult, PayoffSearch, PayoffStageOptions } from './payoffTypes';

const finiteOrNull = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const numberOr = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** The cost model of both spaces: predicted latency when the profile prices every op of both, else MACs. */
function payoffCostModel(sk: SkeletonShape, learned: readonly (readonly string[])[], hand: readonly (readonly string[])[], profile: LatencyProfile | null): CostModel {
  const union = learned.map((ops, j) => [...new Set([...ops, ...(hand[j] ?? [])])]);
  const base = { skeleton: sk, space: union, lo: 0, hi: 1, profile };
  try {
    return costWindow({ ...base, objective: 'auto' });
  } catch (e) {
    // A profile with an implausible cost for some op: MACs for both, and say why.
    const m = costWindow({ ...base, objective: 'macs' });
    return { ...m, notice: `${e instanceof Error ? e.message : String(e)} The payoff compares MACs instead.` };
  }
}

/** What the stage's plan depends on (not the learned space). */
export type PayoffEstimateOptions = Pick<PayoffStageOptions, 'seed' | 'padnasPreset' | 'padnasOverrides' | 'width' | 'tiny' | 'standaloneSteps' | 'frontMax'>;

/** The hand-designed search's config, before validation: the preset, the run's overrides, seed, width and stem. */
function handBase(padnas: HostedMethod, opts: PayoffEstimateOptions): Record<string, unknown> {
  const base: Record<string, unknown> = { ...padnas.preset(opts.padnasPreset), ...opts.padnasOverrides, seed: opts.seed, width: opts.width, tiny: opts.tiny };
  delete base.space;
  delete base.spaceFrom;
  return base;
}

export class PayoffStage {
  private stageName: PayoffState['stage'] = 'learned-search';
  private readonly sides: Record<PayoffSide, SearchSide>;
  private readonly skeleton: SkeletonShape;
  private cost: CostModel | null = null;
  /** The profile both PAD-NAS searches get (null when the payoff compares MACs). */
  private get searchProfile(): LatencyProfile | null {
    return this.cost?.window.unit === 'ms' ? this.ctx.profile : null;
  }
  private jobs: PayoffJob[] | null = null;
  private jobIndex = 0;
  private training: SpecTraining | null = null;
  private readonly trained: Record<PayoffSide, FrontPoint[]> = { learned: [], hand: [] };
  private unitsDone = 0;
  /** The trained networks' latency measured on this device (stage 'measure'; only when the host gives a meter). */
  private readonly measure: PayoffMeasure;
  private disposed = false;

  private constructor(
    private readonly ctx: MethodContext,
    private readonly o: PayoffStageOptions,
    private readonly padnas: HostedMethod,
    learnedConfig: Record<string, unknown>,
    handConfig: Record<string, unknown>,
  ) {
    const ds = ctx.data.dataset;
    this.skeleton = { input: { height: ds.height, width: ds.width, channels: ds.channels }, numClasses: ds.numClasses, width: o.width, tiny: o.tiny };
    this.measure = new PayoffMeasure(ctx, this.skeleton);
    this.sides = {
      learned: { side: 'learned', config: learnedConfig, run: null, total: null, done: 0, found: null },
      hand: { side: 'hand', config: handConfig, run: null, total: null, done: 0, found: null },
    };
  }

  /**
   * Load PAD-NAS through `ctx.loadMethod`, build both configs from the preset (same seed, width, tiny; the learned one
   * with the learned space) and start the learned search. Throws in plain words when the host gives no `loadMethod`
   * or PAD-NAS refuses the learned space.
   */
  static async create(ctx: MethodContext, opts: PayoffStageOptions): Promise<PayoffStage> {
    if (!ctx.loadMethod) throw new Error('The payoff stage runs PAD-NAS through MethodContext.loadMethod, which this host does not give.');
    if (!(Number.isInteger(opts.standaloneSteps) && opts.standaloneSteps >= 1)) throw new RangeError(`standaloneSteps must be an integer ≥ 1, got ${opts.standaloneSteps}`);
    if (!(Number.isInteger(opts.frontMax) && opts.frontMax >= 1)) throw new RangeError(`frontMax must be an integer ≥ 1, got ${opts.frontMax}`);
    const padnas = await ctx.loadMethod('padnas');
    const base = handBase(padnas, opts);
    const handConfig = padnas.validate(base);
    const spaceFrom: SpaceOrigin = opts.spaceFrom ?? { file: null, createdBy: { method: 'autospace', seed: opts.seed, preset: 'unknown', date: new Date().toISOString() } };
    let learnedConfig: Record<string, unknown>;
    try {
      learnedConfig = padnas.validate({ ...base, space: opts.learnedSpace.map((ops) => ops.slice()), spaceFrom });
    } catch (e) {
      throw new Error(`The learned space cannot be searched by PAD-NAS: ${e instanceof Error ? e.message : String(e)}`);
    }
    const stage = new PayoffStage(ctx, opts, padnas, learnedConfig, handConfig);
    // One cost model for both searches and both fronts: predicted latency only when the profile prices every op of
    // both spaces; else MACs, and then neither PAD-NAS search gets the profile (the same window unit in both).
    const hand = singlePathSpace(opts.width, handConfig.ops as OpFamily);
    stage.cost = payoffCostModel(stage.skeleton, opts.learnedSpace, hand, ctx.profile);
    if (stage.cost.notice) ctx.log?.(`payoff: ${stage.cost.notice}`);
    try {
      stage.startSearch(stage.sides.learned);
    } catch (e) {
      stage.dispose();
      throw e;
    }
    return stage;
  }

  /**
   * The units a stage of these options will plan, before evolution has found the learned space: both PAD-NAS searches
   * (the same preset and data: the same plan whatever the space) and the most stand-alone networks. Null when the host
   * gives no `loadMethod` or PAD-NAS cannot plan without being built.
   */
  static async estimateUnits(ctx: MethodContext, opts: PayoffEstimateOptions): Promise<number | null> {
    if (!ctx.loadMethod) return null;
    const padnas = await ctx.loadMethod('padnas');
    if (!padnas.plannedUnits) return null;
    const search = padnas.plannedUnits(ctx, padnas.validate(handBase(padnas, opts)));
    const nets = 2 * opts.frontMax;
    const measure = ctx.latencyMeter ? nets * ctx.latencyMeter.unitsPerNetwork : 0;
    return 2 * search + nets * (opts.standaloneSteps + 1) + measure;
  }

  private subContext(side: PayoffSide): MethodContext {
    const log = this.ctx.log;
    const data: TrainData = this.ctx.data;
    return { data, profile: this.searchProfile, log: log ? (l) => log(`payoff, PAD-NAS in the ${side === 'learned' ? 'learned' : 'hand-designed'} space: ${l}`) : undefined };
  }

  private startSearch(s: SearchSide): void {
    const run = this.padnas.createRun(this.subContext(s.side), s.config);
    s.run = run;
    try {
      s.total = run.start().totalSteps;
    } catch (e) {
      s.run = null;
      run.dispose();
      throw e;
    }
  }

  /** Units per stand-alone network: its training steps and one validation. */
  private get perNetwork(): number {
    return this.o.standaloneSteps + 1;
  }

  /** Units of the whole stage (exact once both fronts are known; before, the most it can take). */
  plannedUnits(): number {
    const l = this.sides.learned.total ?? 0;
    const h = this.sides.hand.total ?? l; // same preset and data: the same plan
    const nets = this.jobs ? this.jobs.length : 2 * this.o.frontMax;
    const measure = this.ctx.latencyMeter ? nets * this.ctx.latencyMeter.unitsPerNetwork : 0;
    return l + h + nets * this.perNetwork + measure;
  }

  /** One unit of work; true when the whole stage is done. */
  async step(): Promise<boolean> {
    if (this.disposed) throw new Error('the payoff stage was disposed');
    switch (this.stageName) {
      case 'learned-search':
        if (await this.searchUnit(this.sides.learned)) this.stageName = 'hand-search';
        break;
      case 'hand-search':
        if (await this.searchUnit(this.sides.hand)) {
          this.planStandalone();
          this.stageName = this.jobs && this.jobs.length > 0 ? 'standalone' : 'done';
        }
        break;
      case 'standalone':
        if (await this.standaloneUnit()) this.stageName = this.ctx.latencyMeter ? 'measure' : 'done';
        break;
      case 'measure':
        if (await this.measure.step([...this.trained.learned, ...this.trained.hand], this.modelUnit())) this.stageName = 'done';
        break;
      case 'done':
        return true;
    }
    this.unitsDone++;
    return this.stageName === 'done';
  }

  /** One PAD-NAS unit of a search; true when the search has finished (its outcome read, its run freed). */
  private async searchUnit(s: SearchSide): Promise<boolean> {
    if (!s.run) this.startSearch(s);
    const run = s.run;
    if (!run) throw new Error('no PAD-NAS run');
    const r = await run.step();
    s.done = r.done;
    if (r.done < (s.total ?? 0)) return false;
    await run.finish();
    const out = run.outcome();
    const read = readPadnasOutcome(out.extras);
    s.found = {
      genotype: read.genotype,
      valAccuracy: finiteOrNull(out.valAccuracy),
      testAccuracy: finiteOrNull(out.testAccuracy),
      oneShotFront: read.front.length > 0 ? read.front : [{ genotype: read.genotype, oneShotAccuracy: Number.NaN, cost: Number.NaN }],
      space: read.space ?? (s.side === 'learned' ? this.o.learnedSpace.map((ops) => ops.slice()) : singlePathSpace(this.o.width, s.config.ops as OpFamily)),
      units: s.done,
    };
    run.dispose();
    s.run = null;
    this.ctx.log?.(`payoff: PAD-NAS in the ${s.side === 'learned' ? 'learned' : 'hand-designed'} space found ${read.genotype.join('-')}; its final front holds ${read.front.length} architectures`);
    return true;
  }

  /** Both fronts are known: pick the networks to train. */
  private planStandalone(): void {
    const l = this.sides.learned.found;
    const h = this.sides.hand.found;
    if (!l || !h) throw new Error('the payoff searches did not finish');
    this.jobs = [
      ...spreadPick(l.oneShotFront, this.o.frontMax).map((genotype) => ({ side: 'learned' as const, genotype })),
      ...spreadPick(h.oneShotFront, this.o.frontMax).map((genotype) => ({ side: 'hand' as const, genotype })),
    ];
    this.jobIndex = 0;
  }

  /** The one stand-alone recipe: PAD-NAS's own training settings of the preset, the payoff's seed. */
  private recipe(): TrainRecipe {
    const c = this.sides.hand.config;
    return {
      batchSize: numberOr(c.batchSize, 32),
      lr: numberOr(c.lr, 0.05),
      optimizer: 'sgd',
      schedule: 'cosine',
      weightDecay: numberOr(c.weightDecay, 4e-5),
      labelSmoothing: numberOr(c.labelSmoothing, 0.1),
      seed: this.o.seed,
      recalibrateBatches: numberOr(c.bnRecalBatches, 5),
    };
  }

  /** A front network's stand-alone training, from scratch. */
  private standaloneTraining(job: PayoffJob): SpecTraining {
    const spec = genotypeSpec(job.genotype, this.skeleton, { name: `payoff ${job.side} ${job.genotype.join('-')}`, method: 'autospace' });
    return createSpecTraining(spec, this.ctx.data, this.recipe(), { steps: this.o.standaloneSteps }, { initStream: 'payoff-init' });
  }

  /** One training step of the current front network, or its validation; true after the last network's. */
  private async standaloneUnit(): Promise<boolean> {
    const jobs = this.jobs ?? [];
    const job = jobs[this.jobIndex];
    if (!job) return true;
    this.training ??= this.standaloneTraining(job);
    const t = this.training;
    if (t.stepIndex < t.totalSteps) {
      await t.step();
      return false;
    }
    // Short runs leave BN running statistics unsettled: re-estimate them, then the val split (never the test split).
    const val = await t.evaluate('val', { bnRecalibrate: true });
    t.dispose();
    this.training = null;
    const cost = this.cost ? this.cost.cost(job.genotype) : Number.NaN;
    const point: FrontPoint = { genotype: job.genotype.slice(), valAccuracy: val.accuracy, cost: this.cost?.window.unit === 'ms' ? cost : cost / 1e6 };
    this.trained[job.side].push(point);
    this.ctx.log?.(`payoff: ${job.side} ${job.genotype.join('-')} stand-alone val ${(100 * val.accuracy).toFixed(2)}% at ${point.cost.toPrecision(3)} ${this.unit()}`);
    this.jobIndex++;
    return this.jobIndex >= jobs.length;
  }

  private unit(): PayoffState['unit'] {
    return this.measure.unit(this.modelUnit());
  }

  /** The cost model's unit (what `modelCost` is in once costs were measured). */
  private modelUnit(): PayoffState['unit'] {
    return this.cost?.window.unit === 'ms' ? 'ms' : 'MMACs';
  }

  private costSource(): string {
    if (this.measure.label !== null) return `inference latency ${this.measure.label}, batch 1, median of samples`;
    const w = this.cost?.window;
    if (!w) return this.ctx.profile ? `not known yet (predicted from profile "${this.ctx.profile.name}" if it prices both spaces, else MACs)` : 'MACs (no device profile)';
    if (w.unit === 'ms') return `predicted latency, profile "${w.profileName ?? ''}"`;
    return this.ctx.profile ? `MACs (the profile "${this.ctx.profile.name}" cannot price every op of both spaces)` : 'MACs (no device profile)';
  }

  /** Units done so far. */
  get done(): number {
    return this.unitsDone;
  }

  state(): PayoffState {
    return payoffState({
      stage: this.stageName,
      unit: this.unit(),
      costSource: this.costSource(),
      ...(this.measure.label !== null ? { modelUnit: this.modelUnit() } : {}),
      learned: this.trained.learned,
      hand: this.trained.hand,
      complete: this.stageName === 'done',
    });
  }

  result(): PayoffResult {
    const s = this.state();
    return {
      verdict: payoffVerdictText(s, { learnedNetworks: this.trained.learned.length, handNetworks: this.trained.hand.length, standaloneSteps: this.o.standaloneSteps, seed: this.o.seed }),
      winner: payoffWinner(s.hvLearned, s.hvHand),
      costNotice: [this.cost?.notice, this.measure.notice].filter(Boolean).join(' ') || null,
      searches: { learned: this.sides.learned.found, hand: this.sides.hand.found },
      trained: { learned: this.trained.learned.map((p) => ({ ...p })), hand: this.trained.hand.map((p) => ({ ...p })) },
      recipe: { ...this.recipe(), steps: this.o.standaloneSteps, validation: 'val split, BN re-estimated' },
    };
  }

  /**
   * The stage's state between two units. The PAD-NAS run in progress is saved through its own `checkpoint()`; when it
   * has none, this throws PAYOFF_CANNOT_CHECKPOINT (a plain Error: the caller skips this checkpoint).
   */
  async checkpoint(): Promise<PayoffCheckpoint> {
    if (this.disposed) throw new Error('the payoff stage was disposed');
    const state: PayoffCheckpoint = {
      v: 1,
      stage: this.stageName,
      unitsDone: this.unitsDone,
      sides: { learned: await searchCheckpoint(this.sides.learned), hand: await searchCheckpoint(this.sides.hand) },
      jobs: this.jobs,
      jobIndex: this.jobIndex,
      trained: this.trained,
      training: this.training ? await this.training.trainer.checkpoint() : null,
      // A measurement in progress is not saved: a restore measures again (timings are not reproducible anyway).
      measured: { label: this.measure.label, notice: this.measure.notice },
    };
    return structuredClone(state);
  }

  /**
   * Continue from a checkpoint, on a stage just made by `create()` with the same options (its learned search started,
   * no unit taken): the PAD-NAS run in progress is made fresh and given its checkpoint, the stand-alone training in
   * progress is rebuilt and its trainer restored. Throws in plain words when it does not fit.
   */
  async restore(raw: unknown): Promise<void> {
    if (this.unitsDone > 0 || this.disposed) throw new Error('restore() needs a fresh payoff stage (no unit taken yet)');
    const s = readPayoffCheckpoint(raw);
    for (const side of ['learned', 'hand'] as const) await restoreSearch(side, s.sides[side], this.sides[side], (live) => this.startSearch(live));
    this.jobs = s.jobs ?? null;
    this.jobIndex = s.jobIndex ?? 0;
    this.trained.learned.push(...s.trained.learned);
    this.trained.hand.push(...s.trained.hand);
    if (s.training) {
      const job = this.jobs?.[this.jobIndex];
      if (!job) throw new RangeError('the checkpoint of the payoff trains a network that is not on its list');
      this.training = this.standaloneTraining(job);
      this.training.trainer.restore(s.training);
    }
    this.measure.label = s.measured?.label ?? null;
    this.measure.notice = s.measured?.notice ?? null;
    this.unitsDone = s.unitsDone;
    this.stageName = s.stage;
  }

  /** Free whatever is still running (a PAD-NAS run, a stand-alone network). */
  dispose(): void {
    this.disposed = true;
    for (const s of Object.values(this.sides)) {
      s.run?.dispose();
      s.run = null;
    }
    this.training?.dispose();
    this.training = null;
    this.measure.dispose();
  }
}
