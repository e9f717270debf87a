/**
 * A replay seen as a method run (the MethodRunStore shape the method views read: `started`, `config`, `progress`,
 * `record`): while a recording plays, the view's `run` prop is this store, so a view that reads the run's RunStart
 * (a block layout, a search window, a notice) gets the recorded run's, never a stale live run's. Derived from the
 * replay store; read-only.
 */
import { create } from 'zustand';
import { EMPTY_RUN, type MethodRunState, type MethodRunStore } from './methodRuns';
import { replayStore, type ReplayState } from './replay';

/** The run state a replay shows at its current frame. */
export function replayRunState(r: ReplayState): MethodRunState {
  const rec = r.recording;
  if (!rec) return { ...EMPTY_RUN };
  const last = rec.frames.length - 1;
  const at = Math.max(0, Math.min(last, r.frame));
  const f = rec.frames[at];
  const end = at === last;
  const date = Date.parse(rec.made.date);
  return {
    ...EMPTY_RUN,
    runId: `replay-${rec.method}`,
    state: r.playing ? 'running' : end && rec.record ? 'done' : 'paused',
    progress: { done: f.step, total: rec.started.totalSteps, epoch: f.epoch, totalEpochs: rec.started.totalEpochs, etaMs: -1, elapsedMs: f.ms },
    started: rec.started,
    record: end ? rec.record : null,
    config: rec.config,
    startedAt: Number.isNaN(date) ? 0 : date,
  };
}

const stores = new Map<string, MethodRunStore>();

/** Method `id`'s replay as a run store (created on first use; follows the replay store). */
export function replayRunStore(id: string): MethodRunStore {
  let s = stores.get(id);
  if (!s) {
    const replay = replayStore(id);
    const store = create<MethodRunState>()(() => replayRunState(replay.getState()));
    replay.subscribe((r) => store.setState(replayRunState(r), true));
    stores.set(id, store);
    s = store;
  }
  return s;
}
