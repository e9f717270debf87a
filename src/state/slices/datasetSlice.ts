import type { StateCreator } from 'zustand';
import { stageMsLeft, type LoadProgress } from '../../data/loadProgress';
import type { DatasetPreview, DatasetSummary } from '../../worker/protocol';
import type { AppState } from '../store';

/** A file that could not be used, and why. */
export interface DatasetProblem {
  file?: string;
  message: string;
}

export interface DatasetSlice {
  dataset: DatasetSummary | null;
  preview: DatasetPreview | null;
  /** What is loading (file names or "built-in MNIST"), null when nothing is. */
  datasetLoading: string | null;
  /** When the current stage and file of the load started (ms since the epoch), for its time left. */
  datasetStageStarted: number | null;
  /** Time left in the current stage at its rate so far, null while unknown. */
  datasetMsLeft: number | null;
  /** Where the file load is; null before the first report and for the built-in set. */
  datasetProgress: LoadProgress | null;
  datasetError: DatasetProblem | null;
  setDataset: (summary: DatasetSummary, preview: DatasetPreview) => void;
  /** Starting (a name) or ending (null) a load; both clear the progress. */
  setDatasetLoading: (what: string | null) => void;
  setDatasetProgress: (p: LoadProgress | null) => void;
  setDatasetError: (problem: DatasetProblem | null) => void;
}

export const createDatasetSlice: StateCreator<AppState, [], [], DatasetSlice> = (set) => ({
  dataset: null,
  preview: null,
  datasetLoading: null,
  datasetStageStarted: null,
  datasetMsLeft: null,
  datasetProgress: null,
  datasetError: null,
  setDataset: (summary, preview) => set({ dataset: summary, preview, datasetError: null }),
  setDatasetLoading: (what) => set({ datasetLoading: what, datasetStageStarted: null, datasetMsLeft: null, datasetProgress: null }),
  setDatasetProgress: (p) =>
    set((s) => {
      if (!p) return { datasetProgress: null, datasetStageStarted: null, datasetMsLeft: null };
      const now = Date.now();
      const same = s.datasetProgress?.stage === p.stage && s.datasetProgress.file === p.file;
      const started = same && s.datasetStageStarted !== null ? s.datasetStageStarted : now;
      return { datasetProgress: p, datasetStageStarted: started, datasetMsLeft: stageMsLeft(p, started, now) };
    }),
  setDatasetError: (problem) => set({ datasetError: problem }),
});
