import type { StateCreator } from 'zustand';
import type { DatasetCard, ResultRecord, SplitSizes } from '../../core/method/resultRecord';
import type { RunProgressReport, RunState, TrainSettings, TrainStarted, WorkerEvent } from '../../worker/protocol';
import type { AppState } from '../store';

export type RunProgress = RunProgressReport;

/** A `run/progress` event as the stores keep it: every field but its ids. */
export function progressOf(ev: Extract<WorkerEvent, { type: 'run/progress' }>): RunProgress {
  const { type: _type, runId: _runId, kind: _kind, ...progress } = ev;
  return progress;
}

/** Everything needed to reproduce or cite a run (ARCHITECTURE: every result carries its context). */
export interface RunCard {
  runId: string;
  date: string;
  seed: number;
  backend: string;
  adapter: string;
  tfjsVersion: string;
  dataset: DatasetCard;
  split: SplitSizes;
  settings: TrainSettings;
  arch: { name: string; macs: number; params: number; layers: number };
  totalSteps: number;
  stepsPerEpoch: number;
  url: string;
}

export interface RunSlice {
  runId: string | null;
  runState: RunState;
  runMessage: string | null;
  progress: RunProgress | null;
  /** Latest per-step readouts (updated once per snapshot, not per step). */
  latest: { step: number; loss: number; lr: number; ips: number } | null;
  epochs: { epoch: number; valAcc: number; valLoss: number }[];
  test: { acc: number; loss: number } | null;
  diverged: { step: number; message: string } | null;
  runError: string | null;
  card: RunCard | null;
  started: TrainStarted | null;
  /** The last finished run's record (kept through Reset; cleared when a new run starts). */
  record: ResultRecord | null;
  /** Start a new run (clears the previous run's results). */
  beginRun: (runId: string, state: RunState) => void;
  /** The worker accepted the run: record what it built. */
  setRunInfo: (card: RunCard, started: TrainStarted) => void;
  /** Forget the run (Reset); a finished record stays. */
  clearRun: () => void;
  /** Fold one worker event into the run state; events of other runs are ignored. */
  applyRunEvent: (ev: WorkerEvent) => void;
  failRun: (message: string) => void;
}

const empty = {
  runId: null,
  runState: 'idle' as RunState,
  runMessage: null,
  progress: null,
  latest: null,
  epochs: [],
  test: null,
  diverged: null,
  runError: null,
  card: null,
  started: null,
};

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  ...empty,
  record: null,
  beginRun: (runId, state) => set({ ...empty, record: null, runId, runState: state }),
  setRunInfo: (card, started) => set({ card, started }),
  clearRun: () => set({ ...empty }),
  failRun: (message) => set({ runState: 'error', runError: message, runMessage: message }),
  applyRunEvent: (ev) => {
    const runId = get().runId;
    if (!('runId' in ev) || ev.runId !== runId || runId === null) return;
    switch (ev.type) {
      case 'run/state':
        set({ runState: ev.state, runMessage: ev.message ?? null });
        break;
      case 'run/progress':
        set({ progress: progressOf(ev) });
        break;
      case 'train/points': {
        const n = ev.steps.length;
        if (n) set({ latest: { step: ev.steps[n - 1], loss: ev.loss[n - 1], lr: ev.lr[n - 1], ips: ev.ips[n - 1] } });
        break;
      }
      case 'train/epoch':
        set((s) => ({ epochs: [...s.epochs, { epoch: ev.epoch, valAcc: ev.valAcc, valLoss: ev.valLoss }] }));
        break;
      case 'train/test':
        set({ test: { acc: ev.acc, loss: ev.loss } });
        break;
      case 'train/final': {
        const url = typeof location === 'undefined' ? undefined : location.href;
        set({ record: { ...ev.record, card: { ...ev.record.card, ...(url ? { url } : {}) } } });
        break;
      }
      case 'diverged':
        set({ diverged: { step: ev.step, message: ev.message } });
        break;
      case 'error':
        set({ runError: ev.message });
        break;
      default:
        break;
    }
  },
});
