/**
 * The backend the app's worker starts on (issue 15 §6), and switching it when the user picks another one in the header
 * (`backend=` in the link). The decision is made once per page and per pinned value; a crashed worker restarts on the
 * same choice without timing the backends again.
 */
import { orderFor, type BackendChoice, type BackendId } from '../core/backendChoice';
import type { BackendName } from '../worker/protocol';
import { activeRun } from './activeRun';
import { browserChoiceDeps, chooseBackend, type ChoiceDeps } from './backendChoice';
import { useStore } from './store';

let decided: BackendChoice | null = null;
let depsFactory: (onBackend: (b: BackendId, shareMs: number) => void) => ChoiceDeps = browserChoiceDeps;

/** Replace the browser dependencies (tests). */
export function setChoiceDeps(f: typeof depsFactory): void {
  depsFactory = f;
  decided = null;
}

/** The order of backends the next worker tries: the decided backend first, the others as fallbacks. */
export async function decideOrder(): Promise<BackendName[]> {
  const st = useStore.getState();
  const pinned = st.settings.backend;
  const stale = !decided || (pinned ? decided.mode !== 'pinned' || decided.backend !== pinned : decided.mode !== 'auto');
  if (stale) {
    try {
      decided = await chooseBackend(
        pinned,
        depsFactory((backend, shareMs) => useStore.getState().setBackendProbing({ backend, shareMs, since: Date.now() })),
      );
    } finally {
      useStore.getState().setBackendProbing(null);
    }
    useStore.getState().setBackendChoice(decided);
  }
  return orderFor((decided as BackendChoice).backend);
}

/** Time the backends again on the next start (the header's "measure again"). */
export function forgetBackendChoice(): void {
  decided = null;
}

/**
 * Watch the pinned backend: when it changes and nothing runs, `restart()` replaces the worker (its data is loaded
 * again); while a run holds the worker the change is undone with a notice, so a run never loses its backend under it.
 */
export function startBackendSwitch(restart: (reason: string) => void): () => void {
  let undoing = false;
  return useStore.subscribe((s, prev) => {
    if (undoing || s.settings.backend === prev.settings.backend) return;
    const running = activeRun();
    if (running) {
      undoing = true; // the undo below changes the setting again: not a new choice to answer
      try {
        useStore.getState().setSettings({ backend: prev.settings.backend });
      } finally {
        undoing = false;
      }
      useStore.getState().addNotice({
        kind: 'warning',
        title: 'The backend stays as it is while a run goes on',
        lines: [`Stop ${running.what} first, then choose the backend again.`],
      });
      return;
    }
    restart(`switching to ${s.settings.backend ?? 'the automatic choice'}`);
  });
}
