/**
 * One AtomNAS search (METHODS.md §1): train the atomic-block supernet with CE + wd + ρ(t)·Σ penalty_i·|γ_i|, and every
 * `shrinkEvery` steps physically remove the atoms whose gates died. No retraining: the network left at the end is
 * the result (BN statistics re-estimated before every evaluation). The device profile (penalty 'latency', and the
 * predicted-latency figures) comes in the method context.
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec } from '../../../core/archspec';
import { archCosts } from '../../../core/costs';
import { recordLatency } from '../../../core/method/buildRecord';
import type { HistoryRow } from '../../../core/method/resultRecord';
import type { RunStart } from '../../../core/method/runStart';
import { rngStream } from '../../../core/rng';
import { limitTrain } from '../../../data/split';
import { trimGpuBufferPool } from '../../../engine/gpuPool';
import { buildNetwork, type Network } from '../../../engine/network';
import { Trainer, type TrainConfig, type TrainData } from '../../../engine/trainer';
import type { MethodCheckpoint, MethodContext, MethodOutcome, MethodRun, MethodStep } from '../../runTypes';
import { atomnasSupernetSpec } from '../latency';
import { crossCheck, type AtomNasSettings } from '../settings';
import { checkReport } from '../checkReport';
import type { AtomNasCheck, AtomNasShrinkEvent, AtomNasSnapshot, AtomNasStartInfo, AtomNasValPoint } from '../snapshot';
import { atomPenalties, blockAtoms, latencyCostsFromProfile, markFixedLayer, meanAtomCost, type BlockAtoms, type LatencyAtomCosts } from './atoms';
import { WeightEma } from './ema';
import { atomnasOutcome } from './outcome';
import { penaltyTerm, proximalStep } from './penalty';
import { adaptRho, DEFAULT_TARGET, plannedMacs, projectedMacs, rampSteps, rhoAt, type TargetOptions } from './rhoSchedule';
import { shrinkNetwork } from './shrink';
import { loadPlan, readResumeState, savePlan, type AtomNasResumeState, type SavedPlan } from './resume';
import { applyPlanToAtoms, applyPlanToSpec, planShrink, shrinkEvent, type ShrinkPlan } from './shrinkPlan';
import { SeriesBuffer, snapshotState, snapshotTransfer } from './snapshot';

/** Gates are read back every this many steps for the live view (and at every shrink check). */
const GATE_READ_EVERY = 4;
/** Target mode's leading indicator counts atoms with |γ| at or below this as already gone [ours]. */
const DYING_LEVEL = 0.05;

export const NO_PROFILE_ERROR =
  'The latency penalty needs a device profile with per-channel branch costs: measure or import one in the Latency profiler ' +
  'and choose it as the search target (CLI: --profile file.json), or pick the "macs" penalty.';

/** The supernet ArchSpec of these settings for a dataset shape. */
export function atomnasSupernet(s: AtomNasSettings, input: ArchSpec['input'], numClasses: number): ArchSpec {
  return markFixedLayer(atomnasSupernetSpec(s, input, numClasses));
}

const mega = (v: number) => `${(v / 1e6).toFixed(3)} M`;

export class AtomNasRun implements MethodRun<AtomNasSnapshot> {
  readonly totalSteps: number;
  readonly totalEpochs: number;
  readonly trainer: Trainer;
  readonly net: Network;
  readonly ema: WeightEma | null;
  readonly supernetMacs: number;
  readonly supernetParams: number;
  atoms: BlockAtoms[];
  macs: number;
  params: number;
  baseRho: number;
  rhoNow = 0;
  readonly events: AtomNasShrinkEvent[] = [];
  /** The supernet's spec (before any shrink). */
  readonly supernet: ArchSpec;
  /** Training images per epoch (after the seeded subset). */
  readonly trainImages: number;
  private final: { val: AtomNasValPoint; testAcc: number; testLoss: number } | null = null;
  private readonly history: HistoryRow[] = [];
  /** Predicted latency (ms) of the supernet and of the current network with the context's profile (null: none). */
  private readonly supernetLatencyMs: number | null;
  private latencyMs: number | null;
  private epochLoss = { sum: 0, n: 0, t0: 0 };
  private readonly evalTrainer: Trainer | null;
  private readonly supernetAtoms: BlockAtoms[];
  private readonly penaltyNorm: number;
  /** Per-atom latency costs of the supernet (penalty 'latency' only). */
  readonly latency: LatencyAtomCosts | undefined;
  private penaltyHost: Float32Array[] = [];
  private readonly ramp: number;
  private readonly target: TargetOptions | null;
  private penalties: tf.Tensor1D[] = [];
  private gates: Float32Array[] = [];
  private gateStep = 0;
  private lastProjected: number;
  private planned: number | null = null;
  private released = false;
  /** A shrink changed every searched tensor's size: empty the WebGPU buffer pool after the next step (engine/gpuPool). */
  private trimPool = false;
  /** Every shrink applied so far (a restore replays them) and the atom table before the latest. */
  private readonly plans: SavedPlan[] = [];
  private readonly series = new SeriesBuffer();
  private readonly newVal: AtomNasValPoint[] = [];
  private readonly newEvents: AtomNasShrinkEvent[] = [];
  private lastVal: AtomNasValPoint | null = null;
  private lastCheck: AtomNasCheck | null = null;

