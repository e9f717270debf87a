/**
 * The saved runs as the UI sees them (Compare screen): the list read from the run repository, plus the actions on it
 * (rename, delete, export/import a bundle). IndexedDB in the app; an in-memory fake only in unit tests.
 */
import { create } from 'zustand';
import type { SavedRun } from '../core/runs/savedRun';
import { fetchReferenceRuns } from './referenceRuns';
import { RunRepository, type CheckpointInfo, type RemovedRun } from './runRepo';
import { useStore } from './store';

export interface SavedRunsState {
  loaded: boolean;
  runs: SavedRun[];
  /** The latest training checkpoint of each run that has one (an interrupted Train run can resume from it). */
  checkpoints: Map<string, CheckpointInfo>;
  /**
   * Last outcome of an action (saved, imported, refused…). After a delete it holds the deleted runs, weights included,
   * for Undo, which lapses with the next message.
   */
  message: { kind: 'ok' | 'error'; text: string; undo?: RemovedRun[] } | null;
}

export const useSavedRuns = create<SavedRunsState>()(() => ({ loaded: false, runs: [], checkpoints: new Map(), message: null }));

let repo: RunRepository | null = null;

/** The app's run repository (null where there is no IndexedDB: nothing is kept). */
export function runRepository(): RunRepository | null {
  if (typeof indexedDB === 'undefined') return null;
  repo ??= new RunRepository();
  return repo;
}

