/**
 * The latency profile file: a versioned JSON document holding one device's lookup table, per-channel fits, end-to-end
 * measurements, fitted predictor and roofline (pure, no tfjs). `validateProfile` reads untrusted JSON (an imported
 * file, IndexedDB) and names the offending field path in every error.
 */

import type { ArchSpec, InputShape } from '../archspec';
import { ArchSpecError, validateArchSpec } from '../validateArchSpec';
import { parseLutKey } from './lutKeys';
import type { PredictionMetrics, PredictorName, PredictorReport } from './predictor';

export const PROFILE_FORMAT = 'nas-playground-latency-profile';
export const PROFILE_VERSION = 1;

/** What the device says about itself (LATENCY.md protocol step 1). */
export interface DeviceCard {
  backend: string;
  tfjsVersion: string;
  adapterVendor: string;
  adapterArchitecture: string;
  adapterDevice: string;
  adapterDescription: string;
  /** Software/fallback adapter (SwiftShader…): timings say nothing about a real GPU. */
  isFallbackAdapter: boolean;
  timestampQuery: boolean;
  crossOriginIsolated: boolean;
  /** Browser brands and versions (userAgentData), else the user-agent string. */
  browser: string;
  userAgent: string;
  hardwareConcurrency: number;
  /** tfjs-webgpu's thresholdToIncreaseWorkgroups on this adapter (dispatch estimate, see dispatches.ts). */
  workgroupThreshold: number;
}

/** One LUT entry: the op timed alone, K repeats per sample, n samples. */
export interface LutEntry {
  medianMs: number;
  madMs: number;
  /** Samples kept (samples spanning a visibility change are discarded). */
  samples: number;
  /** Repeats of the op per sample (calibrated so a sample lasts ≥ 5 ms). */
  repeats: number;
  /** First run: pipeline compilation + upload + run. */
  compileMs: number;
}

/** Branch latency ≈ slopeMs·hidden + interceptMs for one MB block shape and kernel (AtomNAS per-atom cost). */
export interface PerChannelFit {
  slopeMs: number;
  interceptMs: number;
  /** Hidden widths measured for the fit. */
  widths: number[];
  /** Skeleton slot (0-based) the shape belongs to, -1 if none. */
  slot: number;
}

export interface E2eEntry {
  name: string;
  family: 'supernet-path' | 'chain';
  /** 'none': not used by the predictor (an op of it was not measured, e.g. a cancelled run). */
  split: 'fit' | 'heldout' | 'none';
  spec: ArchSpec;
  measuredMs: number;
  madMs: number;
  predictedMs: number;
  sumLutMs: number;
  macs: number;
  /** Estimated dispatches (dispatches.ts). */
  dispatches: number;
  /** Dispatches counted in the browser during one inference; null when counting was not possible. */
  dispatchesCounted: number | null;
  /** Estimated memory traffic of one inference (roofline.ts). */
  bytes: number;
}

export interface Roofline {
  /** Peak measured matmul throughput, GFLOP/s (1 MAC = 2 FLOP). */
  matmulGflops: number;
  /** Measured elementwise-add bandwidth, GB/s (bytes read + written). */
  bandwidthGBs: number;
  matmulN: number;
  addElements: number;
}

export interface ProfileSettings {
  mode: 'full' | 'reduced';
  input: InputShape;
  numClasses: number;
  tiny: boolean;
  width: number;
  seed: number;
  /** Samples per LUT entry and per e2e network (n ≥ 21). */
  samples: number;
}

export interface LatencyProfile {
  format: typeof PROFILE_FORMAT;
  version: typeof PROFILE_VERSION;
  id: string;
  name: string;
  createdAt: string;
  durationMs: number;
  /** True when the run was cancelled: the profile holds what was measured before. */
  partial: boolean;
  settings: ProfileSettings;
  device: DeviceCard;
  lut: Record<string, LutEntry>;
  perChannel: Record<string, PerChannelFit>;
  e2e: E2eEntry[];
  /** Null when too few networks were measured to fit (a cancelled run). */
  predictor: { a: number; b: number; c: number; dropped: string[]; report: PredictorReport } | null;
  roofline: Roofline | null;
}

