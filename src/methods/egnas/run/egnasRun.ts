/**
 * One Efficient Global NAS run: the four search phases (decided by the pure EgnasSearch), the fair-ranking demo, the
 * hand-designed baseline at the nearest parameter count (when asked: same budget and recipe, tested at its end), then
 * the found chain retrained from scratch with the discovered epoch budget and, in finish(), evaluated on val and on
 * test, once. One `step()` is one optimisation step; a candidate's validation after each of its epochs is folded
 * into that epoch's last step. The search's length is not known in advance: the step counts and the work left are kept
 * by StepLedger (stepLedger.ts).
 */
import type { ArchSpec } from '../../../core/archspec';
import { archCosts } from '../../../core/costs';
import type { RunStart } from '../../../core/method/runStart';
import type { Network } from '../../../engine/network';
import { createSpecTraining, type SpecTraining, type TrainRecipe } from '../../../engine/trainSpec';
import { DivergenceError, type TrainData } from '../../../engine/trainer';
import type { MethodCheckpoint, MethodContext, MethodOutcome, MethodRun, MethodStep } from '../../runTypes';
import { readResumeState, type EgnasResumeState, type SavedTraining } from './resume';
import { chainArch, genomeText, plainGenome, type ChainGenome, type ChainTask } from '../chain';
import type { EgnasConfig } from '../config';
import { rankingPlan, rankingResult, type RankingPlan } from '../ranking';
import { EgnasSearch, worstCaseEpochs, type CandidateRequest } from '../search';
import { crossCheck } from '../settings';
import type { EgnasCandidate, EgnasSnapshot, EgnasStage, RankingResult, RankingRow } from '../snapshot';
import { historyRows, recordExtras } from '../summary';
import { searchData as runData } from '../../../engine/searchData';
import { BaselineStage } from './baselineStage';
import { candidateRow, rankingJobs, type RankJob } from './jobRows';
import { StepLedger } from './stepLedger';

/** Training batches that re-estimate BN statistics before each validation (short runs leave them unsettled). */
const BN_RECAL_BATCHES = 8;

const pct = (v: number | null) => (v === null ? 'diverged' : `${(100 * v).toFixed(1)}%`);

type Job =
  | { kind: 'search'; req: CandidateRequest }
  | ({ kind: 'rank' } & RankJob)
  | { kind: 'baseline'; epochs: number }
  | { kind: 'final'; epochs: number };

interface Training {
  job: Job;
  t: SpecTraining;
  curve: number[];
  label: string;
  diverged: boolean;
}

export class EgnasRun implements MethodRun<EgnasSnapshot> {
  private readonly task: ChainTask;
  private readonly search: EgnasSearch;
  private readonly data: { search: TrainData; final: TrainData };
  private readonly spe: number;
  private readonly plan: RankingPlan[];
  private readonly rows: RankingRow[];
  private readonly steps: StepLedger;
  private stage: EgnasStage = 'search';
  private cur: Training | null = null;
  private readonly candidates: EgnasCandidate[] = [];
  private readonly curves = new Map<number, number[]>();
  private pending: EgnasCandidate[] = [];
  private pendingRows: RankingRow[] = [];
  private readonly rankQueue: RankJob[];
  private ranking: RankingResult | null = null;
  private final: Training | null = null;
  private finalSpec: ArchSpec | null = null;
  private found: { genome: ChainGenome; acc: number; epochs: number } | null = null;
  private result: { val: number; test: number } | null = null;
  /** The hand-designed baseline (trained only when asked for; tested in finish()). */
  private readonly baseline: BaselineStage;
  /** Every accuracy reported to the search, in order (a restore replays them). */
  private readonly reports: (number | null)[] = [];