/** Use another repository (unit tests). */
export function setRunRepository(r: RunRepository | null): void {
  repo = r;
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** This device as a label: adapter vendor/architecture, else the backend (imported runs carry the exporter's). */
export function deviceLabel(): string {
  const b = useStore.getState().backend;
  if (!b) return 'unknown device';
  const a = b.adapter;
  const name = a ? [a.vendor, a.architecture || a.device || a.description].filter(Boolean).join(' ') : '';
  return `${name || 'unknown adapter'}${a?.isFallbackAdapter ? ' (software adapter)' : ''} · ${b.backend}`;
}

/** Read the list again. */
export async function refreshSavedRuns(): Promise<void> {
  const r = runRepository();
  if (!r) return void useSavedRuns.setState({ loaded: true });
  try {
    useSavedRuns.setState({ loaded: true, runs: await r.list(), checkpoints: await r.checkpointInfos() });
  } catch (e) {
    useSavedRuns.setState({ loaded: true, message: { kind: 'error', text: `Could not read the saved runs: ${errText(e)}` } });
  }
}

/** An action failed part way; `undo` holds what it deleted before it failed, so that Undo still works. */
class PartlyDone extends Error {
  constructor(
    cause: unknown,
    readonly undo: RemovedRun[],
  ) {
    super(errText(cause));
  }
}

type Note = string | { text: string; undo: RemovedRun[] } | void;

/**
 * Run an action on the repository; its note (or error, after `what`: when `what` is empty the error says it all)
 * becomes the message, replacing the last one and its Undo.
 */
async function act(what: string, f: (r: RunRepository) => Promise<Note>): Promise<void> {
  const r = runRepository();
  if (!r) return void useSavedRuns.setState({ message: { kind: 'error', text: 'This browser has no IndexedDB: runs cannot be kept.' } });
  try {
    const note = await f(r);
    useSavedRuns.setState({ message: note ? { kind: 'ok', ...(typeof note === 'string' ? { text: note } : note) } : null });
  } catch (e) {
    const undo = e instanceof PartlyDone && e.undo.length ? e.undo : undefined;
    useSavedRuns.setState({ message: { kind: 'error', text: what ? `${what}: ${errText(e)}` : errText(e), undo } });
  }
  await refreshSavedRuns();
}

/** One saved run with its weights (the list leaves them in storage). */
export async function getSavedRun(id: string): Promise<SavedRun | undefined> {
  return runRepository()?.get(id);
}

export const renameSavedRun = (id: string, name: string): Promise<void> => act('Rename failed', (r) => r.rename(id, name));

/** What a delete says: which runs (by name, a few at most), and that Undo brings them back while this page is open. */
export function deletedText(names: readonly string[]): string {
  const n = names.length;
  const shown = names.slice(0, 3).map((x) => `"${x}"`);
  const list = n <= 3 ? shown.join(', ') : `${shown.join(', ')} and ${n - 3} more`;
  const what = n === 1 ? `the saved run ${list} and its weights` : `${n} saved runs (${list}) and their weights`;
  return `Deleted ${what} from this browser. Undo puts ${n === 1 ? 'it' : 'them'} back until your next action here or until this page is left.`;
}

/**
 * Delete saved runs with their weights and checkpoints, asking nothing: the message holds what was deleted, and
 * `undoDelete` puts it back. Runs deleted before a failure can still be put back.
 */
export const deleteSavedRuns = (ids: readonly string[]): Promise<void> =>
  act('Delete failed', async (r) => {
    const gone: RemovedRun[] = [];
    try {
      for (const id of ids) {
        const g = await r.remove(id);
        if (g) gone.push(g);
      }
    } catch (e) {
      throw new PartlyDone(e, gone);
    }
    return gone.length ? { text: deletedText(gone.map((g) => g.run.name)), undo: gone } : undefined;
  });

/** Put back the runs the last message says were deleted (those it could not put back stay in the message's Undo). */
export async function undoDelete(): Promise<void> {
  const gone = useSavedRuns.getState().message?.undo;
  if (!gone) return;
  await act('Undo failed', async (r) => {
    for (const [i, g] of gone.entries()) {
      try {
        await r.restore(g);
      } catch (e) {
        throw new PartlyDone(e, gone.slice(i));
      }
    }
    return `Put back ${gone.length === 1 ? `"${gone[0].run.name}"` : `${gone.length} runs`}.`;
  });
}

/** The bundle text of the chosen runs (all when none are chosen). */
export async function exportSavedRuns(ids?: readonly string[]): Promise<string | null> {
  const r = runRepository();
  if (!r) return null;
  return r.exportBundle(deviceLabel(), ids && ids.length ? ids : undefined);
}

/**
 * Import a bundle file's text, or one result record (the CLI's `--out`), refused whole, with the reason, when anything
 * is wrong. A record brings no weights, and the message says what that leaves out.
 */
export const importSavedRuns = (text: string, file: string): Promise<void> =>
  act(`Could not import ${file}`, async (r) => {
    const { ids, kind } = await r.importBundle(text);
    if (kind === 'record')
      return `Imported the result record ${file} as a run without trained weights: it is compared, retrained with one recipe and exported as PyTorch source; to measure it on this device or export its weights, import the run.bundle.json that the CLI's --export DIR writes.`;
    return `Imported ${ids.length} run${ids.length === 1 ? '' : 's'} from ${file}.`;
  });

const runsText = (n: number): string => `${n} run${n === 1 ? '' : 's'}`;

/**
 * Import several files at once (several CLI records, say): each is checked whole and stored or refused on its own,
 * and one message says what came from where and names each refused file with its reason. One file: importSavedRuns.
 */
export async function importSavedRunFiles(files: readonly { name: string; text: string }[]): Promise<void> {
  if (files.length === 0) return;
  if (files.length === 1) return importSavedRuns(files[0].text, files[0].name);
  await act('', async (r) => {
    let runs = 0;
    let records = 0;
    let stored = 0;
    const refused: string[] = [];
    for (const f of files) {
      try {
        const { ids, kind } = await r.importBundle(f.text);
        runs += ids.length;
        if (kind === 'record') records++;
        stored++;
      } catch (e) {
        refused.push(`${f.name} (${errText(e)})`);
      }
    }
    const got = stored ? `Imported ${runsText(runs)} from ${stored} file${stored === 1 ? '' : 's'}${records ? ` (${records} result record${records === 1 ? '' : 's'}, without trained weights)` : ''}` : '';
    if (refused.length) throw new Error(`${got ? `${got}; c` : 'C'}ould not import ${refused.join('; ')}.`);
    return `${got}.`;
  });
}

/** What adding the reference runs says: how many came, how many were already in the list, and what they lack. */
export function referenceRunsText(added: number, skipped: number): string {
  if (added === 0) return `All ${skipped} reference runs are already in the list.`;
  const already = skipped ? ` (${skipped} already in the list)` : '';
  return `Added ${added} reference run${added === 1 ? '' : 's'}${already}: the project's own runs behind the README's figures, made with the CLI on tfjs cpu. They come without weights, so they are compared on accuracy, MACs and parameters, and can be retrained with one recipe; delete them like any run.`;
}

/**
 * Add the reference runs shipped with the app (fetched relative to `base`), leaving out those already stored, so a
 * second press adds nothing. A failure is the message; the list stays as it was.
 */
export const addReferenceRuns = (base: string = document.baseURI, fetcher: typeof fetch = fetch): Promise<void> =>
  act('Could not add the reference runs', async (r) => {
    const text = await fetchReferenceRuns(base, fetcher);
    const { ids, skipped } = await r.importBundle(text, { skipStored: true });
    return referenceRunsText(ids.length, skipped);
  });