/** A problem in a profile file; `path` names the field, e.g. `lut["mb cin=8 …"].medianMs`. */
export class ProfileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'ProfileError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
function show(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 60));
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

/** `a.b`, or just `b` at the top level. */
const join = (path: string, k: string): string => (path ? `${path}.${k}` : k);

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new ProfileError(path, `expected an object, got ${show(v)}`);
  return v;
}
function strVal(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new ProfileError(path, `expected a string, got ${show(v)}`);
  return v;
}
function str(o: Obj, k: string, path: string): string {
  return strVal(o[k], join(path, k));
}
function bool(o: Obj, k: string, path: string): boolean {
  const v = o[k];
  if (typeof v !== 'boolean') throw new ProfileError(join(path, k), `expected true or false, got ${show(v)}`);
  return v;
}
interface NumOpts {
  min?: number;
  int?: boolean;
  /** Read JSON null (how JSON.stringify writes NaN) back as NaN. */
  nullAsNaN?: boolean;
}
/** A finite number (≥ min, integer when asked). */
function numVal(v: unknown, path: string, opts: NumOpts = {}): number {
  if (v === null && opts.nullAsNaN) return NaN;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ProfileError(path, `expected a number, got ${show(v)}`);
  if (opts.int && !Number.isInteger(v)) throw new ProfileError(path, `expected an integer, got ${v}`);
  if (opts.min !== undefined && v < opts.min) throw new ProfileError(path, `must be ≥ ${opts.min}, got ${v}`);
  return v;
}
function num(o: Obj, k: string, path: string, opts: NumOpts = {}): number {
  return numVal(o[k], join(path, k), opts);
}
function arr(o: Obj, k: string, path: string): unknown[] {
  const v = o[k];
  if (!Array.isArray(v)) throw new ProfileError(join(path, k), `expected an array, got ${show(v)}`);
  return v;
}
function oneOf<T extends string>(o: Obj, k: string, path: string, allowed: readonly T[]): T {
  const v = str(o, k, path);
  if (!(allowed as readonly string[]).includes(v)) throw new ProfileError(join(path, k), `expected one of ${allowed.join(', ')}, got ${show(v)}`);
  return v as T;
}

function readDevice(v: unknown, p: string): DeviceCard {
  const o = obj(v, p);
  return {
    backend: str(o, 'backend', p), tfjsVersion: str(o, 'tfjsVersion', p),
    adapterVendor: str(o, 'adapterVendor', p), adapterArchitecture: str(o, 'adapterArchitecture', p),
    adapterDevice: str(o, 'adapterDevice', p), adapterDescription: str(o, 'adapterDescription', p),
    isFallbackAdapter: bool(o, 'isFallbackAdapter', p), timestampQuery: bool(o, 'timestampQuery', p),
    crossOriginIsolated: bool(o, 'crossOriginIsolated', p), browser: str(o, 'browser', p), userAgent: str(o, 'userAgent', p),
    hardwareConcurrency: num(o, 'hardwareConcurrency', p, { min: 0, int: true }),
    workgroupThreshold: num(o, 'workgroupThreshold', p, { min: 1, int: true }),
  };
}

function readSettings(v: unknown, p: string): ProfileSettings {
  const o = obj(v, p);
  const io = obj(o.input, `${p}.input`);
  return {
    mode: oneOf(o, 'mode', p, ['full', 'reduced'] as const),
    input: { height: num(io, 'height', `${p}.input`, { min: 1, int: true }), width: num(io, 'width', `${p}.input`, { min: 1, int: true }), channels: num(io, 'channels', `${p}.input`, { min: 1, int: true }) },
    numClasses: num(o, 'numClasses', p, { min: 1, int: true }),
    tiny: bool(o, 'tiny', p),
    width: num(o, 'width', p, { min: 0 }),
    seed: num(o, 'seed', p, { int: true }),
    samples: num(o, 'samples', p, { min: 1, int: true }),
  };
}

