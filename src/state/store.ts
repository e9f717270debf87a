/**
 * The app store: one zustand store composed of slices (settings, backend, dataset, run, ui).
 * Low-frequency state only; per-step series live in `series.ts`.
 */
import { create } from 'zustand';
import { createBackendSlice, type BackendSlice } from './slices/backendSlice';
import { createDatasetSlice, type DatasetSlice } from './slices/datasetSlice';
import { createRunSlice, type RunSlice } from './slices/runSlice';
import { createSettingsSlice, type SettingsSlice } from './slices/settingsSlice';
import { createUiSlice, type UiSlice } from './slices/uiSlice';

export type AppState = SettingsSlice & BackendSlice & DatasetSlice & RunSlice & UiSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createBackendSlice(...a),
  ...createDatasetSlice(...a),
  ...createRunSlice(...a),
  ...createUiSlice(...a),
}));
