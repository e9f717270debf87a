/**
 * A recorded run (pure): the snapshot stream a method's live view draws, frame by frame, with what the view needs
 * before the first frame (the RunStart), the config it ran with, where it was made (machine, backend, date, command)
 * and, when it finished, its ResultRecord. The CLI writes one with `search … --record FILE` (gzip when FILE ends in
 * .gz); the app plays it through the same charts as a live run and can record a live run itself.
 *
 * Snapshots hold typed arrays; JSON cannot, so each typed array becomes `{"$typed": "Float32Array", "b64": "…"}`
 * (its bytes, little-endian, base64): decoding gives back the very same values, so a replay equals the live run.
 *
 * `parseRecording` reads untrusted text: something that is not JSON, not a recording, from a newer version, for
 * another method or with a malformed frame is refused with a message naming the file and what is wrong.
 */
import { z } from 'zod';
import { firstIssue, plainWords } from '../schemaIssues';
import type { ResultRecord } from './resultRecord';
import type { RunStart } from './runStart';

export const RECORDING_FORMAT = 'nas-playground.recording';
export const RECORDING_VERSION = 1;

/** Where and how a recording was made (the banner: "recorded on <machine, backend, date>"). */
export interface RecordingMade {
  /** Plain words: "2-core AMD EPYC VM, Node 20" or the browser's adapter. */
  machine: string;
  backend: string;
  adapter: string | null;
  tfjsVersion: string;
  /** ISO date-time the run started. */
  date: string;
  /** The command line (CLI) or the app URL that ran it. */
  command: string;
  /** 'cli' or 'app'. */
  by: 'cli' | 'app';
}

/** One snapshot as the live view received it. */
export interface RecordingFrame {
  /** Units of work done when it was taken (the run's `done`). */
  step: number;
  epoch: number;
  /** Milliseconds since the run started. */
  ms: number;
  /** The method's snapshot (decoded: typed arrays are typed arrays again). */
  snap: unknown;
}

export interface Recording {
  format: typeof RECORDING_FORMAT;
  version: number;
  /** Method id (`atomnas`…). */
  method: string;
  /** Preset the settings started from, when known. */
  preset: string | null;
  config: Record<string, unknown>;
  started: RunStart;
  made: RecordingMade;
  frames: RecordingFrame[];
  /** The finished run's record (null: the recording stops before the end). */
  record: ResultRecord | null;
}

export class RecordingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingError';
  }
}

type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array | Uint16Array | Int16Array | Uint32Array | Int8Array;
const TYPED = { Float32Array, Float64Array, Int32Array, Uint8Array, Uint16Array, Int16Array, Uint32Array, Int8Array } as const;
type TypedName = keyof typeof TYPED;

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function unbase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A plain-JSON copy of `v` with every typed array encoded (non-finite numbers as strings "NaN", "Infinity"…). */
export function encodeValue(v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const name = v.constructor.name as TypedName;
    if (!(name in TYPED)) throw new RecordingError(`cannot record a ${name}`);
    const t = v as TypedArray;
    return { $typed: name, b64: base64(new Uint8Array(t.buffer, t.byteOffset, t.byteLength)) };
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $num: String(v) };
  if (Array.isArray(v)) return v.map(encodeValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = encodeValue(x);
    return out;
  }
  return v;
}

/** The inverse of `encodeValue`; `where` names the place in the file for messages. */
export function decodeValue(v: unknown, where: string): unknown {
  if (Array.isArray(v)) return v.map((x, i) => decodeValue(x, `${where}[${i}]`));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ('$typed' in o) {
    const name = o.$typed as TypedName;
    if (typeof name !== 'string' || !(name in TYPED) || typeof o.b64 !== 'string') throw new RecordingError(`${where}: not a valid typed array`);
    let bytes: Uint8Array;
    try {
      bytes = unbase64(o.b64);
    } catch {
      throw new RecordingError(`${where}: the ${name} data is not base64`);
    }
    const Ctor = TYPED[name];
    if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0) throw new RecordingError(`${where}: ${bytes.length} bytes is not a whole number of ${name} elements`);
    return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length / Ctor.BYTES_PER_ELEMENT);
  }
  if ('$num' in o && Object.keys(o).length === 1) {
    const n = Number(o.$num);
    if (!['NaN', 'Infinity', '-Infinity'].includes(String(o.$num))) throw new RecordingError(`${where}: not a number: ${String(o.$num).slice(0, 40)}`);
    return n;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = decodeValue(x, `${where}.${k}`);
  return out;
}