function readLut(v: unknown, p: string): Record<string, LutEntry> {
  const o = obj(v, p);
  const out: Record<string, LutEntry> = {};
  for (const [key, e] of Object.entries(o)) {
    const ep = `${p}[${JSON.stringify(key)}]`;
    try {
      parseLutKey(key);
    } catch (err) {
      throw new ProfileError(ep, `not a LUT key (${(err as Error).message})`);
    }
    const eo = obj(e, ep);
    out[key] = {
      medianMs: num(eo, 'medianMs', ep, { min: 0 }), madMs: num(eo, 'madMs', ep, { min: 0 }),
      samples: num(eo, 'samples', ep, { min: 1, int: true }), repeats: num(eo, 'repeats', ep, { min: 1, int: true }),
      compileMs: num(eo, 'compileMs', ep, { min: 0 }),
    };
  }
  return out;
}

function readPerChannel(v: unknown, p: string): Record<string, PerChannelFit> {
  const out: Record<string, PerChannelFit> = {};
  for (const [key, e] of Object.entries(obj(v, p))) {
    const ep = `${p}[${JSON.stringify(key)}]`;
    if (!key.startsWith('mbch ')) throw new ProfileError(ep, 'per-channel keys start with "mbch "');
    const eo = obj(e, ep);
    out[key] = {
      slopeMs: num(eo, 'slopeMs', ep), interceptMs: num(eo, 'interceptMs', ep),
      widths: arr(eo, 'widths', ep).map((w, i) => numVal(w, `${ep}.widths[${i}]`, { min: 1, int: true })),
      slot: num(eo, 'slot', ep, { min: -1, int: true }),
    };
  }
  return out;
}

function readE2e(v: unknown, i: number, p: string): E2eEntry {
  const ep = `${p}[${i}]`;
  const o = obj(v, ep);
  let spec: ArchSpec;
  try {
    spec = validateArchSpec(o.spec);
  } catch (err) {
    if (err instanceof ArchSpecError) throw new ProfileError(`${ep}.spec.${err.path}`.replace(/\.$/, ''), err.problem);
    throw err;
  }
  const counted = o.dispatchesCounted;
  return {
    name: str(o, 'name', ep), family: oneOf(o, 'family', ep, ['supernet-path', 'chain'] as const),
    split: oneOf(o, 'split', ep, ['fit', 'heldout', 'none'] as const), spec,
    measuredMs: num(o, 'measuredMs', ep, { min: 0 }), madMs: num(o, 'madMs', ep, { min: 0 }),
    predictedMs: num(o, 'predictedMs', ep, { nullAsNaN: true }), sumLutMs: num(o, 'sumLutMs', ep, { nullAsNaN: true }),
    macs: num(o, 'macs', ep, { min: 0 }), dispatches: num(o, 'dispatches', ep, { min: 0, int: true }),
    dispatchesCounted: counted === null ? null : num(o, 'dispatchesCounted', ep, { min: 0, int: true }),
    bytes: num(o, 'bytes', ep, { min: 0 }),
  };
}

function readMetrics(v: unknown, p: string): PredictionMetrics {
  const o = obj(v, p);
  return {
    n: num(o, 'n', p, { min: 0, int: true }), within10: num(o, 'within10', p, { min: 0 }), rmspe: num(o, 'rmspe', p, { min: 0 }),
    spearman: num(o, 'spearman', p, { nullAsNaN: true }), kendall: num(o, 'kendall', p, { nullAsNaN: true }),
  };
}

