/**
 * Keeps the URL hash and the settings in sync (versioned, via core/urlState). A link reproduces a run's settings;
 * a value that is out of range or unknown is clamped/ignored AND reported in a dismissable notice, never silently.
 */
import { parseHash, toHash } from '../core/urlState';
import type { AllSettings } from './slices/settingsSlice';
import { useStore } from './store';
import { URL_MODEL } from './urlModel';

/** Parse a full hash (every setting clamped with a notice; each group's cross-field checks added). */
export function readHash(hash: string): { settings: AllSettings; notices: string[] } {
  return parseHash(hash, URL_MODEL);
}

/** Hash body (no '#') for these settings: `v=2` plus every value that differs from its preset. */
export function writeHash(s: AllSettings): string {
  return toHash(s, URL_MODEL);
}

/** Where the hash lives (the browser's location, or a fake in tests). */
export interface HashEnv {
  get(): string;
  replace(hash: string): void;
  listen(cb: () => void): () => void;
}

export const browserHashEnv: HashEnv = {
  get: () => window.location.hash,
  replace: (hash) => {
    // The empty hash (the landing page with default settings) is a bare URL, not a trailing `#`.
    const url = `${window.location.pathname}${window.location.search}${hash ? `#${hash}` : ''}`;
    window.history.replaceState(window.history.state, '', url);
  },
  listen: (cb) => {
    window.addEventListener('hashchange', cb);
    return () => window.removeEventListener('hashchange', cb);
  },
};

type Store = typeof useStore;

function apply(store: Store, hash: string): void {
  const { settings, notices } = readHash(hash);
  if (settings.dataset === 'custom' && store.getState().dataset?.source !== 'user') {
    notices.push('this link was made with your own data (dataset=custom); load the files again to reproduce it');
  }
  store.getState().replaceSettings(settings);
  if (notices.length) {
    store.getState().addNotice({ kind: 'warning', title: 'Some settings in the link were adjusted', lines: notices });
  }
}

/** Read the hash into the store now, then mirror every settings change back into it. Returns a stop function. */
export function startUrlSync(store: Store = useStore, env: HashEnv = browserHashEnv): () => void {
  apply(store, env.get());
  let written = writeHash(store.getState().settings);
  env.replace(written);
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.settings === prev.settings) return;
    const next = writeHash(state.settings);
    if (next !== written) {
      written = next;
      env.replace(next);
    }
  });
  const stopListening = env.listen(() => {
    const current = env.get().replace(/^#/, '');
    if (current === written) return;
    apply(store, current);
    written = writeHash(store.getState().settings);
    if (written !== current) env.replace(written);
  });
  return () => {
    unsubscribe();
    stopListening();
  };
}
