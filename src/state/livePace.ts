/**
 * Slow motion for live runs (the Train screen's and the method searches): the chosen wait between optimisation steps
 * (0: full speed). The worker's run loop does the waiting (`run/pace`); a new run starts with the chosen pace
 * (`search/start` and `train/start` paceMs). Retrainings and Compare's batch jobs always run at full speed.
 */
import { create } from 'zustand';
import { holdsWorker } from './activeRun';
import { allMethodRunStores } from './methodRuns';
import { useStore } from './store';
import { getClient } from './workerBridge';

export const PACES: readonly { ms: number; label: string }[] = [
  { ms: 0, label: 'Full speed' },
  { ms: 250, label: '4 steps per second' },
  { ms: 1000, label: '1 step per second' },
  { ms: 3000, label: '1 step every 3 s' },
];

export const livePace = create<{ ms: number }>()(() => ({ ms: 0 }));

/** True when the Train screen's run or a method search (not a retraining, not a profile) holds the worker now. */
function liveRunHoldsWorker(): boolean {
  const app = useStore.getState();
  if (holdsWorker(app.runId) && (app.runState === 'running' || app.runState === 'paused')) return true;
  for (const store of allMethodRunStores().values()) {
    const s = store.getState();
    if (holdsWorker(s.runId) && (s.state === 'running' || s.state === 'paused')) return true;
  }
  return false;
}

/** Choose the pace; the search in progress (if any) slows down or speeds up at once. */
export async function setLivePace(ms: number): Promise<void> {
  livePace.setState({ ms });
  if (liveRunHoldsWorker()) await getClient().request('run/pace', { ms }).catch(() => undefined);
}
