/**
 * What an app search checkpoint carries besides the run's state (issue 16 §1), pure: the worker writes it into
 * `search/checkpoint` bytes (core/runs/searchCheckpointFile), the app reads it to offer "Resume from step N" after a
 * reload, a crash or a lost GPU, and says which data the run needs when the loaded data is not it.
 */
import type { LatencyProfile } from '../latency/profileSchema';
import { decodeSearchCheckpoint, type SearchCheckpointFile } from './searchCheckpointFile';
import { dataProblem } from './trainResume';

export interface SearchResumeMeta {
  kind: 'search';
  runId: string;
  /** The data it searches on: a resumed run needs the same data loaded. */
  dataset: { name: string; n: number };
  /** The latency profile the run was given (a resumed run gets the same one, whatever is the target now). */
  profile: LatencyProfile | null;
  /** Wall time before this checkpoint. */
  wallSeconds: number;
}

/**
 * The checkpoint in `bytes` when it can resume a search of `method` on the loaded data, or the reason it cannot, in the
 * project's words (another method, another version, other data).
 */
export function readSearchResume(
  bytes: Uint8Array,
  method: string,
  loaded: { name: string; n: number } | null,
): { file: SearchCheckpointFile<SearchResumeMeta> } | { problem: string } {
  let file: SearchCheckpointFile<SearchResumeMeta>;
  try {
    file = decodeSearchCheckpoint<SearchResumeMeta>(bytes, 'The saved checkpoint');
  } catch (e) {
    return { problem: `${e instanceof Error ? e.message : String(e)}; start the run again instead.` };
  }
  const m = file.meta as Partial<SearchResumeMeta> | null;
  if (!m || m.kind !== 'search' || !m.dataset) return { problem: 'The saved checkpoint is not one of a search of this version; start the run again instead.' };
  if (file.method !== method) return { problem: `The saved checkpoint is one of ${file.method}, not of ${method}.` };
  const why = dataProblem(m.dataset, loaded, 'searched');
  return why ? { problem: why } : { file };
}
