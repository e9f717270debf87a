/**
 * The AtomNAS view's live data, outside React state: per-step series and the latest per-atom typed arrays in
 * `atomnasLive` (charts subscribe and redraw on animation frames), and the low-frequency readouts in a small zustand
 * store (React re-renders them at snapshot rate, ~20 Hz at most). Fed by `view.onSnapshot`; null clears it.
 */
import { create } from 'zustand';
import { SeriesBuffer } from '../../../core/series';
import type { AtomNasCheck, AtomNasShrinkEvent, AtomNasSnapshot, AtomNasValPoint } from '../snapshot';

/** The readouts of the current run (NaN / null / empty before its first snapshot). */
export interface AtomNasReadouts {
  /** A snapshot of this run has arrived. */
  active: boolean;
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
  kernels: number[];
  /** Predicted latency (ms) with the run's profile; null without one, or when it cannot price the network. */
  supernetLatencyMs: number | null;
  latencyMs: number | null;
  /** The latest shrink check: dead counts (live, EMA, both) and why atoms were or were not removed. */
  check: AtomNasCheck | null;
}

const EMPTY: AtomNasReadouts = {
  active: false,
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
  kernels: [3, 5, 7],
  supernetLatencyMs: null,
  latencyMs: null,
  check: null,
};

export const useAtomNasReadouts = create<AtomNasReadouts>()(() => ({ ...EMPTY }));

export type AtomSeriesName = 'loss' | 'macsPct' | 'paramsPct' | 'plannedPct' | 'latencyPct' | 'valAcc' | 'rho';

type Listener = () => void;

const pct = (v: number, of: number) => (100 * v) / of;

/** High-frequency data: series per step and the latest per-atom arrays. */
export class AtomNasLive {
  readonly series = new SeriesBuffer<AtomSeriesName>(['loss', 'macsPct', 'paramsPct', 'plannedPct', 'latencyPct', 'valAcc', 'rho']);
  /** Latest snapshot (its typed arrays were transferred from the worker). */
  snap: AtomNasSnapshot | null = null;
  version = 0;
  private readonly listeners = new Set<Listener>();

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Take one snapshot of the current run; null: a new run starts (forget the old one). */
  apply(s: AtomNasSnapshot | null): void {
    if (s === null) {
      this.series.clear();
      this.snap = null;
      useAtomNasReadouts.setState({ ...EMPTY, events: [] });
    } else {
      this.take(s);
    }
    this.version++;
    for (const fn of this.listeners) fn();
  }

  private take(s: AtomNasSnapshot): void {
    this.snap = s;
    const n = s.steps.length;
    if (n) {
      this.series.append('loss', s.steps, s.loss);
      this.series.append('rho', s.steps, s.rho);
      this.series.append('macsPct', s.steps, Array.from(s.macs, (m) => pct(m, s.supernetMacs)));
      this.series.append('paramsPct', s.steps, Array.from(s.params, (p) => pct(p, s.supernetParams)));
      if (s.plannedMacs !== null) this.series.push('plannedPct', s.steps[n - 1], pct(s.plannedMacs, s.supernetMacs));
    }
    // Predicted latency as % of the supernet's, one point per snapshot (it changes only at shrink events).
    if (s.latencyMs !== null && s.supernetLatencyMs !== null && s.supernetLatencyMs > 0) {
      this.series.push('latencyPct', s.step, pct(s.latencyMs, s.supernetLatencyMs));
    }
    for (const v of s.val) this.series.push('valAcc', v.step, v.acc * 100);
    useAtomNasReadouts.setState((st) => ({
      active: true,
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
      kernels: s.kernels,
      supernetLatencyMs: s.supernetLatencyMs,
      latencyMs: s.latencyMs,
      check: s.check ?? st.check,
    }));
  }
}

/** The view's one buffer (module-level: it outlives the view's mounts, as the run does). */
export const atomnasLive = new AtomNasLive();
