/**
 * The worker runs one job at a time. This file knows which screen owns it ('train', a method id, or 'profile'), so
 * that a screen shows only its own run, a second Start asks before stopping the first, and profiling (which must
 * have the device to itself) is refused while anything trains.
 */
import { allMethodRunStores } from './methodRuns';
import { useStore } from './store';

export interface ActiveRun {
  owner: string;
  /** Human name for questions and notices ("the AtomNAS search"). */
  what: string;
}

const ACTIVE = new Set(['running', 'paused', 'diverged']);

/** The job that holds the worker now, if any. Method labels come from `labels` (method id → tab title). */
export function activeRun(labels: ReadonlyMap<string, string> = new Map()): ActiveRun | null {
  const app = useStore.getState();
  if (app.runId && ACTIVE.has(app.runState)) return { owner: 'train', what: 'the training run' };
  for (const [id, store] of allMethodRunStores()) {
    const s = store.getState();
    if (s.runId && ACTIVE.has(s.state)) return { owner: id, what: `the ${labels.get(id) ?? id} search` };
    if (s.retrain && ACTIVE.has(s.retrain.state)) return { owner: id, what: `the ${labels.get(id) ?? id} retraining` };
  }
  return null;
}

/** Where the confirmation is asked (window.confirm in the app; a fake in tests). */
let ask: (question: string) => boolean = (q) => (typeof window === 'undefined' ? true : window.confirm(q));

/** Replace the question asker (tests). */
export function setConfirm(fn: (question: string) => boolean): void {
  ask = fn;
}

/**
 * Before `owner` starts `what`: when another screen's job holds the worker, ask whether to stop it. Returns false
 * when the user keeps the other run (then nothing starts).
 */
export function mayStart(owner: string, what: string, labels: ReadonlyMap<string, string> = new Map()): boolean {
  const a = activeRun(labels);
  if (!a || a.owner === owner) return true;
  const cap = a.what.charAt(0).toUpperCase() + a.what.slice(1);
  if (!ask(`${cap} is still going. Stop it and start ${what}? (Its settings stay in the link; its progress is lost.)`)) return false;
  markStopped(a.owner);
  return true;
}

/** The worker drops the other job when the new one starts: show that screen's run as cancelled. */
function markStopped(owner: string): void {
  if (owner === 'train') {
    useStore.setState({ runState: 'cancelled', runMessage: 'Stopped to start another run.' });
    return;
  }
  const store = allMethodRunStores().get(owner);
  if (!store) return;
  const s = store.getState();
  if (s.retrain && ACTIVE.has(s.retrain.state)) store.setState({ retrain: { ...s.retrain, state: 'cancelled' } });
  if (s.runId && ACTIVE.has(s.state)) store.setState({ state: 'cancelled', error: 'Stopped to start another run.' });
}

/** The run the worker's loop drives now (the last one started from any screen). */
let workerRun: string | null = null;

/** Remember which run holds the worker (every screen's Start calls this; Reset clears it). */
export function noteWorkerRun(runId: string | null): void {
  workerRun = runId;
}

/** True when `runId` is the run the worker drives (controls act only on the screen's own run). */
export function holdsWorker(runId: string | null): boolean {
  return runId !== null && runId === workerRun;
}
