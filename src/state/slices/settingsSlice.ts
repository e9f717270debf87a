import type { StateCreator } from 'zustand';
import type { TrainSettings } from '../../core/trainSettings';
import { defaultSettings, type AppSettings } from '../../core/urlState';
import { URL_MODEL } from '../urlModel';
import type { AppState } from '../store';

/** Every user-chosen setting (all of it in the link): screen, dataset and one config per settings group. */
export type AllSettings = AppSettings;

export interface SettingsSlice {
  settings: AllSettings;
  /** Change the screen, the dataset choice, whether the screen shows its recorded run, the lesson step, teacher mode, the pinned backend. */
  setSettings: (patch: Partial<Pick<AllSettings, 'screen' | 'dataset' | 'replay' | 'lesson' | 'teacher' | 'backend'>>) => void;
  /** Merge a partial update into one group's config (the form, a preset). */
  setConfig: (groupId: string, patch: Record<string, unknown>) => void;
  /** Replace everything (a link was read). */
  replaceSettings: (s: AllSettings) => void;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  settings: defaultSettings(URL_MODEL),
  setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
  setConfig: (groupId, patch) =>
    set((s) => ({ settings: { ...s.settings, configs: { ...s.settings.configs, [groupId]: { ...s.settings.configs[groupId], ...patch } } } })),
  replaceSettings: (settings) => set({ settings }),
});

/** The Train screen's settings. */
export function trainConfig(s: AllSettings): TrainSettings {
  return s.configs.train as unknown as TrainSettings;
}