/** A recording as JSON text (frames encoded). */
export function recordingText(r: Recording): string {
  return JSON.stringify({ ...r, frames: r.frames.map((f) => ({ ...f, snap: encodeValue(f.snap) })), record: r.record === null ? null : encodeValue(r.record) });
}

const envelope = z.object({
  format: z.literal(RECORDING_FORMAT, { error: `not a playground recording (its "format" is not "${RECORDING_FORMAT}")` }),
  version: z.number().int().min(1),
});

const body = z.object({
  method: z.string().min(1).max(40),
  preset: z.string().max(40).nullable(),
  config: z.record(z.string(), z.unknown()),
  started: z.looseObject({
    totalSteps: z.number().int().min(0),
    stepsPerEpoch: z.number().min(0),
    totalEpochs: z.number().min(0),
    summary: z.string(),
    info: z.record(z.string(), z.unknown()),
  }),
  made: z.object({
    machine: z.string().max(300),
    backend: z.string().max(60),
    adapter: z.string().max(300).nullable(),
    tfjsVersion: z.string().max(40),
    date: z.string().max(40),
    command: z.string().max(4000),
    by: z.enum(['cli', 'app']),
  }),
  frames: z
    .array(z.object({ step: z.number().int().min(0), epoch: z.number().min(0), ms: z.number().min(0), snap: z.unknown() }))
    .min(1, { error: 'has no frames' })
    .max(100_000),
  record: z.unknown(),
});

/**
 * Read a recording. `name` (the file name) starts every message; `expectMethod` refuses a recording of another
 * method (e.g. an AutoSpace-style file opened on the AtomNAS screen).
 */
export function parseRecording(text: string, name: string, expectMethod?: string): Recording {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RecordingError(`${name} is not a recording: it is not JSON`);
  }
  const env = envelope.safeParse(json, { error: plainWords });
  if (!env.success) {
    const { path, problem } = firstIssue(env.error, json);
    throw new RecordingError(`${name} is not a usable recording: ${path ? `${path}: ` : ''}${problem}`);
  }
  if (env.data.version > RECORDING_VERSION) {
    throw new RecordingError(`${name} is a recording of version ${env.data.version}, newer than this playground reads (${RECORDING_VERSION}); update the playground or record it again`);
  }
  const parsed = body.safeParse(json, { error: plainWords });
  if (!parsed.success) {
    const { path, problem } = firstIssue(parsed.error, json);
    throw new RecordingError(`${name} is not a usable recording: ${path ? `${path}: ` : ''}${problem}`);
  }
  const b = parsed.data;
  if (expectMethod !== undefined && b.method !== expectMethod) {
    throw new RecordingError(`${name} is a recording of "${b.method}", not of "${expectMethod}": open it on that method's screen`);
  }
  let last = -1;
  const frames = b.frames.map((f, i) => {
    if (f.step < last) throw new RecordingError(`${name}: frames[${i}] goes back in time (step ${f.step} after ${last})`);
    last = f.step;
    return { ...f, snap: decodeValue(f.snap, `${name}: frames[${i}].snap`) };
  });
  const record = b.record === null || b.record === undefined ? null : (decodeValue(b.record, `${name}: record`) as ResultRecord);
  return {
    format: RECORDING_FORMAT,
    version: env.data.version,
    method: b.method,
    preset: b.preset,
    config: b.config,
    started: b.started as unknown as RunStart,
    made: b.made,
    frames,
    record,
  };
}
