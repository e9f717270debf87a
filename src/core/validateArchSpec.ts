/**
 * Structural validation of untrusted ArchSpec JSON (uploaded files, saved runs, method output).
 * Every error names the exact field path so a user can fix the file by hand.
 */

import {
  ARCHSPEC_VERSION,
  type ArchSpec,
  type InputShape,
  type LayerSpec,
  type MbBranch,
} from './archspec';

/** A problem in an ArchSpec; `path` is the offending field, e.g. `layers[3].branches[1].k`. */
export class ArchSpecError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ArchSpecError';
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

function fail(path: string, what: string, got: unknown): never {
  throw new ArchSpecError(path, `${what}, got ${show(got)}`);
}

/** `path.key`, or just `key` at the root. */
function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, 'must be an object', v);
  return v;
}

function posInt(o: Obj, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(at(path, key), 'must be an integer ≥ 1', v);
  return v;
}

function oddKernel(o: Obj, key: string, path: string): number {
  const v = o[key];
  // Even kernels have no centre tap, so "same" padding would shift the feature map by half a pixel.
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v % 2 === 0) {
    fail(at(path, key), 'must be an odd integer ≥ 1', v);
  }
  return v;
}

function bool(o: Obj, key: string, path: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') fail(at(path, key), 'must be true or false', v);
  return v;
}

function optionalBool(o: Obj, key: string, path: string): boolean | undefined {
  return o[key] === undefined ? undefined : bool(o, key, path);
}

function checkBranches(o: Obj, path: string): MbBranch[] {
  const v = o.branches;
  if (!Array.isArray(v) || v.length === 0) fail(`${path}.branches`, 'must be a non-empty array of {k, hidden}', v);
  const seen = new Set<number>();
  return v.map((b: unknown, j) => {
    const bp = `${path}.branches[${j}]`;
    const bo = obj(b, bp);
    const k = oddKernel(bo, 'k', bp);
    // One branch per kernel size: weights are keyed by k, so duplicates would alias.
    if (seen.has(k)) throw new ArchSpecError(`${bp}.k`, `kernel size ${k} appears in more than one branch`);
    seen.add(k);
    return { k, hidden: posInt(bo, 'hidden', bp) };
  });
}

/** Field-level check of one layer, returning a clean copy with only the known fields. */
function checkLayer(v: unknown, path: string): LayerSpec {
  const o = obj(v, path);
  switch (o.type) {
    case 'conv':
      return {
        type: 'conv',
        cin: posInt(o, 'cin', path),
        cout: posInt(o, 'cout', path),
        k: oddKernel(o, 'k', path),
        stride: posInt(o, 'stride', path),
        relu: bool(o, 'relu', path),
      };
    case 'mb': {
      const cin = posInt(o, 'cin', path);
      const cout = posInt(o, 'cout', path);
      const stride = posInt(o, 'stride', path);
      const branches = checkBranches(o, path);
      const residual = bool(o, 'residual', path);
      const expand = optionalBool(o, 'expand', path);
      if (residual && (stride !== 1 || cin !== cout)) {
        throw new ArchSpecError(`${path}.residual`, `needs stride 1 and cin == cout, got stride ${stride}, cin ${cin}, cout ${cout}`);
      }
      const hidden = branches.reduce((s, b) => s + b.hidden, 0);
      if (expand === false && hidden !== cin) {
        throw new ArchSpecError(`${path}.branches`, `with expand: false the hidden channels must sum to cin ${cin}, got ${hidden}`);
      }
      return { type: 'mb', cin, cout, stride, branches, residual, ...(expand === undefined ? {} : { expand }) };
    }
    case 'skip': {
      const cin = posInt(o, 'cin', path);
      const cout = posInt(o, 'cout', path);
      if (cin !== cout) throw new ArchSpecError(`${path}.cout`, `a skip (identity) layer needs cout == cin ${cin}, got ${cout}`);
      return { type: 'skip', cin, cout };
    }
    case 'sepconv':
    case 'chainconv':
      return {
        type: o.type,
        cin: posInt(o, 'cin', path),
        cout: posInt(o, 'cout', path),
        k: oddKernel(o, 'k', path),
        stride: posInt(o, 'stride', path),
      };
    case 'gap':
      return { type: 'gap' };
    case 'dense':
      return { type: 'dense', cin: posInt(o, 'cin', path), cout: posInt(o, 'cout', path) };
    default:
      return fail(`${path}.type`, "must be one of 'conv', 'mb', 'skip', 'sepconv', 'chainconv', 'gap', 'dense'", o.type);
  }
}

