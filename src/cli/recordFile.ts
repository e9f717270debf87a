/**
 * `search --record FILE [--record-every N]`: the run's snapshot stream as a recording (core/method/recording) that the
 * app plays through the method's live view. FILE ending in `.gz` is gzipped (the app reads both). The machine line
 * says where it ran, for the app's "recorded on …" banner.
 */
import { cpus } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { recordingText, type Recording, type RecordingMade } from '../core/method/recording';
import type { FlagSpec } from './args';

export const RECORD_FLAGS: FlagSpec[] = [
  { name: 'record', type: 'string', help: 'record the live view\'s snapshot stream here (a recording the app can play; .gz to compress)' },
  { name: 'record-every', type: 'int', min: 1, max: 100000, help: 'take a frame every N units of work (default: about 150 frames per run)' },
];

/** This machine in plain words ("2-core AMD EPYC 7B13, Node v20.20.2"). */
export function cliMachine(): string {
  const c = cpus();
  const model = (c[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  return `${c.length}-core ${model}, Node ${process.version}`;
}

/** Where a CLI recording was made. */
export function cliMade(backend: { backend: string; tfjsVersion: string }, command: string, date: Date): RecordingMade {
  return { machine: cliMachine(), backend: backend.backend, adapter: null, tfjsVersion: backend.tfjsVersion, date: date.toISOString(), command, by: 'cli' };
}

/** Write `rec` to `path` (gzipped for .gz); returns the bytes written. */
export async function writeRecording(path: string, rec: Recording): Promise<number> {
  const text = recordingText(rec);
  const bytes = /\.gz$/i.test(path) ? gzipSync(Buffer.from(text, 'utf8'), { level: 9 }) : Buffer.from(text, 'utf8');
  await writeFile(path, bytes);
  return bytes.length;
}
