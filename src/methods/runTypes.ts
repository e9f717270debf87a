/**
 * The tfjs side of a NAS method: what `createRun(ctx, config)` returns. Drivers (the worker's generic search job,
 * the CLI's `search` command, tests) only talk to a method through this interface and its descriptor.
 */
import type { ArchSpec } from '../core/archspec';
import type { LatencyMeter } from '../core/latency/meter';
import type { LatencyProfile } from '../core/latency/profileSchema';
import type { HistoryRow } from '../core/method/resultRecord';
import type { RunStart } from '../core/method/runStart';
import type { Network } from '../engine/network';
import type { TrainData } from '../engine/trainer';

/** What a method may use besides its own config. */
export interface MethodContext {
  /** Dataset and its train / val / test split (the test split is never used for a search decision). */
  data: TrainData;
  /** The device latency profile chosen as the search target (null: none chosen). */
  profile: LatencyProfile | null;
  /** Optional log line sink (CLI progress, worker console). */
  log?: (line: string) => void;
  /**
   * Another registered method's run part, for a method that composes one (AutoSpace-style runs the PAD-NAS search
   * unchanged in its learned space). Given by the host (worker, CLI: methods/hosted.ts), so no method imports another.
   */
  loadMethod?: (id: string) => Promise<HostedMethod>;
  /**
   * Measures whole networks' inference latency on this device, where the host can (the browser's worker: absent in the
   * CLI, whose tfjs CPU backend is not the device a user deploys to). A method then reports measured latency rather than
   * predicted latency or MACs, and says which it used.
   */
  latencyMeter?: LatencyMeter;
}

/** What `MethodContext.loadMethod` gives: a method's presets (plain configs) and its run factory. */
export interface HostedMethod {
  /** A fresh copy of the named preset's config (the first preset when the name is unknown). */
  preset(name: string): Record<string, unknown>;
  /** Check a config against the method's schema (throws in plain words). */
  validate(config: unknown): Record<string, unknown>;
  createRun(ctx: MethodContext, config: Record<string, unknown>): MethodRun<unknown>;
  /** The units a run of this (validated) config on `ctx.data` would plan, without building it (absent: not known). */
  plannedUnits?(ctx: MethodContext, config: Record<string, unknown>): number;
}

/**
 * Work in pieces of roughly equal cost (about one training step each), for the time left where a method's units differ
 * much in cost: one AutoSpace-style payoff unit is dozens of PAD-NAS steps, one evolution unit is one supernet step.
 * `total` may change as the method learns its own plan (exact once known).
 */
export interface WorkProgress {
  done: number;
  total: number;
  /**
   * `total` is only the most there can be: the method may stop well before (Efficient Global NAS's macro phases end on
   * their own decisions). The time left is then said as a most ("up to about 3 h left").
   */
  atMost?: boolean;
}

/** What one `step()` reports. */
export interface MethodStep {
  /** Units of work completed so far (1 after the first). */
  done: number;
  /** Completed epochs (for progress lines). */
  epoch: number;
  /** Absent: every unit costs about the same, and the time left is paced by units. */
  work?: WorkProgress;
}

/** What a finished run found: the common record fields a method knows (costs and context are added generically). */
export interface MethodOutcome {
  archSpec: ArchSpec;
  valAccuracy: number | null;
  testAccuracy: number | null;
  history: HistoryRow[];
  /** Method-specific record fields (plain JSON). */
  extras: Record<string, unknown>;
  /** Optimisation steps the result network has had (export needs ≥ 1). */
  resultSteps: number;
  /** Training images the result saw per epoch, when a seeded subset of the train split was used. */
  trainImages?: number;
  /**
   * JSON documents to keep beside the record, by short name (the CLI writes `<out without .json>.<name>.json`):
   * e.g. AutoSpace-style's learned search space as `space`.
   */
  attachments?: Record<string, unknown>;
}

/**
 * A run's resumable state (MethodRun.checkpoint): plain data only (JSON values, Float32Array / Uint32Array, Maps), so
 * core/runs/searchCheckpointFile turns it into bytes. Trainer checkpoints (weights, BN statistics, keyed optimizer state,
 * batch order, random streams, divergence counters) ride inside `state`, next to the method's own state.
 */
export interface MethodCheckpoint {
  /** Units of work done (MethodStep.done) when it was taken. */
  done: number;
  /** The method's own layout (it checks it on restore). */
  state: unknown;
}

/** One search in progress. */
export interface MethodRun<Snapshot> {
  start(): RunStart;
  /**
   * One unit of work (usually one optimisation step, plus whatever the method does at that step), or a part of one
   * where a unit is long (`done` then stays as it was until the unit ends): drivers pause, cancel and checkpoint between
   * two calls.
   */
  step(): Promise<MethodStep>;
  /** Method-specific plain data since the previous call (typed arrays allowed). */
  snapshot(): Snapshot;
  /** Buffers of a snapshot that may be moved (not copied) to the main thread. */
  transferables?(snap: Snapshot): Transferable[];
  /** Final evaluation etc., after the last step. */
  finish(): Promise<void>;
  /** After `finish()`. */
  outcome(): MethodOutcome;
  /**
   * The network as it stands mid-run, if it is a complete network worth exporting (AtomNAS: the shrunk supernet);
   * absent or null when the run has none before it finishes (a single-path supernet is not one network).
   */
  liveNetwork?(): { net: Network; steps: number } | null;
  /** Hand the result network over to the caller (who disposes it); `dispose()` then leaves it alone. */
  releaseNetwork(): Network;
  /**
   * Everything the next steps depend on, between two `step()` calls (absent: the method cannot resume yet). A fresh
   * run of the same config given it in `restore` continues bit for bit on the CPU backend.
   */
  checkpoint?(): Promise<MethodCheckpoint>;
  /**
   * Continue from a checkpoint, on a fresh run of the same config and data (after `start()`, before any `step()`).
   * Throws (or rejects) in plain words when it does not fit; a network whose shape changed is rebuilt before its weights
   * load. It may be async: a method that drives a plan replays it up to the checkpoint (PAD-NAS), and callers await it.
   */
  restore?(cp: MethodCheckpoint): void | Promise<void>;
  /** Free every tensor the run still owns. */
  dispose(): void;
}

/** The module a descriptor's `loadRun()` resolves to. */
export interface RunModule<Config, Snapshot> {
  createRun(ctx: MethodContext, config: Config): MethodRun<Snapshot>;
  /** `start().totalSteps` of such a run, computed without building it (for a method that hosts this one). */
  plannedUnits?(ctx: MethodContext, config: Config): number;
}
