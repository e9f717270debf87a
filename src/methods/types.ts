/**
 * The small interface every NAS method implements (ARCHITECTURE.md: one folder per method, the same interface on top
 * of engine/, emitting ArchSpecs and a stream of method-specific snapshot data). Drivers — the worker's run loop,
 * the CLI's `search` command, tests — only talk to methods through it.
 */
import type { ArchSpec } from '../core/archspec';
import type { TrainData } from '../engine/trainer';
import type { Network } from '../engine/network';

/** What a method may use besides its own config. */
export interface MethodContext {
  /** Dataset and its train / val / test split (the test split is never used for a search decision). */
  data: TrainData;
  /** Optional log line sink (CLI progress, worker console). */
  log?: (line: string) => void;
}

/** What one `step()` reports. */
export interface MethodStep {
  /** Steps completed so far (1 after the first). */
  done: number;
  /** 0-based epoch the last step belonged to. */
  epoch: number;
}

/** The outcome of a finished (or stopped) search: the ArchSpec found plus figures about it. */
export interface MethodResult {
  archSpec: ArchSpec;
  /** Plain numbers: macs, params, valAcc, testAcc… (NaN where not measured yet). */
  metrics: Record<string, number>;
}

/** One search in progress. */
export interface MethodRun<Snapshot> {
  readonly totalSteps: number;
  readonly totalEpochs: number;
  /** One unit of work (usually one optimisation step, plus whatever the method does at that step). */
  step(): Promise<MethodStep>;
  /** Method-specific plain data since the previous call (typed arrays allowed; meant for the worker's transfer list). */
  snapshot(): Snapshot;
  /** Final evaluation etc., after the last step. */
  finish(): Promise<void>;
  result(): MethodResult;
  /** The network that is the result (for export). Owned by the run: valid until `dispose()`. */
  network(): Network;
  /** Hand the result network over to the caller (who disposes it); `dispose()` then leaves it alone. */
  releaseNetwork(): Network;
  /** Free every tensor the run still owns. */
  dispose(): void;
}

/** A NAS method: identity, presets and a factory of runs. */
export interface NasMethod<Config, Snapshot> {
  readonly id: string;
  readonly label: string;
  /** Named starting configurations (e.g. `tiny`, `default`). */
  readonly presets: Readonly<Record<string, Readonly<Config>>>;
  create(ctx: MethodContext, config: Config): MethodRun<Snapshot>;
}