  constructor(
    private readonly ctx: MethodContext,
    private readonly config: EgnasConfig,
  ) {
    const problems = crossCheck(config);
    if (problems.length) throw new RangeError(`Efficient Global NAS: ${problems.join('; ')}`);
    if (ctx.data.split.val.length === 0) throw new Error('Efficient Global NAS decides on the validation split, and this split has no validation images.');
    const ds = ctx.data.dataset;
    this.task = { input: { height: ds.height, width: ds.width, channels: ds.channels }, numClasses: ds.numClasses, stemStride: config.tinyStem ? 2 : 1 };
    this.data = runData(ctx.data, config.trainLimit);
    this.spe = Math.floor(this.data.search.split.train.length / config.batchSize);
    if (this.spe < 1) throw new RangeError(`the batch size ${config.batchSize} is larger than the ${this.data.search.split.train.length} training images: lower the batch size or use more images`);
    this.search = new EgnasSearch(this.task, config);
    this.baseline = new BaselineStage(ctx, this.task, this.data.final, () => this.recipe());
    this.plan = rankingPlan(config);
    ({ rows: this.rows, queue: this.rankQueue } = rankingJobs(this.task, this.plan));
    const w = worstCaseEpochs(config);
    const final = w.finalEpochs * this.spe;
    const rank = this.rankQueue.reduce((s, q) => s + q.epochs, 0) * this.spe;
    this.steps = new StepLedger({ search: w.epochs * this.spe, final, rank, baseline: config.trainBaseline ? final : 0 }, this.spe);
  }

  private get totalSteps(): number {
    return this.steps.total;
  }

  start(): RunStart {
    const spec = chainArch(this.task, plainGenome(this.config.Lmin, this.config.Cmax), 'first candidate');
    const c = archCosts(spec);
    const c0 = this.config;
    const info = {
      valImages: this.data.search.split.val.length, rankChains: this.plan.length, worstCaseSteps: this.totalSteps,
      addTol: c0.addTol, dropTol: c0.dropTol, microTol: c0.microTol, paramTol: c0.paramTol, trainBaseline: c0.trainBaseline,
    };
    const summary = `depth ${this.config.Lmin}–${this.config.Lmax}, width ${this.config.Cmin}–${this.config.Cmax}; at most ${this.totalSteps} steps (the search usually stops well before)`;
    return { spec, macs: c.macs, params: c.params, totalSteps: this.totalSteps, stepsPerEpoch: this.spe, totalEpochs: Math.ceil(this.totalSteps / this.spe), info, summary };
  }

  private recipe(): TrainRecipe {
    const c = this.config;
    // The authors' recipe shape: SGD with momentum, cosine over each candidate's own budget; one data order for all.
    return { batchSize: c.batchSize, lr: c.lr, optimizer: 'sgd', schedule: 'cosine', weightDecay: c.weightDecay, labelSmoothing: c.labelSmoothing, seed: c.seed, recalibrateBatches: BN_RECAL_BATCHES };
  }

  private train(job: Job, genome: ChainGenome, epochs: number, label: string, initStream: string, data: TrainData): Training {
    const spec = chainArch(this.task, genome, label);
    return { job, t: createSpecTraining(spec, data, this.recipe(), { epochs }, { initStream }), curve: [], label, diverged: false };
  }

  async step(): Promise<MethodStep> {
    if (!this.steps.finished) {
      this.cur ??= this.nextJob();
      if (this.cur && this.cur.t.done) this.steps.finish(); // the final training is complete: nothing is left
      else if (this.cur) await this.stepCurrent(this.cur);
    }
    const cur = this.cur;
    const work = this.steps.work({
      stage: this.stage,
      bound: this.search.epochsLeft(),
      phase: this.search.currentPhase,
      candidateSteps: cur?.job.kind === 'search' ? cur.t.stepIndex : 0,
      foundEpochs: this.found?.epochs ?? null,
      finalStarted: this.final !== null,
      trainBaseline: this.config.trainBaseline,
    });
    return { done: this.steps.done, epoch: this.steps.epoch(), work };
  }

