/**
 * A search checkpoint as bytes (pure, no tfjs): what `MethodRun.checkpoint()` returns, wrapped with the method id, the
 * config the run started with and the caller's metadata (data source, history…), in packedBlob.ts's layout with the
 * magic "NASSRCH1". Used by the CLI's `search --checkpoint/--resume` and the app's saved search checkpoints.
 * Everything is checked on reading, and every message names the file and what is wrong.
 */
import { CheckpointFileError, hasMagic, packBlob, unpackBlob } from './packedBlob';

const MAGIC = 'NASSRCH1';
export const SEARCH_CHECKPOINT_VERSION = 1;

export interface SearchCheckpointFile<M = unknown> {
  version: number;
  /** The method's registry id. */
  method: string;
  /** The run's validated config. */
  config: Record<string, unknown>;
  /** Units of work done (MethodStep.done) when it was taken. */
  done: number;
  /** The method's own state (MethodCheckpoint.state: JSON, float arrays, Maps). */
  state: unknown;
  meta: M;
}

export { CheckpointFileError };

/** True for bytes of a search checkpoint (whatever their version), false for anything else. */
export function isSearchCheckpoint(bytes: Uint8Array): boolean {
  return hasMagic(bytes, MAGIC);
}

export function encodeSearchCheckpoint<M>(file: Omit<SearchCheckpointFile<M>, 'version'>): Uint8Array {
  return packBlob(MAGIC, { version: SEARCH_CHECKPOINT_VERSION, ...file });
}

/** Decode bytes written by encodeSearchCheckpoint; `name` (a file name) is used in the error messages. */
export function decodeSearchCheckpoint<M = unknown>(bytes: Uint8Array, name: string): SearchCheckpointFile<M> {
  if (hasMagic(bytes, 'NASCKPT1')) {
    throw new CheckpointFileError(`${name} is a checkpoint of a Train run, not of a search (resume it with \`train --resume\`)`);
  }
  const f = unpackBlob(MAGIC, bytes, name, 'search checkpoint') as Partial<SearchCheckpointFile<M>> | null;
  if (!f || typeof f !== 'object') throw new CheckpointFileError(`${name} has no search state in it`);
  if (f.version !== SEARCH_CHECKPOINT_VERSION) {
    throw new CheckpointFileError(`${name} is a search checkpoint of format v${String(f.version)}; this version reads v${SEARCH_CHECKPOINT_VERSION}`);
  }
  if (typeof f.method !== 'string' || !f.method) throw new CheckpointFileError(`${name} does not say which method wrote it`);
  if (!f.config || typeof f.config !== 'object' || Array.isArray(f.config)) throw new CheckpointFileError(`${name} has no settings of the run in it`);
  if (!Number.isInteger(f.done) || (f.done as number) < 0) throw new CheckpointFileError(`${name} has no valid step count (got ${String(f.done)})`);
  if (f.state === undefined || f.state === null) throw new CheckpointFileError(`${name} has no method state in it`);
  return f as SearchCheckpointFile<M>;
}

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
};

/**
 * Why a checkpoint cannot continue a run of `method` with `config` (null: it can): another method, or settings that
 * differ (each named with both values, at most five). Keys present on one side only count as differences.
 */
export function checkpointMismatch(file: Pick<SearchCheckpointFile, 'method' | 'config'>, method: string, config: Record<string, unknown>): string | null {
  if (file.method !== method) return `it is a checkpoint of ${file.method}, not of ${method}`;
  const keys = [...new Set([...Object.keys(file.config), ...Object.keys(config)])].sort();
  const diffs = keys.filter((k) => JSON.stringify(file.config[k]) !== JSON.stringify(config[k]));
  if (diffs.length === 0) return null;
  const listed = diffs.slice(0, 5).map((k) => `${k} is ${show(file.config[k])} there, ${show(config[k])} here`);
  const more = diffs.length > 5 ? ` and ${diffs.length - 5} more` : '';
  return `its settings differ: ${listed.join('; ')}${more}`;
}
