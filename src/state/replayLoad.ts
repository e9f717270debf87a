/**
 * Opening a recording on a method screen: the one shipped with the app (`recordings/<method>.json.gz`, relative to the
 * page), or the user's own file (.json or .json.gz). The bytes are sniffed for the gzip magic and decompressed here, so
 * a static host that already decoded the .gz (Content-Encoding) works as well as one that did not.
 *
 * Every failure (missing file, not gzip or JSON, another version, another method) lands in the replay store's `error`
 * and whatever is on screen stays. A replay never mixes with the method's own run: while that run is running or
 * paused, opening one is refused with the reason (Reset or finish the run first).
 */
import { parseRecording, RecordingError, type Recording } from '../core/method/recording';
import { DataError } from '../data/dataset';
import { isGzip, maybeGunzip } from '../data/gzip';
import type { MethodDescriptor } from '../methods/descriptor';
import { methodRunStore } from './methodRuns';
import { openReplay, replayError, replayStore, type ReplaySource } from './replay';

/** Largest decompressed recording accepted (a default-preset recording is a few MB). */
export const MAX_RECORDING_BYTES = 256 << 20;

/** Path of a method's shipped recording, relative to the page. */
export const shippedRecordingPath = (id: string): string => `recordings/${id}.json.gz`;

/** Why a replay cannot open now on method `m`'s screen (null: it can). */
export function replayBlockedReason(m: MethodDescriptor, state = methodRunStore(m.id).getState().state): string | null {
  if (state === 'running' || state === 'paused' || state === 'diverged') {
    return `Your ${m.tab} search is ${state === 'running' ? 'running' : 'paused'}: a recording would draw into the same charts. Reset it (or let it finish) first, then open the recording.`;
  }
  return null;
}

function message(e: unknown): string {
  if (e instanceof RecordingError) return e.message;
  if (e instanceof DataError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Bytes of a recording file (gzipped or not) → the recording; throws with a message naming `name`. Only the bytes
 * decide: a `.json.gz` that a host or a browser already decoded is plain JSON and reads as such.
 */
export async function recordingFromBytes(name: string, bytes: Uint8Array, expectMethod: string): Promise<Recording> {
  const raw = isGzip(bytes) ? await maybeGunzip(name, bytes, MAX_RECORDING_BYTES) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new RecordingError(`${name} is not a recording: it is neither gzip nor UTF-8 text`);
  }
  return parseRecording(text, name, expectMethod);
}

/** Open `bytes` (from `source`) on `m`'s screen, or say why not (the replay on screen, if any, stays). True when opened. */
export async function openRecordingBytes(m: MethodDescriptor, bytes: Uint8Array, source: ReplaySource): Promise<boolean> {
  const blocked = replayBlockedReason(m);
  if (blocked) {
    replayError(m.id, blocked);
    return false;
  }
  let rec: Recording;
  try {
    rec = await recordingFromBytes(source.name, bytes, m.id);
  } catch (e) {
    replayError(m.id, message(e));
    return false;
  }
  // The run may have started while the file was read.
  const late = replayBlockedReason(m);
  if (late) {
    replayError(m.id, late);
    return false;
  }
  openReplay(m, rec, source);
  return true;
}

const loading = new Set<string>();

/** Whether the shipped recording of `id` is being fetched. */
export const isLoadingShipped = (id: string): boolean => loading.has(id);

/** Fetch and open the recording shipped for `m` (relative to `base`, the page's base URL). True when opened. */
export async function openShippedRecording(m: MethodDescriptor, base: string = document.baseURI, fetcher: typeof fetch = fetch): Promise<boolean> {
  const blocked = replayBlockedReason(m);
  if (blocked) {
    replayError(m.id, blocked);
    return false;
  }
  if (loading.has(m.id)) return false;
  loading.add(m.id);
  replayStore(m.id).setState({ loading: true });
  const path = shippedRecordingPath(m.id);
  try {
    let res: Response;
    try {
      res = await fetcher(new URL(path, base).href);
    } catch (e) {
      replayError(m.id, `The recorded ${m.tab} run could not be downloaded (${message(e)}).`);
      return false;
    }
    if (!res.ok) {
      replayError(
        m.id,
        res.status === 404 ? `No recorded ${m.tab} run ships with this build (${path} is missing).` : `The recorded ${m.tab} run could not be downloaded: ${path} answered ${res.status} ${res.statusText}.`,
      );
      return false;
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    return await openRecordingBytes(m, bytes, { kind: 'shipped', name: path });
  } finally {
    loading.delete(m.id);
    replayStore(m.id).setState({ loading: false });
  }
}

/** Open a recording file the user chose (.json or .json.gz). True when opened. */
export async function openRecordingFile(m: MethodDescriptor, file: File): Promise<boolean> {
  const blocked = replayBlockedReason(m);
  if (blocked) {
    replayError(m.id, blocked);
    return false;
  }
  if (file.size > MAX_RECORDING_BYTES) {
    replayError(m.id, `${file.name} is ${(file.size / 1e6).toFixed(0)} MB, larger than a recording can be (${MAX_RECORDING_BYTES >> 20} MB).`);
    return false;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    replayError(m.id, `${file.name} could not be read: ${message(e)}`);
    return false;
  }
  return openRecordingBytes(m, bytes, { kind: 'file', name: file.name });
}