  /** The next training, or null when everything is trained; moves the stage and counts skipped steps as done. */
  private nextJob(): Training | null {
    if (this.stage === 'search') {
      const req = this.search.next();
      this.emitDecided();
      if (req) return this.searchTraining(req);
      this.found = this.search.result;
      this.steps.skipSearch();
      const f = this.found!;
      this.ctx.log?.(`search found L${f.genome.ops.length} C${f.genome.C} [${genomeText(f.genome)}], val ${pct(f.acc)}; discovered budget ${f.epochs} epochs`);
      this.stage = 'ranking';
    }
    if (this.stage === 'ranking') {
      const q = this.rankQueue.shift();
      if (q) return this.rankTraining(q);
      if (this.plan.length) {
        this.ranking = rankingResult(this.rows);
        this.ctx.log?.(`fair ranking: τ fixed ${this.ranking.fixedTau?.toFixed(2) ?? 'n/a'}, τ architecture-aware ${this.ranking.awareTau?.toFixed(2) ?? 'n/a'}`);
      }
      if (this.config.trainBaseline) {
        this.stage = 'baseline';
        this.steps.skipRest('baseline', this.found!.epochs);
        const { tr, targetParams } = this.startBaseline();
        this.ctx.log?.(`training the ${tr.label} (${archCosts(tr.t.spec).params} params, nearest the found chain's ${targetParams}) for ${this.found!.epochs} epochs, same recipe`);
        return tr;
      }
      this.stage = 'final';
    }
    if (this.stage === 'baseline') this.stage = 'final'; // the baseline is trained (its test comes in finish())
    if (this.stage === 'final' && !this.final) {
      this.steps.skipRest('final', this.found!.epochs);
      this.ctx.log?.(`retraining the found chain from scratch for ${this.found!.epochs} epochs`);
      return this.startFinal();
    }
    return null;
  }

  private searchTraining(req: CandidateRequest): Training {
    return this.train({ kind: 'search', req }, req.genome, req.epochs, `#${req.index + 1} ${req.phase} L${req.genome.ops.length} C${req.genome.C}`, `cand-${req.index}`, this.data.search);
  }

  private rankTraining(q: RankJob): Training {
    const p = this.plan[q.row];
    return this.train({ kind: 'rank', ...q }, plainGenome(p.L, p.C), q.epochs, `demo L${p.L} C${p.C} ${q.which} ${q.epochs} ep`, `rank-${q.row}`, this.data.search);
  }

  /** The hand-designed baseline at the found chain's parameter count, with the same epochs, recipe and data. */
  private startBaseline(): { tr: Training; targetParams: number } {
    const epochs = this.found!.epochs;
    const { t, label, targetParams } = this.baseline.training(this.found!.genome, epochs);
    return { tr: { job: { kind: 'baseline', epochs }, t, curve: [], label, diverged: false }, targetParams };
  }

  private async endBaseline(tr: Training): Promise<void> {
    await this.baseline.end(tr.t, tr.curve, tr.job.kind === 'baseline' ? tr.job.epochs : 0, tr.diverged, tr.label);
    this.cur = null;
  }

  /** The found chain's retraining from scratch. */
  private startFinal(): Training {
    const f = this.found!;
    const c = this.config;
    const name = `Efficient Global NAS L${f.genome.ops.length} C${f.genome.C} (seed ${c.seed})`;
    const tr = this.train({ kind: 'final', epochs: f.epochs }, f.genome, f.epochs, name, 'final-init', this.data.final);
    tr.t.spec.meta = { ...tr.t.spec.meta, seed: c.seed, preset: c.preset, dataset: this.ctx.data.dataset.name, epochs: f.epochs };
    this.finalSpec = tr.t.spec;
    this.final = tr;
    return tr;
  }

  private async stepCurrent(tr: Training): Promise<void> {
    const before = tr.t.stepIndex;
    try {
      await tr.t.step();
    } catch (e) {
      if (!(e instanceof DivergenceError) || tr.job.kind === 'final') throw e;
      // A candidate that diverges scores as failed; the search goes on (a diverged baseline is recorded as such).
      tr.diverged = true;
      this.steps.advance(tr.t.totalSteps - before, tr.job.kind === 'search');
      if (tr.job.kind === 'baseline') await this.endBaseline(tr);
      else this.endJob(tr, null);
      return;
    }
    this.steps.advance(1, tr.job.kind === 'search');
    if (tr.t.stepIndex % this.spe === 0 || tr.t.done) tr.curve.push((await tr.t.evaluate('val', { bnRecalibrate: true })).accuracy);
    if (tr.t.done && tr.job.kind === 'baseline') await this.endBaseline(tr);
    else if (tr.t.done && tr.job.kind !== 'final') this.endJob(tr, tr.curve.at(-1) ?? null);
  }

