/**
 * Seeded, splittable pseudo-random numbers.
 *
 * Every consumer draws from its own named stream (`rngStream(seed, 'data')`, `'init'`, `'sample'`, `'evolve'`…), so adding
 * a draw in one place (say, one more weight initialiser) never shifts the numbers another place sees (the data order).
 * Generator: mulberry32 (32-bit state, period 2^32) seeded by mixing the user seed with a hash of the stream name.
 */

/** A deterministic random source. All methods advance the stream except `fork`. */
export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, n). `n` must be a positive integer ≤ 2^32. */
  int(n: number): number;
  /** Standard normal sample (mean 0, variance 1), Box–Muller. */
  normal(): number;
  /** Fisher–Yates shuffle of `arr` in place; returns the same array. */
  shuffle<T>(arr: T[]): T[];
  /** Independent child stream named `name`; depends only on this stream's seed and name, not on how far it has been drawn. */
  fork(name: string): Rng;
  /** The 32-bit key this stream was seeded with (for logging / reproducing). */
  readonly key: number;
  /** Where the stream stands (plain data: a checkpoint stores it; `restoreRng` continues from it). */
  save(): RngState;
}

/** A stream's position: its key, its 32-bit state and the spare normal sample Box–Muller keeps. */
export interface RngState {
  key: number;
  state: number;
  spare: number | null;
}

const TWO_POW_32 = 4294967296;

/** 32-bit finaliser (murmur3 fmix32): spreads every input bit over every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a hash of the UTF-16 code units of `s`, finalised with fmix32. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Combine a parent key and a stream name into a child key. */
function deriveKey(parent: number, name: string): number {
  // Mix the parent through fmix32 before combining so that (seed, name) pairs such as (1,'a') and (0,'b') cannot collide
  // through simple XOR cancellation.
  return fmix32((fmix32(parent ^ 0x9e3779b9) + Math.imul(hashString(name), 0x27d4eb2f)) >>> 0);
}

class Mulberry32 implements Rng {
  private state: number;
  private spare: number | null = null;

  constructor(readonly key: number) {
    this.state = key >>> 0;
  }

  save(): RngState {
    return { key: this.key, state: this.state, spare: this.spare };
  }

  /** Continue from a saved position. */
  static from(s: RngState): Mulberry32 {
    const r = new Mulberry32(s.key >>> 0);
    r.state = s.state >>> 0;
    r.spare = s.spare;
    return r;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  }

  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > TWO_POW_32) {
      throw new RangeError(`Rng.int: n must be a positive integer ≤ 2^32, got ${n}`);
    }
    // floor(u·n) has a bias of at most n / 2^32, negligible for the array sizes used here (≤ a few million).
    return Math.floor(this.next() * n);
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    // 1 − next() lies in (0, 1], so the log is finite.
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  shuffle<T>(arr: T[]): T[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = arr[i];
      arr[i] = arr[j];
      arr[j] = tmp;
    }
    return arr;
  }

  fork(name: string): Rng {
    return new Mulberry32(deriveKey(this.key, name));
  }
}

/**
 * The random stream `name` for a run seeded with `seed` (any finite number; non-integers are truncated to 32 bits).
 * Conventional names: 'data' (batch order), 'init' (weights), 'sample' (path sampling), 'evolve' (NSGA-II / mutation),
 * 'split' (train/val/test split).
 */
export function rngStream(seed: number, name: string): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`rngStream: seed must be a finite number, got ${seed}`);
  return new Mulberry32(deriveKey(seed >>> 0, name));
}

/** The stream a checkpoint saved, continuing exactly where it stood (throws on a state that is not one). */
export function restoreRng(s: RngState): Rng {
  const u32 = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < TWO_POW_32;
  if (!u32(s.key) || !u32(s.state) || !(s.spare === null || Number.isFinite(s.spare))) {
    throw new RangeError(`not a saved random stream: ${JSON.stringify(s).slice(0, 80)}`);
  }
  return Mulberry32.from(s);
}
