/**
 * State shared by the worker's handlers: the backend, the loaded dataset, the run loop and the latest network.
 * One context per worker; handlers receive it as their second argument.
 */
import type { BackendInfo } from '../engine/backend';
import type { Network } from '../engine/network';
import type { DataSplit, Dataset } from '../data/dataset';
import type { DatasetSummary, WorkerEvent } from './protocol';
import { RunLoop } from './runLoop';

export interface LoadedData {
  dataset: Dataset;
  split: DataSplit;
  summary: DatasetSummary;
}

/** A network that can be exported (its owner's latest result). */
export interface ExportableModel {
  net: Network;
  /** Optimisation steps it has had; export needs at least one. */
  steps(): number;
  /** The result slot owns (and frees) it; false while a live job does. */
  owned: boolean;
}

export interface WorkerContext {
  post(event: WorkerEvent, transfer?: Transferable[]): void;
  backend: BackendInfo | null;
  data: LoadedData | null;
  loop: RunLoop;
  /** Exportable result networks by owner ('train' or a method id; see resultSlot.ts). */
  results: Map<string, ExportableModel>;
  /** Per-module state of handlers (keyed by module name, e.g. the profiler's measured runs). */
  extras: Map<string, unknown>;
}

/** Resolve on a fresh macrotask (MessageChannel: no 4 ms setTimeout clamp), letting queued messages run first. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export function createContext(post: WorkerContext['post']): WorkerContext {
  return {
    post,
    backend: null,
    data: null,
    results: new Map(),
    extras: new Map(),
    loop: new RunLoop(
      {
        post: (out) => post(out.event, out.transfer),
        now: () => performance.now(),
        yieldToEvents,
        isDivergence: (e) => e instanceof Error && e.name === 'DivergenceError',
      },
      { minIntervalMs: 75, minSteps: 1 },
    ),
  };
}
