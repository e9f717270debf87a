import type { StateCreator } from 'zustand';
import type { BackendReport } from '../../worker/protocol';
import type { AppState } from '../store';

export type BackendStatus = 'starting' | 'ready' | 'failed';

export interface BackendSlice {
  backend: BackendReport | null;
  backendStatus: BackendStatus;
  backendError: string | null;
  setBackend: (info: BackendReport) => void;
  setBackendStarting: () => void;
  setBackendFailed: (message: string) => void;
}

export const createBackendSlice: StateCreator<AppState, [], [], BackendSlice> = (set) => ({
  backend: null,
  backendStatus: 'starting',
  backendError: null,
  setBackend: (info) => set({ backend: info, backendStatus: 'ready', backendError: null }),
  setBackendStarting: () => set({ backendStatus: 'starting', backendError: null }),
  setBackendFailed: (message) => set({ backendStatus: 'failed', backendError: message }),
});
