/** The run that holds the worker now, as a React hook (re-renders when any screen's run starts or stops). */
import { METHODS } from '../../methods/registry';
import { activeRun, type ActiveRun } from '../../state/activeRun';
import { methodRunStore } from '../../state/methodRuns';
import { useStore } from '../../state/store';

const LABELS = new Map(METHODS.map((m) => [m.id, m.tab]));

export function useActiveRun(): ActiveRun | null {
  useStore((s) => s.runState);
  // METHODS is fixed for the life of the page, so the hooks below are called in the same order on every render.
  for (const m of METHODS) {
    methodRunStore(m.id)((s) => `${s.state}:${s.retrain?.state ?? ''}`);
  }
  return activeRun(LABELS);
}
