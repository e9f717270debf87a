/**
 * The byte layout shared by training checkpoints (checkpointFile.ts) and search checkpoints (searchCheckpointFile.ts),
 * pure: 8 magic bytes, a u32 (little endian) header length, the header as UTF-8 JSON, zero padding to a multiple of 4,
 * then every Float32Array of the value back to back as float32. In the header each float array is
 * `{"$f32": [offset, length]}` (in floats from the start of the blob), a Uint32Array is `{"$u32": […]}`, a Map is
 * `{"$map": [[key, value], …]}` and a non-finite number is `{"$num": "NaN" | "Infinity" | "-Infinity"}` (JSON has none).
 */

/** Bytes that are not a file of the expected kind, or a damaged one; the message names the file. */
export class CheckpointFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointFileError';
  }
}

export function packBlob(magic: string, value: unknown): Uint8Array {
  if (magic.length !== 8) throw new RangeError(`packBlob: the magic must be 8 characters, got '${magic}'`);
  const arrays: Float32Array[] = [];
  let floats = 0;
  const header = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
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
  out.set(new TextEncoder().encode(magic), 0);
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

/** True when `bytes` start with `magic`. */
export function hasMagic(bytes: Uint8Array, magic: string): boolean {
  return bytes.length >= 12 && new TextDecoder().decode(bytes.subarray(0, 8)) === magic;
}

/**
 * The value packed by packBlob; `name` (a file name) and `kind` ("training checkpoint") are used in the error messages.
 */
export function unpackBlob(magic: string, bytes: Uint8Array, name: string, kind: string): unknown {
  if (!hasMagic(bytes, magic)) {
    throw new CheckpointFileError(`${name} is not a ${kind} of this playground (it does not start with ${magic})`);
  }
  const headLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headLen > bytes.length) throw new CheckpointFileError(`${name} is cut short: its header needs ${headLen} bytes, the file has ${bytes.length - 12}`);
  const blobAt = Math.ceil((12 + headLen) / 4) * 4;
  const floats = Math.floor(Math.max(0, bytes.length - blobAt) / 4);
  // Copy: the blob of a Node Buffer may start at an offset that is not a multiple of 4.
  const blob = new Float32Array(bytes.slice(blobAt, blobAt + floats * 4).buffer);
  try {
    return JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headLen)), (_k, v: unknown) => {
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
        if (typeof o.$num === 'string' && Object.keys(o).length === 1) return Number(o.$num);
      }
      return v;
    });
  } catch (e) {
    if (e instanceof CheckpointFileError) throw e;
    throw new CheckpointFileError(`${name} has a damaged header (${e instanceof Error ? e.message : String(e)})`);
  }
}
