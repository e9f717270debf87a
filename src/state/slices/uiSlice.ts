import type { StateCreator } from 'zustand';
import type { AppState } from '../store';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  /** Short title ("Link settings adjusted"). */
  title: string;
  lines: string[];
}

export interface UiSlice {
  theme: ThemeChoice;
  helpOpen: boolean;
  notices: Notice[];
  setTheme: (t: ThemeChoice) => void;
  setHelpOpen: (open: boolean) => void;
  addNotice: (n: Omit<Notice, 'id'>) => number;
  dismissNotice: (id: number) => void;
}

let nextNoticeId = 1;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  theme: 'system',
  helpOpen: false,
  notices: [],
  setTheme: (theme) => set({ theme }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  addNotice: (n) => {
    const id = nextNoticeId++;
    set((s) => ({ notices: [...s.notices, { ...n, id }] }));
    return id;
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
