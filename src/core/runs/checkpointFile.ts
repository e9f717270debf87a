/**
 * A training checkpoint as bytes (pure, no tfjs): the CLI's `--checkpoint FILE` and the app's saved checkpoints. The
 * layout is packedBlob.ts's with the magic "NASCKPT1"; the value is `{checkpoint, meta}` (engine/trainer's
 * TrainerCheckpoint, and what the caller needs to rebuild the run: its ArchSpec, settings, data source, history so far).
 */
import { CheckpointFileError, packBlob, unpackBlob } from './packedBlob';

const MAGIC = 'NASCKPT1';

/** The part of a trainer's checkpoint (engine/trainer TrainerCheckpoint) this file checks on reading. */
export interface CheckpointCore {
  step: number;
  params: Map<string, unknown>;
}

/** A decoded checkpoint (engine/trainer's TrainerCheckpoint) and its caller-defined metadata. */
export interface CheckpointFile<M, C extends CheckpointCore = CheckpointCore> {
  checkpoint: C;
  meta: M;
}

export { CheckpointFileError };

export function encodeCheckpoint<M, C extends CheckpointCore>(file: CheckpointFile<M, C>): Uint8Array {
  return packBlob(MAGIC, file);
}

/** Decode bytes written by encodeCheckpoint; `name` (a file name) is used in the error messages. */
export function decodeCheckpoint<M, C extends CheckpointCore = CheckpointCore>(bytes: Uint8Array, name: string): CheckpointFile<M, C> {
  const parsed = unpackBlob(MAGIC, bytes, name, 'training checkpoint');
  const f = parsed as CheckpointFile<M, C>;
  if (!f || typeof f !== 'object' || !f.checkpoint || typeof f.checkpoint.step !== 'number' || !(f.checkpoint.params instanceof Map)) {
    throw new CheckpointFileError(`${name} has no training state in it`);
  }
  return f;
}
