/**
 * Plain data an AtomNAS run reports (type-only): shrink events, per-block atom counts and per-atom gate arrays.
 * Produced by run/, consumed by view/ (through the generic search event stream) and by the result record's extras.
 */
import type { ArchSpec } from '../../core/archspec';
import type { RecordLatency } from '../../core/method/resultRecord';

/** One physical removal of dead atoms. */
export interface AtomNasShrinkEvent {
  /** Steps completed when it happened. */
  step: number;
  epoch: number;
  removedAtoms: number;
  /** Per searched block touched: atoms removed per kernel size (order of the run's `kernels`). */
  blocks: { layer: number; slot: number; perKernel: number[]; blockRemoved: boolean }[];
  /** MACs before and after: after = before − Σ removed atom costs (the method's own accounting). */
  macsBefore: number;
  macsAfter: number;
  paramsAfter: number;
  /** Base ρ in force at the event (changes only in target mode). */
  rho: number;
}

/** Surviving atoms of one searched block (slot = position among the supernet's searched blocks). */
export interface AtomNasBlockView {
  slot: number;
  layer: number;
  residual: boolean;
  cin: number;
  cout: number;
  stride: number;
  /** Atoms alive per kernel size (order of `kernels`); all zero once the block became an identity. */
  counts: number[];
  /** Atoms per kernel size in the supernet. */
  supernet: number[];
}

/** The latest shrink check: dead counts in the live and EMA weights, and why atoms were or were not removed (checkReport.ts). */
export interface AtomNasCheck {
  step: number;
  /** Gates at or below the threshold in the live weights. */
  deadLive: number;
  /** … in the EMA weights (null: the run keeps no EMA). */
  deadEma: number | null;
  /** … in both: the dead atoms. */
  deadBoth: number;
  /** Atoms the shrink would remove (the dead ones, less each block's kept last atom) and their MACs. */
  removable: number;
  removableMacs: number;
  /** MACs the removable atoms must reach before a removal (shrinkFrac × supernet MACs). */
  minMacs: number;
  removed: boolean;
  /** Plain words: what happened and why. */
  reason: string;
}

/** One validation measurement (BN statistics re-estimated first). */
export interface AtomNasValPoint {
  step: number;
  acc: number;
  loss: number;
}

/** Everything the live view needs, since the previous snapshot (series) or as of now (state). */
export interface AtomNasSnapshot {
  step: number;
  totalSteps: number;
  epoch: number;
  kernels: number[];
  /** Per-step series since the previous snapshot. */
  steps: Float64Array;
  loss: Float32Array;
  rho: Float32Array;
  macs: Float64Array;
  params: Float64Array;
  /** New validation points and shrink events since the previous snapshot. */
  val: AtomNasValPoint[];
  events: AtomNasShrinkEvent[];
  /** Current state. */
  blocks: AtomNasBlockView[];
  /** Every surviving atom, block by block in channel order: live γ (signed), cost (MACs), kernel, block slot. */
  gamma: Float32Array;
  atomCost: Float32Array;
  atomKernel: Uint8Array;
  atomSlot: Uint8Array;
  /** Step at which `gamma` was read. */
  gammaStep: number;
  /** The latest shrink check (null before the first; absent in recordings made before it existed). */
  check?: AtomNasCheck | null;
  macsNow: number;
  paramsNow: number;
  supernetMacs: number;
  supernetParams: number;
  threshold: number;
  /** ρ(t) of the last step and the base ρ (target mode adapts it). */
  rhoNow: number;
  baseRho: number;
  /** MACs the target controller aims at now (null outside target mode). */
  plannedMacs: number | null;
  /** Predicted latency (ms) of the supernet and of the current network with the run's profile (null: none, or unpriced). */
  supernetLatencyMs: number | null;
  latencyMs: number | null;
  spec: ArchSpec;
}

/** `RunStart.info` of an AtomNAS run (what the view shows before the first snapshot). */
export interface AtomNasStartInfo {
  supernetMacs: number;
  supernetParams: number;
  /** Predicted latency of the supernet with the run's profile (null: no profile, or it cannot price the supernet). */
  supernetLatencyMs: number | null;
  kernels: number[];
  penalty: string;
  /** The profile whose per-channel fits price the atoms (penalty 'latency' only). */
  latencyPricedBy: string | null;
}

/** AtomNAS's fields of its ResultRecord, beside the common ones (the record's archSpec is the found network). */
export interface AtomNasRecordFields {
  supernetMacs: number;
  supernetParams: number;
  /** Predicted latency of the supernet (the record's `latency` is the found network's); null without a profile. */
  supernetLatency: RecordLatency | null;
  latencyPricedBy: string | null;
  testLoss: number | null;
  /** Optimisation steps of the search (the found network has had them all: no retraining). */
  steps: number;
  events: AtomNasShrinkEvent[];
}