/** Channel chaining and ordering: spatial layers → gap → dense…, each cin equal to the previous output channels. */
function checkChain(layers: LayerSpec[], input: InputShape, numClasses: number): void {
  let channels = input.channels;
  let pooled = false;
  layers.forEach((l, i) => {
    const path = `layers[${i}]`;
    const from = i === 0 ? 'the input channels' : `layers[${i - 1}]'s output channels`;
    if (l.type === 'gap') {
      if (pooled) throw new ArchSpecError(path, 'a second gap: the features are already pooled');
      pooled = true;
      return;
    }
    if (l.type === 'dense') {
      if (!pooled) throw new ArchSpecError(path, 'dense needs a gap (global average pool) before it');
    } else if (pooled) {
      throw new ArchSpecError(`${path}.type`, `'${l.type}' needs a spatial input but comes after gap`);
    }
    if (l.cin !== channels) throw new ArchSpecError(`${path}.cin`, `must equal ${from} ${channels}, got ${l.cin}`);
    channels = l.cout;
  });
  const last = layers[layers.length - 1];
  if (last.type !== 'dense') {
    throw new ArchSpecError('layers', `must end with gap → dense (the classifier), but the last layer is '${last.type}'`);
  }
  if (last.cout !== numClasses) {
    throw new ArchSpecError(`layers[${layers.length - 1}].cout`, `the classifier must output numClasses ${numClasses}, got ${last.cout}`);
  }
}

function checkMeta(v: unknown): Record<string, string | number | boolean> | undefined {
  if (v === undefined) return undefined;
  const o = obj(v, 'meta');
  for (const [key, val] of Object.entries(o)) {
    if (typeof val !== 'string' && typeof val !== 'boolean' && !(typeof val === 'number' && Number.isFinite(val))) {
      fail(`meta.${key}`, 'must be a string, finite number or boolean', val);
    }
  }
  return { ...(o as Record<string, string | number | boolean>) };
}

/**
 * Check that `json` is a complete, consistent ArchSpec and return a clean typed copy (unknown fields dropped).
 * Throws `ArchSpecError` naming the first offending field, e.g. `layers[3].branches[1].k: must be an odd integer ≥ 1, got 4`.
 */
export function validateArchSpec(json: unknown): ArchSpec {
  const o = obj(json, 'spec');
  if (o.version !== ARCHSPEC_VERSION) fail('version', `must be ${ARCHSPEC_VERSION}`, o.version);
  if (typeof o.name !== 'string') fail('name', 'must be a string', o.name);
  const io = obj(o.input, 'input');
  const input: InputShape = {
    height: posInt(io, 'height', 'input'),
    width: posInt(io, 'width', 'input'),
    channels: posInt(io, 'channels', 'input'),
  };
  const numClasses = posInt(o, 'numClasses', '');
  if (!Array.isArray(o.layers) || o.layers.length === 0) fail('layers', 'must be a non-empty array', o.layers);
  const layers = o.layers.map((l: unknown, i) => checkLayer(l, `layers[${i}]`));
  checkChain(layers, input, numClasses);
  const meta = checkMeta(o.meta);
  return { version: ARCHSPEC_VERSION, name: o.name, input, numClasses, layers, ...(meta ? { meta } : {}) };
}
