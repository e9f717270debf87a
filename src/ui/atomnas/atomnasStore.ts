/**
 * AtomNAS screen state. Low-frequency numbers (readouts, events, results) in a small zustand store; per-step series
 * and the per-atom typed arrays in `atomnasLive` (not React state): charts subscribe and redraw on animation frames.
 * Run state and progress of the worker's run loop stay in the app store's run slice (one loop for all screens).
 */
import { create } from 'zustand';
import type { AtomNasFinal, AtomNasShrinkEvent, AtomNasSnapshot, AtomNasValPoint } from '../../core/atomnasSnapshot';
import { SeriesBuffer } from '../../state/series';
import type { RunState, TrainStarted } from '../../worker/protocol';

export interface RetrainState {
  runId: string;
  state: RunState;
  macs: number;
  epochs: { epoch: number; valAcc: number }[];
  testAcc: number | null;
  error: string | null;
}

export interface AtomNasUiState {
  runId: string | null;
  started: TrainStarted | null;
  step: number;
  totalSteps: number;
  macs: number;
  params: number;
  supernetMacs: number;
  supernetParams: number;
  rhoNow: number;
  baseRho: number;
  plannedMacs: number | null;
  loss: number;
  val: AtomNasValPoint | null;
  events: AtomNasShrinkEvent[];
  final: AtomNasFinal | null;
  retrain: RetrainState | null;
  error: string | null;
}

const empty: AtomNasUiState = {
  runId: null,
  started: null,
  step: 0,
  totalSteps: 0,
  macs: Number.NaN,
  params: Number.NaN,
  supernetMacs: Number.NaN,
  supernetParams: Number.NaN,
  rhoNow: Number.NaN,
  baseRho: Number.NaN,
  plannedMacs: null,
  loss: Number.NaN,
  val: null,
  events: [],
  final: null,
  retrain: null,
  error: null,
};

export const useAtomNas = create<AtomNasUiState>()(() => ({ ...empty }));

export type AtomSeriesName = 'loss' | 'macsPct' | 'paramsPct' | 'plannedPct' | 'valAcc' | 'rho';

type Listener = () => void;

/** High-frequency data: series per step and the latest per-atom arrays. */
class AtomNasLive {
  readonly series = new SeriesBuffer<AtomSeriesName>(['loss', 'macsPct', 'paramsPct', 'plannedPct', 'valAcc', 'rho']);
  /** Latest snapshot (its typed arrays were transferred from the worker). */
  snap: AtomNasSnapshot | null = null;
  version = 0;
  private readonly listeners = new Set<Listener>();

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  apply(s: AtomNasSnapshot): void {
    this.snap = s;
    const pct = (v: number, of: number) => (100 * v) / of;
    const n = s.steps.length;
    if (n) {
      this.series.append('loss', s.steps, s.loss);
      this.series.append('rho', s.steps, s.rho);
      this.series.append('macsPct', s.steps, Array.from(s.macs, (m) => pct(m, s.supernetMacs)));
      this.series.append('paramsPct', s.steps, Array.from(s.params, (p) => pct(p, s.supernetParams)));
      if (s.plannedMacs !== null) this.series.push('plannedPct', s.steps[n - 1], pct(s.plannedMacs, s.supernetMacs));
    }
    for (const v of s.val) this.series.push('valAcc', v.step, v.acc * 100);
    this.version++;
    for (const fn of this.listeners) fn();
  }

  clear(): void {
    this.series.clear();
    this.snap = null;
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

export const atomnasLive = new AtomNasLive();

/** Fold a snapshot's low-frequency part into the store. */
export function applySnapshotToStore(s: AtomNasSnapshot): void {
  useAtomNas.setState((st) => ({
    step: s.step,
    totalSteps: s.totalSteps,
    macs: s.macsNow,
    params: s.paramsNow,
    supernetMacs: s.supernetMacs,
    supernetParams: s.supernetParams,
    rhoNow: s.rhoNow,
    baseRho: s.baseRho,
    plannedMacs: s.plannedMacs,
    loss: s.loss.length ? s.loss[s.loss.length - 1] : st.loss,
    val: s.val.length ? s.val[s.val.length - 1] : st.val,
    events: s.events.length ? [...st.events, ...s.events] : st.events,
  }));
}

/** Forget everything (Reset / new run). */
export function resetAtomNasState(): void {
  useAtomNas.setState({ ...empty });
  atomnasLive.clear();
}
