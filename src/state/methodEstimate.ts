/**
 * "How long here?": before Start, measure a few optimisation steps of the settings in the form on this device and
 * scale to the whole run. It starts the search paused, takes 3 steps (the first one compiles shaders and is left out),
 * reads the worker's step times (run/progress elapsedMs sums step durations only) and resets the run.
 */
import { create } from 'zustand';
import type { MethodDescriptor } from '../methods/descriptor';
import { resetMethod, startMethod, stepMethod } from './methodActions';
import { methodRunStore, type MethodRunState } from './methodRuns';
import { useStore } from './store';

export interface Estimate {
  status: 'measuring' | 'done' | 'error';
  /** The config measured (JSON): an estimate for other settings is stale. */
  config: string;
  perStepMs?: number;
  totalSteps?: number;
  message?: string;
}

export const useEstimates = create<Record<string, Estimate>>()(() => ({}));

/** Milliseconds per step from the elapsed step time after each of the measured steps (the first is compile-heavy). */
export function perStepMs(elapsed: readonly number[]): number {
  if (elapsed.length < 2) return elapsed[0] ?? Number.NaN;
  return (elapsed[elapsed.length - 1] - elapsed[0]) / (elapsed.length - 1);
}

/** "≈ 35 min here" (rounded: it is an estimate). */
export function estimateText(e: Pick<Estimate, 'perStepMs' | 'totalSteps'>): string {
  const ms = (e.perStepMs ?? Number.NaN) * (e.totalSteps ?? Number.NaN);
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = ms / 1000;
  if (s < 90) return `≈ ${Math.max(1, Math.round(s / 5) * 5)} s here`;
  const min = s / 60;
  if (min < 90) return `≈ ${Math.round(min)} min here`;
  const h = Math.floor(min / 60);
  return `≈ ${h} h ${Math.round(min - 60 * h)} min here`;
}

function waitFor(store: ReturnType<typeof methodRunStore>, ok: (s: MethodRunState) => boolean, ms = 180_000): Promise<MethodRunState> {
  return new Promise((resolve, reject) => {
    const check = (s: MethodRunState) => {
      if (ok(s)) return done(() => resolve(s));
      if (s.state === 'error' || s.state === 'idle' || s.state === 'cancelled') done(() => reject(new Error(s.error ?? 'the run stopped')));
    };
    const timer = setTimeout(() => done(() => reject(new Error('no step finished in time'))), ms);
    const unsub = store.subscribe(check);
    function done(fn: () => void) {
      clearTimeout(timer);
      unsub();
      fn();
    }
    check(store.getState());
  });
}

const STEPS = 3;

export async function estimateMethod(m: MethodDescriptor): Promise<void> {
  const store = methodRunStore(m.id);
  const st = store.getState().state;
  if (st === 'running' || st === 'paused' || st === 'diverged') return;
  const config = JSON.stringify(useStore.getState().settings.configs[m.id]);
  useEstimates.setState({ [m.id]: { status: 'measuring', config } });
  try {
    const before = store.getState().runId;
    await startMethod(m, true);
    const runId = store.getState().runId;
    if (!runId || runId === before || store.getState().state === 'error') throw new Error(store.getState().error ?? 'the search did not start');
    const elapsed: number[] = [];
    for (let k = 1; k <= STEPS; k++) {
      if (k > 1) void stepMethod(m);
      const s = await waitFor(store, (x) => x.runId === runId && x.state === 'paused' && (x.progress?.done ?? 0) >= k);
      elapsed.push(s.progress?.elapsedMs ?? Number.NaN);
      if ((s.progress?.done ?? 0) >= (s.progress?.total ?? 0)) break;
    }
    const totalSteps = store.getState().progress?.total ?? 0;
    await resetMethod(m);
    useEstimates.setState({ [m.id]: { status: 'done', config, perStepMs: perStepMs(elapsed), totalSteps } });
  } catch (e) {
    if (store.getState().state === 'paused') await resetMethod(m);
    useEstimates.setState({ [m.id]: { status: 'error', config, message: e instanceof Error ? e.message : String(e) } });
  }
}
