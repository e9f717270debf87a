/**
 * A training checkpoint as bytes (pure, no tfjs): the CLI's `--checkpoint FILE` and the app's saved checkpoints. Layout:
 * 8 bytes "NASCKPT1", a u32 (little endian) header length, the header as UTF-8 JSON, zero padding to a multiple of 4,
 * then every float array of the checkpoint back to back as float32. In the header each array is `{"$f32": [offset,
 * length]}` (in floats from the start of the blob) and each Map is `{"$map": [[key, value], …]}`.
 * `meta` carries what the caller needs to rebuild the run (its ArchSpec, settings, data source, history so far).
 */
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

/** A file that is not a checkpoint this version can read. */
export class CheckpointFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointFileError';
  }
}

export function encodeCheckpoint<M, C extends CheckpointCore>(file: CheckpointFile<M, C>): Uint8Array {
  const arrays: Float32Array[] = [];
  let floats = 0;
  const header = JSON.stringify(file, (_k, v: unknown) => {
    if (v instanceof Float32Array) {
      arrays.push(v);
      const at = floats;
      floats += v.length;
      return { $f32: [at, v.length] };
    }
    if (v instanceof Uint32Array) return { $u32: Array.from(v) };
    if (v instanceof Map) return { $map: [...v.entries()] };
    return v;
  });
  const head = new TextEncoder().encode(header);
  const headEnd = 12 + head.length;
  const blobAt = Math.ceil(headEnd / 4) * 4;
  const out = new Uint8Array(blobAt + floats * 4);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, head.length, true);
  out.set(head, 12);
  const blob = new Float32Array(out.buffer, blobAt, floats);
  let at = 0;
  for (const a of arrays) {
    blob.set(a, at);
    at += a.length;
  }
  return out;
}

/** Decode bytes written by encodeCheckpoint; `name` (a file name) is used in the error messages. */
export function decodeCheckpoint<M, C extends CheckpointCore = CheckpointCore>(bytes: Uint8Array, name: string): CheckpointFile<M, C> {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new CheckpointFileError(`${name} is not a training checkpoint of this playground (it does not start with ${MAGIC})`);
  }
  const headLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headLen > bytes.length) throw new CheckpointFileError(`${name} is cut short: its header needs ${headLen} bytes, the file has ${bytes.length - 12}`);
  const blobAt = Math.ceil((12 + headLen) / 4) * 4;
  const floats = Math.floor(Math.max(0, bytes.length - blobAt) / 4);
  // Copy: the blob of a Node Buffer may start at an offset that is not a multiple of 4.
  const blob = new Float32Array(bytes.slice(blobAt, blobAt + floats * 4).buffer);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headLen)), (_k, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        if (Array.isArray(o.$f32)) {
          const [at, n] = o.$f32 as number[];
          if (!Number.isInteger(at) || !Number.isInteger(n) || at < 0 || n < 0 || at + n > blob.length) {
            throw new CheckpointFileError(`${name} is cut short or damaged: an array reaches float ${at + n}, the file holds ${blob.length}`);
          }
          return blob.slice(at, at + n);
        }
        if (Array.isArray(o.$u32)) return Uint32Array.from(o.$u32 as number[]);
        if (Array.isArray(o.$map)) return new Map(o.$map as [string, unknown][]);
      }
      return v;
    });
  } catch (e) {
    if (e instanceof CheckpointFileError) throw e;
    throw new CheckpointFileError(`${name} has a damaged header (${e instanceof Error ? e.message : String(e)})`);
  }
  const f = parsed as CheckpointFile<M, C>;
  if (!f || typeof f !== 'object' || !f.checkpoint || typeof f.checkpoint.step !== 'number' || !(f.checkpoint.params instanceof Map)) {
    throw new CheckpointFileError(`${name} has no training state in it`);
  }
  return f;
}
