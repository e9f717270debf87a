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
import { buildNetwork, type Network } from '../../../engine/network';
import { Trainer, type TrainConfig, type TrainData } from '../../../engine/trainer';
import type { MethodContext, MethodOutcome, MethodRun, MethodStep } from '../../runTypes';
import { atomnasSupernetSpec } from '../latency';
import { crossCheck, type AtomNasSettings } from '../settings';
import type { AtomNasRecordFields, AtomNasShrinkEvent, AtomNasSnapshot, AtomNasStartInfo, AtomNasValPoint } from '../snapshot';
import { atomPenalties, blockAtoms, latencyCostsFromProfile, markFixedLayer, meanAtomCost, type BlockAtoms, type LatencyAtomCosts } from './atoms';
import { WeightEma } from './ema';
import { adaptRho, DEFAULT_TARGET, plannedMacs, projectedMacs, rampSteps, rhoAt, type TargetOptions } from './rhoSchedule';
import { shrinkNetwork } from './shrink';
import { applyPlanToAtoms, applyPlanToSpec, planShrink, removedByKernel } from './shrinkPlan';
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
  private readonly series = new SeriesBuffer();
  private readonly newVal: AtomNasValPoint[] = [];
  private readonly newEvents: AtomNasShrinkEvent[] = [];
  private lastVal: AtomNasValPoint | null = null;

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
    const cfg: TrainConfig = {
      epochs: s.epochs,
      batchSize: s.batchSize,
      lr: s.lr,
      optimizer: s.optimizer,
      schedule: s.schedule,
      weightDecay: s.weightDecay,
      labelSmoothing: s.labelSmoothing,
      seed: s.seed,
      recalibrateBatches: s.bnRecalBatches,
    };
    this.net = buildNetwork(spec, rngStream(s.seed, 'init'));
    try {
      this.trainer = new Trainer(this.net, data, cfg, {
        regularizer: s.proximal ? undefined : () => this.penaltyTerm(),
        afterApply: s.proximal ? (info) => this.proximalStep(info.lr) : undefined,
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

  /** ρ(t)·Σ_b Σ_i penalty_i·|γ_i| (inside the gradient tape; used when the proximal step is off). */
  private penaltyTerm(): tf.Scalar {
    const terms = this.atoms.map((b, i) => tf.sum(tf.mul(this.penalties[i], tf.abs(this.net.params.get(`L${b.layer}.dw.bn.gamma`)))));
    // Pairwise adds, not addN: one addN over many inputs exceeds WebGPU's per-stage storage-buffer limit (8 on some devices).
    const total = terms.reduce<tf.Tensor>((a, t) => tf.add(a, t), tf.scalar(0));
    return tf.mul<tf.Scalar>(total, this.rhoNow);
  }

  /**
   * [ours] γ ← sign(γ)·max(|γ| − η·ρ(t)·penalty, 0): the L1 term handled exactly, so gates reach 0 instead of hovering
   * near it. η = lr/(1 − μ), the step a constant gradient gets from momentum μ, so ρ pulls as hard as the L1
   * subgradient would with the proximal step off and one ρ means the same in both modes.
   */
  private proximalStep(lr: number): void {
    const k = (lr / (1 - this.trainer.optimizer.config.momentum)) * this.rhoNow;
    tf.tidy(() => {
      this.atoms.forEach((b, i) => {
        const g = this.net.params.get(`L${b.layer}.dw.bn.gamma`);
        g.assign(tf.mul(tf.sign(g), tf.relu(tf.sub(tf.abs(g), tf.mul(this.penalties[i], k)))));
      });
    });
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
    if (!plan.triggered) return null;
    const spec = this.net.spec;
    const next = applyPlanToSpec(spec, plan);
    shrinkNetwork(this.net, plan, next, this.trainer.optimizer);
    if (this.ema) shrinkNetwork(this.ema.net, plan, next);
    const macsBefore = this.macs;
    const event: AtomNasShrinkEvent = {
      step: done,
      epoch,
      removedAtoms: plan.deadAtoms,
      blocks: [],
      macsBefore,
      macsAfter: macsBefore - plan.deadCost,
      paramsAfter: archCosts(next).params,
      rho: this.baseRho,
    };
    plan.blocks.forEach((bk, i) => {
      const b = this.atoms[i];
      if (bk.keep.length === b.kernel.length) return;
      event.blocks.push({ layer: b.layer, slot: b.slot, perKernel: removedByKernel(b, bk.keep, s.kernels), blockRemoved: bk.removed });
    });
    this.gates = this.gates.flatMap((g, i) => (plan.blocks[i].removed ? [] : [Float32Array.from(plan.blocks[i].keep, (c) => g[c])]));
    this.atoms = applyPlanToAtoms(this.atoms, plan);
    this.rebuildPenalties();
    this.macs = event.macsAfter;
    this.params = event.paramsAfter;
    // The spec changes only here: price it again (the live view's latency curve).
    if (this.supernetLatencyMs !== null) this.latencyMs = recordLatency(next, this.ctx.profile)?.ms ?? null;
    this.events.push(event);
    this.newEvents.push(event);
    this.ctx.log?.(
      `step ${done}: removed ${plan.deadAtoms} atoms, MACs ${(macsBefore / 1e6).toFixed(3)}M → ${(event.macsAfter / 1e6).toFixed(3)}M`,
    );
    return event;
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
    const f = this.final;
    const extras: AtomNasRecordFields = {
      supernetMacs: this.supernetMacs,
      supernetParams: this.supernetParams,
      supernetLatency: recordLatency(this.supernet, this.ctx.profile),
      latencyPricedBy: this.latency?.profileName ?? null,
      testLoss: f ? f.testLoss : null,
      steps: this.trainer.stepIndex,
      events: this.events.slice(),
    };
    return {
      archSpec: this.net.spec,
      valAccuracy: f ? f.val.acc : (this.lastVal?.acc ?? null),
      testAccuracy: f ? f.testAcc : null,
      history: this.history.map((r) => ({ ...r })),
      extras: { ...extras },
      resultSteps: this.trainer.stepIndex,
      trainImages: this.trainImages,
    };
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