  constructor(
    private readonly ctx: MethodContext,
    readonly settings: AtomNasSettings,
  ) {
    const s = settings;
    const profile = ctx.profile;
    const problems = crossCheck(s);
    if (problems.length) throw new RangeError(`AtomNAS: ${problems.join('; ')}`);
    if (s.penalty === 'latency' && !profile) throw new Error(NO_PROFILE_ERROR);
    const { dataset } = ctx.data;
    const spec = atomnasSupernet(s, { height: dataset.height, width: dataset.width, channels: dataset.channels }, dataset.numClasses);
    spec.meta = { ...spec.meta, method: 'atomnas', seed: s.seed, preset: s.preset, dataset: dataset.name };
    this.supernet = spec;
    this.supernetLatencyMs = this.latencyMs = recordLatency(spec, profile)?.ms ?? null;
    const costs = archCosts(spec);
    this.supernetMacs = this.macs = costs.macs;
    this.supernetParams = this.params = costs.params;
    this.lastProjected = costs.macs;
    this.atoms = this.supernetAtoms = blockAtoms(spec);
    this.penaltyNorm = meanAtomCost(this.atoms);
    // Before any tensor exists: a profile that cannot price the supernet throws here, naming what it lacks.
    this.latency = s.penalty === 'latency' && profile ? latencyCostsFromProfile(spec, this.atoms, profile, { tiny: s.tiny, width: s.width }) : undefined;
    const split = limitTrain(ctx.data.split, s.trainLimit);
    this.trainImages = split.train.length;
    const data: TrainData = { dataset, split };
    const { epochs, batchSize, lr, optimizer, schedule, weightDecay, labelSmoothing, seed, bnRecalBatches: recalibrateBatches } = s;
    const cfg: TrainConfig = { epochs, batchSize, lr, optimizer, schedule, weightDecay, labelSmoothing, seed, recalibrateBatches };
    this.net = buildNetwork(spec, rngStream(s.seed, 'init'));
    try {
      this.trainer = new Trainer(this.net, data, cfg, {
        regularizer: s.proximal ? undefined : () => penaltyTerm(this.net, this.atoms, this.penalties, this.rhoNow),
        afterApply: s.proximal ? (info) => proximalStep(this.net, this.atoms, this.penalties, (info.lr / (1 - this.trainer.optimizer.config.momentum)) * this.rhoNow) : undefined,
      });
      this.ema = s.emaDecay > 0 ? new WeightEma(this.net, s.emaDecay) : null;
      this.evalTrainer = this.ema ? new Trainer(this.ema.net, data, cfg) : null;
    } catch (e) {
      this.net.dispose();
      throw e;
    }
    this.totalSteps = this.trainer.totalSteps;
    this.totalEpochs = s.epochs;
    this.ramp = rampSteps(this.totalSteps, s.rampFrac);
    this.baseRho = s.rho;
    this.target = s.targetMode ? { ...DEFAULT_TARGET, startMacs: costs.macs, targetMacs: s.targetMacs } : null;
    this.rebuildPenalties();
    this.gates = this.atoms.map((b) => new Float32Array(b.kernel.length).fill(1));
  }