  private endJob(tr: Training, acc: number | null): void {
    const job = tr.job;
    tr.t.dispose();
    this.cur = null;
    if (job.kind === 'search') {
      this.curves.set(job.req.index, tr.curve);
      this.reports.push(acc);
      const d = this.search.report(acc);
      this.emitDecided();
      const v = d.against === null ? '' : ` vs ${pct(d.against)}`;
      this.ctx.log?.(`${d.phase} #${d.index + 1} L${d.genome.ops.length} C${d.genome.C} ${d.change ?? ''} ${d.epochs} ep: val ${pct(d.valAccuracy)}${v} → ${d.decision}`);
    } else if (job.kind === 'rank') {
      const row = this.rows[job.row];
      row.curves[job.which] = tr.curve;
      if (job.which === 'fixed') row.fixedAcc = acc;
      else if (job.which === 'aware') row.awareAcc = acc;
      else {
        row.refAcc = acc;
        this.pendingRows.push(row);
      }
    }
  }

  /** Turn the search's newly decided candidates into record rows (unmatched ones are decided without training). */
  private emitDecided(): void {
    for (const d of this.search.decided.slice(this.candidates.length)) {
      const c = candidateRow(this.task, d, this.curves.get(d.index) ?? [], this.ctx.profile);
      this.candidates.push(c);
      this.pending.push(c);
    }
  }

  /** Any steps left, then the retrained network's validation and test accuracy (the only use of the test split). */
  async finish(): Promise<void> {
    while (!this.steps.finished) await this.step();
    if (this.result) return;
    const f = this.final;
    if (!f) throw new Error('the search ended before the final retraining');
    const val = (await f.t.evaluate('val', { bnRecalibrate: true })).accuracy;
    const test = (await f.t.evaluate('test', { bnRecalibrate: true })).accuracy;
    this.result = { val, test };
    this.stage = 'done';
    this.ctx.log?.(`retrained chain: val ${pct(val)}, test ${pct(test)}`);
    await this.baseline.test();
  }

  /** The accuracies the search was given, curves, ranking so far and the training in progress (its trainer). */
  async checkpoint(): Promise<MethodCheckpoint> {
    if (this.stage === 'done') throw new Error('the run is finished: nothing to checkpoint');
    const tr = this.cur;
    const job = tr?.job;
    const current: SavedTraining | null =
      tr && job
        ? { kind: job.kind, index: job.kind === 'search' ? job.req.index : job.kind === 'rank' ? job.row : 0, which: job.kind === 'rank' ? job.which : null, curve: tr.curve, trainer: await tr.t.trainer.checkpoint() }
        : null;
    const state: EgnasResumeState = {
      v: 1, stage: this.stage, searchSteps: this.steps.searchSteps, reports: this.reports, curves: [...this.curves.entries()],
      rankLeft: this.rankQueue.length, rows: this.rows, ranking: this.ranking, baseline: this.baseline.record, current,
      baselineTrainer: await this.baseline.trainerCheckpoint(),
    };
    return { done: this.steps.done, state: structuredClone(state) };
  }

