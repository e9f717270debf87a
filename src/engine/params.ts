/**
 * ParamStore: every variable of a network, keyed by a stable, human-readable name (`L3.expand.w`, see README.md).
 *
 * Why not tf.LayersModel weights: NAS methods change which variables exist while training (AtomNAS slices channels,
 * single-path methods train a subset), so the rest of the engine (optimizer slots, BN statistics, export) addresses
 * variables by name, never by position.
 */
import * as tf from '@tensorflow/tfjs';

/** What a variable is; decides weight decay, trainability and how export maps it. */
export type ParamRole = 'weight' | 'bn-gamma' | 'bn-beta' | 'bn-mean' | 'bn-var' | 'dense-bias';

/** One stored variable. */
export interface ParamEntry {
  name: string;
  role: ParamRole;
  /** False for BN running statistics: updated by the trainer, never by gradients. */
  trainable: boolean;
  variable: tf.Variable;
}

/** Host copy of one variable, for export and persistence. */
export interface ParamSnapshot {
  shape: number[];
  role: ParamRole;
  data: Float32Array;
}

/** Running statistics are the only non-trainable roles. */
export function isTrainableRole(role: ParamRole): boolean {
  return role !== 'bn-mean' && role !== 'bn-var';
}

let nextStoreId = 0;

/** Named, role-tagged tf.Variables of one network. */
export class ParamStore {
  private readonly entries = new Map<string, ParamEntry>();
  /** tfjs registers variables globally by name, so two live networks need distinct tfjs names for `L0.w`. */
  private readonly tfPrefix = `ps${nextStoreId++}/`;

  /** Number of variables. */
  get size(): number {
    return this.entries.size;
  }

  /** Create variable `name` holding a copy of `value` (the caller keeps ownership of `value`). */
  add(name: string, role: ParamRole, value: tf.Tensor): tf.Variable {
    if (this.entries.has(name)) throw new Error(`ParamStore: variable "${name}" already exists`);
    if (value.dtype !== 'float32') throw new Error(`ParamStore: "${name}" must be float32, got ${value.dtype}`);
    const trainable = isTrainableRole(role);
    // tf.variable shares (and ref-counts) value's buffer: no copy, and the caller may dispose value.
    const variable = tf.variable(value, trainable, this.tfPrefix + name);
    this.entries.set(name, { name, role, trainable, variable });
    return variable;
  }

  /** True when `name` exists. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The variable `name`; throws when missing (a typo here would otherwise silently train nothing). */
  get(name: string): tf.Variable {
    return this.entry(name).variable;
  }

  /** The full entry (role, trainable flag, variable) of `name`. */
  entry(name: string): ParamEntry {
    const e = this.entries.get(name);
    if (!e) throw new Error(`ParamStore: no variable named "${name}"`);
    return e;
  }

  /** Overwrite the values of `name` in place; `value` must have the same shape (caller keeps ownership). */
  set(name: string, value: tf.Tensor): void {
    const v = this.get(name);
    if (!tf.util.arraysEqual(v.shape, value.shape)) {
      throw new Error(`ParamStore.set("${name}"): shape [${value.shape.join(',')}] ≠ [${v.shape.join(',')}]; use replace()`);
    }
    v.assign(value);
  }

  /**
   * Replace `name` by a new variable of any shape (same name and role): the old variable is disposed.
   * Used when AtomNAS slices channels away. Caller keeps ownership of `value`.
   */
  replace(name: string, value: tf.Tensor): tf.Variable {
    const old = this.entry(name);
    old.variable.dispose();
    this.entries.delete(name);
    return this.add(name, old.role, value);
  }

  /** Move variable `from` to the name `to` (e.g. branch `dw2` becomes `dw1` after `dw1` was removed). */
  rename(from: string, to: string): void {
    if (from === to) return;
    const old = this.entry(from);
    if (this.entries.has(to)) throw new Error(`ParamStore.rename: "${to}" already exists`);
    this.add(to, old.role, old.variable);
    old.variable.dispose();
    this.entries.delete(from);
  }