  /** What the run starts from: the supernet, its costs and step budget (and its predicted latency with a profile). */
  start(): RunStart {
    const s = this.settings;
    const latency = recordLatency(this.supernet, this.ctx.profile);
    const info: AtomNasStartInfo = {
      supernetMacs: this.supernetMacs,
      supernetParams: this.supernetParams,
      supernetLatencyMs: this.supernetLatencyMs,
      kernels: s.kernels.slice(),
      penalty: s.penalty,
      latencyPricedBy: this.latency?.profileName ?? null,
    };
    this.epochLoss.t0 = performance.now();
    const spe = this.trainer.stepsPerEpoch;
    const summary =
      `supernet ${mega(this.supernetMacs)} MACs, ${this.supernetParams} params` +
      `${latency ? `, ${latency.ms.toFixed(3)} ms ${latency.label}` : ''}; penalty ${s.penalty}; ${this.totalSteps} steps (${spe}/epoch)`;
    return { spec: this.supernet, macs: this.supernetMacs, params: this.supernetParams, totalSteps: this.totalSteps, stepsPerEpoch: spe, totalEpochs: this.totalEpochs, info: { ...info }, summary };
  }

  private rebuildPenalties(): void {
    tf.dispose(this.penalties);
    const host = atomPenalties(this.atoms, this.settings.penalty, this.penaltyNorm, this.latency);
    this.penaltyHost = host;
    this.penalties = host.map((p) => tf.tensor1d(p));
  }

  /** penalty_i of every surviving atom, per searched block (what ρ multiplies). */
  penaltyWeights(): Float32Array[] {
    return this.penaltyHost.map((p) => p.slice());
  }

  private async readGates(net: Network): Promise<Float32Array[]> {
    return Promise.all(this.atoms.map(async (b) => Float32Array.from(await net.params.get(`L${b.layer}.dw.bn.gamma`).data())));
  }

  async step(): Promise<MethodStep> {
    const t = this.trainer.stepIndex;
    this.rhoNow = rhoAt(t, this.baseRho, this.ramp);
    const info = await this.trainer.trainStep();
    if (this.trimPool) {
      // The shrink's old-size tensors were handed back to the pool by this step's first submit; tfjs never reuses them.
      this.trimPool = false;
      trimGpuBufferPool();
    }
    this.ema?.update(this.net);
    const done = this.trainer.stepIndex;
    const spe = this.trainer.stepsPerEpoch;
    const epochEnd = done % spe === 0;
    const every = this.settings.shrinkEvery;
    if ((every > 0 ? done % every === 0 : epochEnd) || done === this.totalSteps) await this.shrinkCheck(done, info.epoch);
    else if (done % GATE_READ_EVERY === 0) {
      this.gates = await this.readGates(this.net);
      this.gateStep = done;
    }
    // After the shrink check, so the MACs curve steps down at the event's step.
    this.series.push(done, info.loss, this.rhoNow, this.macs, this.params);
    this.epochLoss.sum += info.loss;
    this.epochLoss.n++;
    // The last epoch's validation is finish()'s (its row is completed there).
    if (epochEnd || done === this.totalSteps) this.endEpoch(done, epochEnd && done < this.totalSteps ? await this.validate(done) : null);
    return { done, epoch: Math.floor(done / spe) };
  }

  /** One history row per epoch: mean training loss, validation accuracy, MACs and params at its end, wall time. */
  private endEpoch(done: number, val: AtomNasValPoint | null): void {
    const now = performance.now();
    const e = this.epochLoss;
    this.history.push({
      epoch: Math.ceil(done / this.trainer.stepsPerEpoch),
      step: done,
      loss: e.n ? e.sum / e.n : null,
      valAccuracy: val?.acc ?? null,
      macs: this.macs,
      params: this.params,
      seconds: (now - e.t0) / 1000,
    });
    this.epochLoss = { sum: 0, n: 0, t0: now };
  }

