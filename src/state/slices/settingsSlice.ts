import type { StateCreator } from 'zustand';
import { defaultSettings, type Settings } from '../../core/urlState';
import { defaultExtras, type Extras } from '../urlExtras';
import type { AppState } from '../store';

/** Every user-chosen setting: the core URL settings plus the app-level extras (tiny preset). */
export type AllSettings = Settings & Extras;

export interface SettingsSlice {
  settings: AllSettings;
  /** Merge a partial update (from the form, a preset or the URL). */
  setSettings: (patch: Partial<AllSettings>) => void;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  settings: { ...defaultSettings(), ...defaultExtras() },
  setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
});
