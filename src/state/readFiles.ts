/**
 * Read the files a user chose into ArrayBuffers that can be moved into the worker, a slice at a time so that a large
 * file (CIFAR-10's five batches, EMNIST) shows its progress and can be cancelled part-way.
 */
import { throwIfCancelled, type LoadOptions } from '../data/loadProgress';
import type { FilePayload } from '../worker/protocol';

/** Bytes read per slice: a few progress updates per second on a slow disk, few enough calls on a fast one. */
export const READ_SLICE_BYTES = 8 << 20;

/** The bytes of each file, in order; progress is over all files' bytes together. Throws LoadCancelled on abort. */
export async function readFiles(files: readonly (Blob & { name: string })[], opts: LoadOptions = {}, slice = READ_SLICE_BYTES): Promise<FilePayload[]> {
  const total = files.reduce((s, f) => s + f.size, 0);
  const names = files.map((f) => f.name).join(', ');
  let done = 0;
  const out: FilePayload[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(f.size);
    for (let at = 0; at < f.size; at += slice) {
      throwIfCancelled(opts.signal);
      const part = new Uint8Array(await f.slice(at, Math.min(f.size, at + slice)).arrayBuffer());
      bytes.set(part, at);
      done += part.length;
      opts.onProgress?.({ stage: 'read', file: names, done, total });
    }
    out.push({ name: f.name, bytes: bytes.buffer });
  }
  throwIfCancelled(opts.signal);
  return out;
}