  /** Count dead atoms (live and EMA), adapt ρ in target mode, and remove them when they cost enough. */
  async shrinkCheck(done: number, epoch: number): Promise<AtomNasShrinkEvent | null> {
    const s = this.settings;
    const live = await this.readGates(this.net);
    const ema = this.ema ? await this.readGates(this.ema.net) : null;
    this.gates = live;
    this.gateStep = done;
    if (this.target) {
      const projected = projectedMacs(this.macs, live, this.atoms.map((b) => b.cost), Math.max(DYING_LEVEL, s.threshold));
      const interval = s.shrinkEvery > 0 ? s.shrinkEvery : this.trainer.stepsPerEpoch;
      const plannedNext = plannedMacs((done + interval) / this.totalSteps, this.target);
      this.baseRho = adaptRho(this.baseRho, { projected, previous: this.lastProjected, plannedNext }, this.target);
      this.lastProjected = projected;
      this.planned = plannedMacs(done / this.totalSteps, this.target);
    }
    const plan = planShrink(this.atoms, live, ema, {
      threshold: s.threshold,
      minCost: s.shrinkFrac * this.supernetMacs,
      allowRemoveResidualBlock: true,
    });
    this.lastCheck = checkReport({
      step: done, threshold: s.threshold, live, ema, removable: plan.deadAtoms, removableMacs: plan.deadCost, minMacs: s.shrinkFrac * this.supernetMacs, triggered: plan.triggered,
    });
    if (!plan.triggered) return null;
    const macsBefore = this.macs;
    const event = shrinkEvent(plan, this.atoms, s.kernels, { step: done, epoch, macsBefore, rho: this.baseRho });
    event.paramsAfter = archCosts(this.applyShrink(plan)).params;
    [this.macs, this.params] = [event.macsAfter, event.paramsAfter];
    for (const list of [this.events, this.newEvents]) list.push(event);
    this.ctx.log?.(`step ${done}: removed ${plan.deadAtoms} atoms, MACs ${(macsBefore / 1e6).toFixed(3)}M → ${(event.macsAfter / 1e6).toFixed(3)}M`);
    return event;
  }

  /** Slice the network, its EMA copy, optimizer state, gates and atom table by `plan`; the new spec. */
  private applyShrink(plan: ShrinkPlan): ArchSpec {
    const next = applyPlanToSpec(this.net.spec, plan);
    shrinkNetwork(this.net, plan, next, this.trainer.optimizer);
    if (this.ema) shrinkNetwork(this.ema.net, plan, next);
    this.gates = this.gates.flatMap((g, i) => (plan.blocks[i].removed ? [] : [Float32Array.from(plan.blocks[i].keep, (c) => g[c])]));
    this.atoms = applyPlanToAtoms(this.atoms, plan);
    this.rebuildPenalties();
    // The spec changes only here: price it again (the live view's latency curve).
    if (this.supernetLatencyMs !== null) this.latencyMs = recordLatency(next, this.ctx.profile)?.ms ?? null;
    this.plans.push(savePlan(plan));
    this.trimPool = true;
    return next;
  }

  /** Weights, EMA, optimizer, streams (the trainers'), the shrinks so far, ρ controller, history and events. */
  async checkpoint(): Promise<MethodCheckpoint> {
    const state: AtomNasResumeState = {
      v: 1, plans: this.plans, spec: this.net.spec, trainer: await this.trainer.checkpoint(), evalTrainer: (await this.evalTrainer?.checkpoint()) ?? null,
      baseRho: this.baseRho, rhoNow: this.rhoNow, macs: this.macs, params: this.params, events: this.events, history: this.history,
      epochLoss: { sum: this.epochLoss.sum, n: this.epochLoss.n }, gates: this.gates, gateStep: this.gateStep,
      lastProjected: this.lastProjected, planned: this.planned, lastVal: this.lastVal,
    };
    return { done: this.trainer.stepIndex, state: structuredClone(state) };
  }

  /** On a fresh run: replay the saved shrinks (the saved architecture), then load weights and state. */
  restore(cp: MethodCheckpoint): void {
    if (this.trainer.stepIndex > 0 || this.plans.length > 0) throw new Error('restore() needs a fresh run (no step taken yet)');
    const s = readResumeState(cp.state);
    for (const p of s.plans) this.applyShrink(loadPlan(p));
    if (JSON.stringify(this.net.spec) !== JSON.stringify(s.spec)) throw new RangeError('the checkpoint\'s shrinks do not give its architecture here (other settings or data)');
    this.trainer.restore(s.trainer);
    if (!this.evalTrainer !== !s.evalTrainer) throw new RangeError(`the checkpoint was taken with EMA ${s.evalTrainer ? 'on' : 'off'}`);
    if (s.evalTrainer) this.evalTrainer?.restore(s.evalTrainer);
    Object.assign(this, { baseRho: s.baseRho, rhoNow: s.rhoNow, macs: s.macs, params: s.params, gates: s.gates, gateStep: s.gateStep, lastProjected: s.lastProjected, planned: s.planned, lastVal: s.lastVal });
    for (const list of [this.events, this.newEvents]) list.push(...s.events);
    this.history.push(...s.history);
    this.epochLoss = { ...s.epochLoss, t0: performance.now() };
  }

