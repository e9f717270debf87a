/**
 * PAD-NAS screen state: the settings being edited (a mirror of the app store's `p…` URL settings, so the link in the
 * address bar reproduces them; see core/padnas/settings `padnasFromUrl`), low-frequency readouts and results in zustand, and the latest snapshot plus the population of every generation
 * in `padnasLive` (not React state): the d3 charts subscribe and redraw on animation frames.
 */
import { create } from 'zustand';
import { padnasFromUrl, padnasToUrl, type PadNasSettings } from '../../core/padnas/settings';
import type { PadNasFinal, PadNasPoint, PadNasSnapshot, PadNasWindow } from '../../core/padnas/snapshot';
import { useStore } from '../../state/store';

export interface PadNasUiState {
  settings: PadNasSettings;
  runId: string | null;
  step: number;
  totalSteps: number;
  phaseLabel: string;
  window: PadNasWindow | null;
  /** Why the chosen profile was not used, or null. */
  notice: string | null;
  /** The search-target profile's name when one was found at Start (null: MACs). */
  profileName: string | null;
  loss: number;
  stagesDone: number;
  final: PadNasFinal | null;
  error: string | null;
}

const emptyRun = {
  runId: null,
  step: 0,
  totalSteps: 0,
  phaseLabel: '',
  window: null,
  notice: null,
  profileName: null,
  loss: Number.NaN,
  stagesDone: 0,
  final: null,
  error: null,
} satisfies Omit<PadNasUiState, 'settings'>;

export const usePadNas = create<PadNasUiState>()(() => ({ settings: padnasFromUrl(useStore.getState().settings), ...emptyRun }));

// The URL settings are the source of truth (a link or a hash edit changes them): keep the mirror in step.
useStore.subscribe((st, prev) => {
  if (st.settings !== prev.settings) usePadNas.setState({ settings: padnasFromUrl(st.settings) });
});

/** Change some settings (applies to the next Start); they go into the app's URL settings and from there into the link. */
export function setPadNasSettings(patch: Partial<PadNasSettings>): void {
  useStore.getState().setSettings(padnasToUrl({ ...usePadNas.getState().settings, ...patch }));
}

type Listener = () => void;

/** High-frequency data: the latest snapshot and the population of each generation seen (for the scatter's animation). */
class PadNasLive {
  snap: PadNasSnapshot | null = null;
  /** Generations seen, oldest first: key "round.generation". */
  readonly generations: { key: string; round: number; generation: number; points: PadNasPoint[] }[] = [];
  version = 0;
  private readonly listeners = new Set<Listener>();

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  apply(s: PadNasSnapshot): void {
    this.snap = s;
    const p = s.population;
    if (p) {
      const key = `${p.round}.${p.generation}`;
      const last = this.generations.at(-1);
      if (last?.key === key) last.points = p.points;
      else this.generations.push({ key, round: p.round, generation: p.generation, points: p.points });
    }
    this.version++;
    for (const fn of this.listeners) fn();
  }

  clear(): void {
    this.snap = null;
    this.generations.length = 0;
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

export const padnasLive = new PadNasLive();

/** Fold a snapshot's low-frequency part into the store. */
export function applyPadNasSnapshot(s: PadNasSnapshot): void {
  usePadNas.setState((st) => ({
    step: s.step,
    totalSteps: s.totalSteps,
    phaseLabel: s.phaseLabel,
    window: s.window,
    loss: Number.isFinite(s.loss) ? s.loss : st.loss,
    stagesDone: s.stages.length,
    final: s.final ?? st.final,
  }));
}

/** Forget the run (Reset / new run); the settings stay. */
export function resetPadNasState(): void {
  usePadNas.setState({ ...emptyRun });
  padnasLive.clear();
}
