/** Messages between bench/run.ts (Node, Playwright) and the bench page (src/bench/page.ts). Types only. */
import type { TtfsPreset } from './args';
import type { AccuracyOptions, AccuracyRaw } from './accuracyBench';
import type { AtomNasBenchOptions, AtomNasBenchRaw } from './atomnasBench';
import type { BenchAdapter, BenchBackend } from './schema';
import type { GradCheckResult } from '../engine/convGradsCheck';
import type { GradBenchRaw } from './gradBench';
import type { MemoryRaw } from './memoryBench';
import type { SoakOptions, SoakRaw } from './soakBench';
import type { ThroughputOptions, ThroughputRaw } from './throughput';


export type { MemoryRaw, TtfsPreset };

export type BenchTask =
  | { kind: 'info'; backend: BenchBackend }
  | ({ kind: 'throughput'; backend: BenchBackend } & ThroughputOptions)
  | ({ kind: 'atomnas'; backend: BenchBackend } & AtomNasBenchOptions)
  /** precompile (default true, as the app does): compile the first step's pipelines first (engine/precompile, issue 15 §5). */
  | { kind: 'ttfs'; backend: BenchBackend; preset: TtfsPreset; precompile?: boolean; precompileConcurrency?: number }
  | { kind: 'memory'; backend: BenchBackend; steps: [number, number] }
  | { kind: 'grads'; backend: BenchBackend; net: 'tiny' | 'full'; width: number; batch: number; reps: number; label: string }
  | ({ kind: 'soak'; backend: BenchBackend } & SoakOptions)
  | ({ kind: 'accuracy'; backend: BenchBackend } & AccuracyOptions)
  /** The engine's conv and dense paths against tf.grad of the plain tfjs ops on this backend (engine/convGradsCheck). */
  | { kind: 'grad-check'; backend: BenchBackend };

/** What every task reports about where it ran. */
export interface PageEnv {
  backend: string;
  tfjsVersion: string;
  adapter: BenchAdapter | null;
  fallbackReasons: { backend: string; reason: string }[];
  crossOriginIsolated: boolean;
  userAgent: string;
  /** True when the engine's opt-in fast CPU kernels were installed (cpu backend only). */
  fastCpuKernels: boolean;
  backendInitMs: number;
}

export interface TtfsRaw {
  preset: TtfsPreset;
  spec: { name: string; macs: number; params: number };
  batch: number;
  buildMs: number;
  /** First training step (pipelines compile on first use). */
  firstStepMs: number;
  secondStepMs: number;
  /** The pre-compile before the first step (issue 15 §5), when the task asked for it: its time is not in firstStepMs. */
  precompile?: { ms: number; encodeMs: number; programs: number };
}


export type BenchTaskResult =
  | { kind: 'info'; env: PageEnv }
  | { kind: 'throughput'; env: PageEnv; raw: ThroughputRaw }
  | { kind: 'atomnas'; env: PageEnv; raw: AtomNasBenchRaw }
  | { kind: 'ttfs'; env: PageEnv; raw: TtfsRaw }
  | { kind: 'memory'; env: PageEnv; raw: MemoryRaw }
  | { kind: 'grads'; env: PageEnv; raw: GradBenchRaw }
  | { kind: 'soak'; env: PageEnv; raw: SoakRaw }
  | { kind: 'accuracy'; env: PageEnv; raw: AccuracyRaw }
  | { kind: 'grad-check'; env: PageEnv; raw: GradCheckResult[] };
