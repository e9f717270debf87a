import type { StateCreator } from 'zustand';
import { defaultSettings, type Settings } from '../../core/urlState';
import type { AppState } from '../store';

/** Every user-chosen setting: the URL settings of core/urlState (the tiny preset's `tiny` and `limit` included). */
export type AllSettings = Settings;

export interface SettingsSlice {
  settings: AllSettings;
  /** Merge a partial update (from the form, a preset or the URL). */
  setSettings: (patch: Partial<AllSettings>) => void;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  settings: defaultSettings(),
  setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
});