  /** On a fresh run: replay the reported accuracies into the search, then rebuild the training in progress. */
  restore(cp: MethodCheckpoint): void {
    if (this.steps.done > 0 || this.cur || this.reports.length) throw new Error('restore() needs a fresh run (no step taken yet)');
    const s = readResumeState(cp.state, this.rows.length);
    for (const [i, c] of s.curves) this.curves.set(i, c.slice());
    for (const acc of s.reports) {
      if (!this.search.next()) throw new RangeError('the checkpoint reports more candidates than this search asks for (other settings or data)');
      this.search.report(acc);
      this.reports.push(acc);
    }
    const cur = s.current;
    let req = null;
    if (s.stage === 'search') req = cur ? this.search.next() : null;
    else if (this.search.next()) throw new RangeError('the checkpoint left the search before this search ends (other settings or data)');
    else this.found = this.search.result;
    this.emitDecided();
    this.pending = this.candidates.slice();
    s.rows.forEach((r, i) => Object.assign(this.rows[i], r));
    this.pendingRows = this.rows.filter((r) => r.refAcc !== null || r.curves.ref.length > 0);
    while (this.rankQueue.length > s.rankLeft + (cur?.kind === 'rank' ? 1 : 0)) this.rankQueue.shift();
    Object.assign(this, { ranking: s.ranking, stage: s.stage });
    Object.assign(this.steps, { done: cp.done, searchSteps: s.searchSteps });
    if (s.baselineTrainer && !this.config.trainBaseline) throw new RangeError('the checkpoint holds a trained baseline this run does not train (other settings)');
    this.baseline.restore(s.baseline ?? null, s.baselineTrainer ?? null, this.found?.genome ?? null, this.found?.epochs ?? 0);
    if (!cur) return;
    let tr: Training;
    if (cur.kind === 'search') {
      if (!req || req.index !== cur.index) throw new RangeError(`the checkpoint trains candidate #${cur.index + 1}; this search asks for ${req ? `#${req.index + 1}` : 'none'}`);
      tr = this.searchTraining(req);
    } else if (cur.kind === 'rank') {
      const q = this.rankQueue.shift();
      if (!q || q.row !== cur.index || q.which !== cur.which) throw new RangeError('the checkpoint trains another ranking chain than this run would');
      tr = this.rankTraining(q);
    } else if (cur.kind === 'baseline') {
      if (!this.config.trainBaseline) throw new RangeError('the checkpoint trains the baseline; this run does not train it (other settings)');
      tr = this.startBaseline().tr;
    } else tr = this.startFinal();
    this.cur = tr;
    tr.t.trainer.restore(cur.trainer);
    tr.curve.push(...cur.curve);
  }

  snapshot(): EgnasSnapshot {
    const cands = this.pending;
    this.pending = [];
    const rows = this.pendingRows.map((r) => ({ ...r, curves: { fixed: [...r.curves.fixed], aware: [...r.curves.aware], ref: [...r.curves.ref] } }));
    this.pendingRows = [];
    const tr = this.cur;
    const phase = this.search.currentPhase;
    return {
      stage: this.stage,
      phase: this.stage === 'search' && phase !== 'done' ? phase : null,
      candidates: cands,
      current: tr
        ? {
            label: tr.label,
            phase: tr.job.kind === 'search' ? tr.job.req.phase : tr.job.kind === 'rank' ? 'ranking' : tr.job.kind,
            epochs: tr.job.kind === 'search' ? tr.job.req.epochs : tr.job.epochs,
            step: tr.t.stepIndex,
            steps: tr.t.totalSteps,
            curve: [...tr.curve],
          }
        : null,
      ranking: rows,
      rankingResult: this.ranking ? { fixedTau: this.ranking.fixedTau, awareTau: this.ranking.awareTau } : null,
      paramBudget: this.search.paramBudget,
      discoveredEpochs: this.found?.epochs ?? null,
      baseline: this.baseline.record && { ...this.baseline.record, curve: [...this.baseline.record.curve] },
      valImages: this.data.search.split.val.length,
    };
  }

  outcome(): MethodOutcome {
    const r = this.result;
    const f = this.found;
    if (!r || !f || !this.final || !this.finalSpec) throw new Error('outcome() needs a finished run (call finish() first)');
    const c = this.config;
    const extras = recordExtras({
      candidates: this.candidates.slice(),
      ranking: this.ranking,
      found: { L: f.genome.ops.length, C: f.genome.C, ops: [...f.genome.ops], kernels: [...f.genome.kernels], epochs: f.epochs, searchValAccuracy: f.acc },
      paramBudget: this.search.paramBudget,
      baseline: this.baseline.record,
      tolerances: { add: c.addTol, drop: c.dropTol, micro: c.microTol, params: c.paramTol, valImages: this.data.search.split.val.length },
    });
    return {
      archSpec: this.finalSpec,
      valAccuracy: r.val,
      testAccuracy: r.test,
      history: historyRows(this.candidates, this.ranking, this.baseline.record, this.final.curve, r.val, r.test),
      extras,
      resultSteps: this.final.t.stepIndex,
      trainImages: this.data.search.split.train.length,
    };
  }

  releaseNetwork(): Network {
    if (!this.final) throw new Error('there is no result network before the final retraining');
    return this.final.t.releaseNetwork();
  }

  dispose(): void {
    if (this.cur && this.cur !== this.final) this.cur.t.dispose();
    this.cur = null;
    this.baseline.dispose();
    this.final?.t.dispose();
  }
}
