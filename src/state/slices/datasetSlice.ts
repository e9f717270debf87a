import type { StateCreator } from 'zustand';
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
  datasetLoading: string | null;
  datasetError: DatasetProblem | null;
  setDataset: (summary: DatasetSummary, preview: DatasetPreview) => void;
  setDatasetLoading: (what: string | null) => void;
  setDatasetError: (problem: DatasetProblem | null) => void;
}

export const createDatasetSlice: StateCreator<AppState, [], [], DatasetSlice> = (set) => ({
  dataset: null,
  preview: null,
  datasetLoading: null,
  datasetError: null,
  setDataset: (summary, preview) => set({ dataset: summary, preview, datasetError: null }),
  setDatasetLoading: (what) => set({ datasetLoading: what }),
  setDatasetError: (problem) => set({ datasetError: problem }),
});
