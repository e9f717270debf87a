import type { StateCreator } from 'zustand';
import type { BackendChoice, BackendId } from '../../core/backendChoice';
import type { BackendReport } from '../../worker/protocol';
import type { AppState } from '../store';

export type BackendStatus = 'starting' | 'ready' | 'failed';

export interface BackendSlice {
  backend: BackendReport | null;
  backendStatus: BackendStatus;
  backendError: string | null;
  /** How the backend was chosen (pinned, hardware adapter, or timed on a software adapter); null until decided. */
  backendChoice: BackendChoice | null;
  /** The backend being timed now, while the startup probe runs. */
  backendProbing: { backend: BackendId; shareMs: number; since: number } | null;
  setBackendChoice: (c: BackendChoice | null) => void;
  setBackendProbing: (p: BackendSlice['backendProbing']) => void;
  setBackend: (info: BackendReport) => void;
  setBackendStarting: () => void;
  setBackendFailed: (message: string) => void;
}

export const createBackendSlice: StateCreator<AppState, [], [], BackendSlice> = (set) => ({
  backend: null,
  backendStatus: 'starting',
  backendError: null,
  backendChoice: null,
  backendProbing: null,
  setBackendChoice: (backendChoice) => set({ backendChoice }),
  setBackendProbing: (backendProbing) => set({ backendProbing }),
  setBackend: (info) => set({ backend: info, backendStatus: 'ready', backendError: null }),
  setBackendStarting: () => set({ backendStatus: 'starting', backendError: null }),
  setBackendFailed: (message) => set({ backendStatus: 'failed', backendError: message }),
});