  /** Dispose and forget `name` (no-op when missing). */
  delete(name: string): void {
    const e = this.entries.get(name);
    if (!e) return;
    e.variable.dispose();
    this.entries.delete(name);
  }

  /** Names in insertion order, optionally filtered. */
  names(filter?: (e: ParamEntry) => boolean): string[] {
    const out: string[] = [];
    for (const e of this.entries.values()) if (!filter || filter(e)) out.push(e.name);
    return out;
  }

  /**
   * Keep a reference to the buffer every variable holds now; the returned function points each variable back at it
   * (engine/precompile: a compile-only step's assignments point at buffers nothing wrote). No copy, no program.
   */
  holdValues(): () => void {
    return holdVariables([...this.entries.values()].map((e) => e.variable));
  }

  /** Trainable variables keyed by name (optionally only those in `names`), as `tf.variableGrads` wants them. */
  trainableVariables(names?: Iterable<string>): tf.Variable[] {
    const list = names ? [...names].map((n) => this.entry(n)) : [...this.entries.values()];
    return list.filter((e) => e.trainable).map((e) => e.variable);
  }

  /** The store's name of a variable, given the variable or its tfjs name (the keys `tf.variableGrads` returns). */
  nameOf(variable: tf.Variable | string): string {
    const tfName = typeof variable === 'string' ? variable : variable.name;
    if (!tfName.startsWith(this.tfPrefix)) throw new Error(`ParamStore: variable ${tfName} is not from this store`);
    return tfName.slice(this.tfPrefix.length);
  }

  /** Total number of scalars, optionally filtered. */
  count(filter?: (e: ParamEntry) => boolean): number {
    let n = 0;
    for (const e of this.entries.values()) if (!filter || filter(e)) n += e.variable.size;
    return n;
  }

  /** Host copies of every variable (async: `dataSync` would stall WebGPU). */
  async snapshot(): Promise<Map<string, ParamSnapshot>> {
    const out = new Map<string, ParamSnapshot>();
    for (const e of this.entries.values()) {
      const data = (await e.variable.data()) as Float32Array;
      out.set(e.name, { shape: e.variable.shape.slice(), role: e.role, data: Float32Array.from(data) });
    }
    return out;
  }

  /**
   * Overwrite every variable with a saved snapshot (a checkpoint): the names, roles and shapes must be exactly this
   * store's (a plain-words RangeError otherwise, before anything is changed).
   */
  load(saved: ReadonlyMap<string, ParamSnapshot>): void {
    this.checkSnapshot(saved);
    for (const e of this.entries.values()) {
      const v = saved.get(e.name) as ParamSnapshot;
      tf.tidy(() => e.variable.assign(tf.tensor(v.data, v.shape, 'float32')));
    }
  }

  /** Throws the RangeError `load` would throw; changes nothing. */
  checkSnapshot(saved: ReadonlyMap<string, ParamSnapshot>): void {
    for (const e of this.entries.values()) {
      const v = saved.get(e.name);
      if (!v) throw new RangeError(`the checkpoint lacks variable "${e.name}"`);
      if (v.role !== e.role || v.shape.join('×') !== e.variable.shape.join('×') || v.data.length !== e.variable.size) {
        throw new RangeError(`checkpoint variable "${e.name}" is ${v.role} ${v.shape.join('×')}; the network's is ${e.role} ${e.variable.shape.join('×')}`);
      }
    }
    for (const name of saved.keys()) if (!this.entries.has(name)) throw new RangeError(`the checkpoint has variable "${name}", which this network does not have`);
  }

  /** Dispose every variable. The store is empty afterwards. */
  dispose(): void {
    for (const e of this.entries.values()) e.variable.dispose();
    this.entries.clear();
  }
}

/**
 * Keep a reference to each variable's current buffer (tf.clone shares it, ref-counted: no copy and no program on any
 * backend); the returned function assigns each still-live variable its held buffer back and frees the references.
 */
export function holdVariables(vars: tf.Variable[]): () => void {
  const held = vars.map((v) => [v, tf.clone(v)] as const);
  return () => {
    for (const [v, t] of held) {
      if (!v.isDisposed) v.assign(t);
      t.dispose();
    }
  };
}
