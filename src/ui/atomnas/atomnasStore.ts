/**
 * AtomNAS screen state. Low-frequency numbers (readouts, events, results) in a small zustand store; per-step series
 * and the per-atom typed arrays in `atomnasLive` (not React state): charts subscribe and redraw on animation frames.
 * Run state and progress of the worker's run loop stay in the app store's run slice (one loop for all screens).
 */
import { create } from 'zustand';
import type { ArchSpec } from '../../core/archspec';
import type { AtomNasSettings } from '../../core/atomnasSettings';
import type { AtomNasFinal, AtomNasShrinkEvent, AtomNasSnapshot, AtomNasValPoint } from '../../core/atomnasSnapshot';
import { predictLatency } from '../../core/latency/predict';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { SeriesBuffer } from '../../state/series';
import type { RunCard } from '../../state/slices/runSlice';
import type { RunState, TrainStarted } from '../../worker/protocol';

export interface RetrainState {
  runId: string;
  state: RunState;
  macs: number;
  epochs: { epoch: number; valAcc: number }[];
  testAcc: number | null;
  error: string | null;
}

/** The run card of a search: the Train card's context fields with the AtomNAS settings and the latency profile. */
export type AtomNasRunCard = Omit<RunCard, 'settings'> & { settings: AtomNasSettings; latencyProfile: { id: string; name: string } | null };

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
  card: AtomNasRunCard | null;
  /** The profile the run's latency figures are predicted with (the search target at Start; null: none chosen). */
  profile: { id: string; name: string } | null;
  /** Predicted latency (ms) of the supernet, of the current network and of the found one; NaN when not priced. */
  supernetLatencyMs: number;
  latencyMs: number;
  finalLatencyMs: number;
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
  card: null,
  profile: null,
  supernetLatencyMs: Number.NaN,
  latencyMs: Number.NaN,
  finalLatencyMs: Number.NaN,
};

export const useAtomNas = create<AtomNasUiState>()(() => ({ ...empty }));

export type AtomSeriesName = 'loss' | 'macsPct' | 'paramsPct' | 'plannedPct' | 'latencyPct' | 'valAcc' | 'rho';

type Listener = () => void;

/** High-frequency data: series per step and the latest per-atom arrays. */
class AtomNasLive {
  readonly series = new SeriesBuffer<AtomSeriesName>(['loss', 'macsPct', 'paramsPct', 'plannedPct', 'latencyPct', 'valAcc', 'rho']);
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

/** The run's profile (kept out of React state: it holds the whole LUT). */
let runProfile: LatencyProfile | null = null;
let pricedMacs = Number.NaN;

/** Predicted latency of a spec with the run's profile (NaN without one, or when it cannot price an op). */
export function predictedMs(spec: ArchSpec): number {
  return runProfile ? predictLatency(spec, runProfile).ms : Number.NaN;
}

/** Remember the profile a new run's latency figures come from (after `resetAtomNasState`). */
export function setRunProfile(p: LatencyProfile | null): void {
  runProfile = p;
  pricedMacs = Number.NaN;
  useAtomNas.setState({ profile: p ? { id: p.id, name: p.name } : null });
}

/** Price the supernet the worker built (once per run, from `atomnas/start`'s answer). */
export function priceSupernet(spec: ArchSpec, macs: number): void {
  if (!runProfile) return;
  const ms = predictedMs(spec);
  if (!Number.isNaN(pricedMacs)) return useAtomNas.setState({ supernetLatencyMs: ms }); // a snapshot came first
  pricedMacs = macs;
  useAtomNas.setState({ supernetLatencyMs: ms, latencyMs: ms });
}

/**
 * Fold a snapshot's low-frequency part into the store. With a run profile this also extends the live 'latencyPct'
 * series (predicted latency as % of the supernet's, one point per snapshot, drawn as steps like MACs).
 */
export function applySnapshotToStore(s: AtomNasSnapshot): void {
  if (runProfile && s.macsNow !== pricedMacs) {
    // The spec changes only at shrink events (and MACs with it): price it again then.
    pricedMacs = s.macsNow;
    useAtomNas.setState({ latencyMs: predictedMs(s.spec) });
  }
  const { latencyMs, supernetLatencyMs } = useAtomNas.getState();
  if (runProfile && Number.isFinite(latencyMs) && supernetLatencyMs > 0) {
    atomnasLive.series.push('latencyPct', s.step, (100 * latencyMs) / supernetLatencyMs);
  }
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
  runProfile = null;
  pricedMacs = Number.NaN;
  atomnasLive.clear();
}