function readPredictor(v: unknown, p: string): LatencyProfile['predictor'] {
  if (v === null) return null;
  const o = obj(v, p);
  const r = obj(o.report, `${p}.report`);
  const rp = `${p}.report`;
  const names: PredictorName[] = ['predictor', 'lutSum', 'macs', 'dispatches'];
  const report: PredictorReport = {
    nFit: num(r, 'nFit', rp, { min: 0, int: true }), nHeldOut: num(r, 'nHeldOut', rp, { min: 0, int: true }),
    rows: arr(r, 'rows', rp).map((row, i) => {
      const q = `${rp}.rows[${i}]`;
      const ro = obj(row, q);
      return { name: oneOf(ro, 'name', q, names), formula: str(ro, 'formula', q), fit: readMetrics(ro.fit, `${q}.fit`), heldOut: readMetrics(ro.heldOut, `${q}.heldOut`) };
    }),
  };
  return {
    a: num(o, 'a', p), b: num(o, 'b', p), c: num(o, 'c', p),
    dropped: arr(o, 'dropped', p).map((d, i) => strVal(d, `${p}.dropped[${i}]`)), report,
  };
}

function readRoofline(v: unknown, p: string): Roofline | null {
  if (v === null) return null;
  const o = obj(v, p);
  return {
    matmulGflops: num(o, 'matmulGflops', p, { min: 0 }), bandwidthGBs: num(o, 'bandwidthGBs', p, { min: 0 }),
    matmulN: num(o, 'matmulN', p, { min: 1, int: true }), addElements: num(o, 'addElements', p, { min: 1, int: true }),
  };
}

/**
 * Check untrusted JSON and return it as a LatencyProfile. Throws ProfileError: a file of another kind says so
 * ("not a latency profile"), a newer or older version says which versions this app reads, a bad field names its path.
 */
export function validateProfile(json: unknown): LatencyProfile {
  if (!isObj(json)) throw new ProfileError('', `not a latency profile: expected a JSON object, got ${show(json)}`);
  if (json.format !== PROFILE_FORMAT) {
    const hint = json.version !== undefined && Array.isArray(json.layers) ? ' (it looks like an ArchSpec)' : '';
    throw new ProfileError('format', `not a latency profile: expected format "${PROFILE_FORMAT}", got ${show(json.format)}${hint}`);
  }
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new ProfileError('version', `expected an integer version, got ${show(version)}`);
  if (version !== PROFILE_VERSION) {
    const why = version > PROFILE_VERSION ? 'was written by a newer version of the playground' : 'is an unknown older version';
    throw new ProfileError('version', `unsupported profile version ${version}: the file ${why}; this playground reads version ${PROFILE_VERSION}`);
  }
  const id = str(json, 'id', '');
  if (id.length === 0) throw new ProfileError('id', 'must not be empty');
  const createdAt = str(json, 'createdAt', '');
  if (Number.isNaN(Date.parse(createdAt))) throw new ProfileError('createdAt', `not a date: ${show(createdAt)}`);
  return {
    format: PROFILE_FORMAT, version: PROFILE_VERSION, id, name: str(json, 'name', ''), createdAt,
    durationMs: num(json, 'durationMs', '', { min: 0 }), partial: bool(json, 'partial', ''),
    settings: readSettings(json.settings, 'settings'), device: readDevice(json.device, 'device'),
    lut: readLut(json.lut, 'lut'), perChannel: readPerChannel(json.perChannel, 'perChannel'),
    e2e: arr(json, 'e2e', '').map((e, i) => readE2e(e, i, 'e2e')),
    predictor: readPredictor(json.predictor, 'predictor'), roofline: readRoofline(json.roofline, 'roofline'),
  };
}

/** Parse a profile file's text: JSON syntax errors and schema errors both become a ProfileError. */
export function parseProfileText(text: string): LatencyProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ProfileError('', `not a latency profile: the file is not valid JSON (${(err as Error).message})`);
  }
  return validateProfile(json);
}

/** The profile as pretty JSON text (NaN metrics become null, which `validateProfile` reads back as NaN). */
export function serializeProfile(p: LatencyProfile): string {
  return JSON.stringify(p, null, 1);
}