  /** The network evaluated and returned (also exportable mid-run): the EMA weights when EMA is on, else the live ones. */
  network(): Network {
    return this.ema ? this.ema.net : this.net;
  }

  private evaluator(): Trainer {
    return this.evalTrainer ?? this.trainer;
  }

  private async validate(done: number): Promise<AtomNasValPoint> {
    const r = await this.evaluator().evaluate('val', { bnRecalibrate: true });
    const p = { step: done, acc: r.accuracy, loss: r.loss };
    this.lastVal = p;
    this.newVal.push(p);
    this.ctx.log?.(`step ${done}: val acc ${(r.accuracy * 100).toFixed(2)}%, MACs ${(this.macs / 1e6).toFixed(3)}M`);
    return p;
  }

  /** Validation (BN re-estimated) and the one test evaluation of the network the search left behind. */
  async finish(): Promise<void> {
    const done = this.trainer.stepIndex;
    const val = await this.validate(done);
    // BN statistics were just re-estimated on the result network: test with them.
    const test = await this.evaluator().evaluate('test');
    this.final = { val, testAcc: test.accuracy, testLoss: test.loss };
    const last = this.history.at(-1);
    if (last && last.step === done) last.valAccuracy = val.acc;
    else this.endEpoch(done, val); // finished early (fewer steps than planned)
    this.ctx.log?.(
      `found ${mega(this.macs)} MACs (supernet ${mega(this.supernetMacs)}), ${this.params} params; ` +
        `val ${(100 * val.acc).toFixed(2)}%, test ${(100 * test.accuracy).toFixed(2)}% without retraining`,
    );
  }

  /** The found network and its figures (after `finish()`; before it, the current network with the last validation). */
  outcome(): MethodOutcome {
    return atomnasOutcome(this, { final: this.final, lastVal: this.lastVal, history: this.history, profile: this.ctx.profile });
  }

  /** The γ and series buffers of a snapshot (freshly allocated each time: safe to move to the main thread). */
  transferables(snap: AtomNasSnapshot): Transferable[] {
    return snapshotTransfer(snap);
  }

  snapshot(): AtomNasSnapshot {
    const state = snapshotState(this.supernetAtoms, this.atoms, this.gates, this.settings.kernels, this.net.spec);
    return {
      step: this.trainer.stepIndex,
      totalSteps: this.totalSteps,
      epoch: Math.floor(this.trainer.stepIndex / this.trainer.stepsPerEpoch),
      kernels: this.settings.kernels.slice(),
      ...this.series.drain(),
      val: this.newVal.splice(0),
      events: this.newEvents.splice(0),
      ...state,
      gammaStep: this.gateStep,
      check: this.lastCheck,
      macsNow: this.macs,
      paramsNow: this.params,
      supernetMacs: this.supernetMacs,
      supernetParams: this.supernetParams,
      threshold: this.settings.threshold,
      rhoNow: this.rhoNow,
      baseRho: this.baseRho,
      plannedMacs: this.planned,
      supernetLatencyMs: this.supernetLatencyMs,
      latencyMs: this.latencyMs,
      spec: this.net.spec,
    };
  }

  /** Exportable mid-run (e.g. paused): the shrunk supernet as it stands is a complete network; null once handed over. */
  liveNetwork(): { net: Network; steps: number } | null {
    return this.released ? null : { net: this.network(), steps: this.trainer.stepIndex };
  }

  releaseNetwork(): Network {
    this.released = true;
    return this.network();
  }

  dispose(): void {
    tf.dispose(this.penalties);
    this.penalties = [];
    this.trainer.dispose();
    this.evalTrainer?.dispose();
    const result = this.network();
    if (!(this.released && result === this.net)) this.net.dispose();
    if (this.ema && !(this.released && result === this.ema.net)) this.ema.dispose();
  }
}
