/**
 * A recording as a file to download: JSON text, gzipped with the platform's CompressionStream when it has one (every
 * current browser and Node ≥ 18); `replayLoad` reads both back.
 */
import { recordingText, type Recording } from '../core/method/recording';

/** `atomnas-2026-11-30T03-41.json.gz` (the date the run started). */
export function recordingFileName(rec: Recording, gzip: boolean): string {
  const d = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.exec(rec.made.date)?.[0].replace(':', '-') ?? 'run';
  return `${rec.method}-${d}.json${gzip ? '.gz' : ''}`;
}

async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The bytes of `rec` as a file: gzipped when asked and the platform can, else JSON. */
export async function recordingFile(rec: Recording, gzip = true): Promise<{ name: string; bytes: Uint8Array; type: string }> {
  const json = new TextEncoder().encode(recordingText(rec));
  if (gzip && typeof CompressionStream !== 'undefined') {
    return { name: recordingFileName(rec, true), bytes: await gzipBytes(json), type: 'application/gzip' };
  }
  return { name: recordingFileName(rec, false), bytes: json, type: 'application/json' };
}
