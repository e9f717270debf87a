/**
 * `beforeunload` warns only while a run has unsaved progress (issue 16 §1): a Train run whose steps since its last
 * checkpoint would be lost, or any search (searches have no checkpoints yet). Idle, finished, or checkpointed at
 * the current step: no prompt.
 */
import type { WorkerEvent } from '../worker/protocol';

interface Live {
  /** Train runs checkpoint; searches do not. */
  resumable: boolean;
  step: number;
  saved: number;
}

const live = new Map<string, Live>();

/** The step a run's latest checkpoint holds (called by the run keeper once it is stored). */
export function noteCheckpoint(runId: string, step: number): void {
  const r = live.get(runId);
  if (r) r.saved = Math.max(r.saved, step);
}

/** Follow the worker's events (pure bookkeeping; exported for tests). */
export function trackRuns(ev: WorkerEvent): void {
  if (ev.type === 'run/state') {
    if (ev.kind === 'profile') return;
    if (ev.state === 'running' || ev.state === 'paused') {
      if (!live.has(ev.runId)) live.set(ev.runId, { resumable: ev.kind === 'train', step: 0, saved: 0 });
    } else live.delete(ev.runId);
  } else if (ev.type === 'train/points' && ev.steps.length) {
    const r = live.get(ev.runId);
    if (r) r.step = Math.max(r.step, ev.steps[ev.steps.length - 1]);
  } else if (ev.type === 'train/final' || ev.type === 'search/final') live.delete(ev.runId);
}

/** True while leaving the page would lose work. */
export function hasUnsavedProgress(): boolean {
  for (const r of live.values()) if (!r.resumable || r.step > r.saved) return true;
  return false;
}

/** Install the listener (once, by the app). */
export function installUnloadGuard(target: Pick<Window, 'addEventListener'> = window): void {
  target.addEventListener('beforeunload', (e: BeforeUnloadEvent) => {
    if (!hasUnsavedProgress()) return;
    e.preventDefault();
    e.returnValue = ''; // older browsers need it set
  });
}
