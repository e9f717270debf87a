/**
 * An optimizer whose state is keyed by variable NAME (METHODS §5): tfjs's built-in optimizers keep state by position
 * in the gradient list, which silently misaligns as soon as the set of trained variables changes (single-path
 * training, K-of-N cells, AtomNAS shrinking). Here a variable absent from `grads` is left exactly untouched, and its
 * slots can be sliced with the same channel mask as the variable.
 */
import * as tf from '@tensorflow/tfjs';
import { holdVariables, type ParamStore } from './params';
import { constScalar, ScalarSlot, selectIf } from './scalars';

export type OptimizerKind = 'sgd' | 'rmsprop' | 'adam';

/** Hyper-parameters; defaults in brackets. */
export interface OptimizerConfig {
  kind: OptimizerKind;
  /** sgd: momentum μ [0.9]; rmsprop: momentum μ [0.9]. */
  momentum?: number;
  /** sgd: Nesterov momentum [false]. */
  nesterov?: boolean;
  /** rmsprop: decay ρ of the mean square [0.9]. */
  decay?: number;
  /** rmsprop: ε inside the sqrt [1e-3]; adam: ε outside the sqrt [1e-8]. */
  epsilon?: number;
  /** adam: β1 [0.9], β2 [0.999]. */
  beta1?: number;
  beta2?: number;
}

/** Slot variables of one variable, e.g. {momentum} or {ms, mom} or {m, v}. */
export type SlotMap = Record<string, tf.Variable>;

const SLOT_NAMES: Record<OptimizerKind, string[]> = { sgd: ['momentum'], rmsprop: ['ms', 'mom'], adam: ['m', 'v'] };

/** SGD-momentum / RMSprop / Adam with per-name, lazily created, sliceable state. */
/** A KeyedOptimizer's state on the host, keyed by variable name (KeyedOptimizer.saveState / loadState). */
export interface OptimizerState {
  kind: OptimizerKind;
  slots: Record<string, Record<string, { shape: number[]; data: Float32Array }>>;
  steps: Record<string, number>;
}

export class KeyedOptimizer {
  readonly config: Required<OptimizerConfig>;
  private readonly slots = new Map<string, SlotMap>();
  /** Per-variable update count (Adam's bias correction must count the steps *that variable* took). */
  private readonly steps = new Map<string, number>();
  /** The learning rate as a tensor, re-uploaded only when it changes (issue 15: no per-op scalar uploads). */
  private readonly lrSlot = new ScalarSlot();
  /** Adam: 1 − β1^t and 1 − β2^t per step count t in use (usually one t per call). */
  private readonly biasCorrections = new Map<number, [ScalarSlot, ScalarSlot]>();

  constructor(
    private readonly params: ParamStore,
    config: OptimizerConfig,
  ) {
    const isAdam = config.kind === 'adam';
    this.config = {
      kind: config.kind,
      momentum: config.momentum ?? 0.9,
      nesterov: config.nesterov ?? false,
      decay: config.decay ?? 0.9,
      epsilon: config.epsilon ?? (isAdam ? 1e-8 : 1e-3),
      beta1: config.beta1 ?? 0.9,
      beta2: config.beta2 ?? 0.999,
    };
  }

  private slotsFor(name: string, shape: number[]): SlotMap {
    let s = this.slots.get(name);
    if (!s) {
      s = {};
      for (const slot of SLOT_NAMES[this.config.kind]) {
        const z = tf.zeros(shape);
        s[slot] = tf.variable(z, false);
        z.dispose(); // the variable holds its own reference to the buffer
      }
      this.slots.set(name, s);
    }
    return s;
  }

  /**
   * One update with learning rate `lr` for exactly the variables named in `grads` (names of the ParamStore).
   * Does not dispose `grads`. With `ok` (a scalar bool tensor), every assignment is `ok ? new : old` on the device:
   * when `ok` is false nothing changes (NaN gradients included) and nothing had to be read back to know it; undo the
   * step counts with `rollbackStepCounts` then.
   */
  applyGradients(grads: Record<string, tf.Tensor>, lr: number, ok?: tf.Tensor): void {
    const c = this.config;
    const put = (v: tf.Variable, value: tf.Tensor): void => v.assign(ok ? selectIf(ok, value, v) : value);
    const k = constScalar;
    const lrT = this.lrSlot.set(lr);
    const usedT = new Set<number>();
    for (const [name, g] of Object.entries(grads)) {
      const w = this.params.get(name);
      if (!tf.util.arraysEqual(w.shape, g.shape)) {
        throw new Error(`KeyedOptimizer: gradient of "${name}" has shape [${g.shape.join(',')}], variable [${w.shape.join(',')}]`);
      }
      const s = this.slotsFor(name, w.shape);
      const t = (this.steps.get(name) ?? 0) + 1;
      this.steps.set(name, t);
      tf.tidy(() => {
        if (c.kind === 'sgd') {
          // PyTorch/TF form: buf ← μ·buf + g; w ← w − lr·buf (Nesterov: w ← w − lr·(g + μ·buf)).
          const buf = tf.add(tf.mul(s.momentum, k(c.momentum)), g);
          put(s.momentum, buf);
          const step = c.nesterov ? tf.add(g, tf.mul(buf, k(c.momentum))) : buf;
          put(w, tf.sub(w, tf.mul(step, lrT)));
        } else if (c.kind === 'rmsprop') {
          // TF-RMSprop / AtomNAS convention: ε INSIDE the sqrt and lr inside the momentum buffer:
          //   v ← ρv + (1−ρ)g²;  m ← μm + lr·g/√(v+ε);  w ← w − m.
          // A large ε (1e-3) bounds the per-step scale by lr·|g|/√ε for parameters with tiny gradients instead of
          // blowing them up like Adam's normalisation does (METHODS §1). Slots start at 0, as in the AtomNAS code.
          const ms = tf.add(tf.mul(s.ms, k(c.decay)), tf.mul(tf.square(g), k(1 - c.decay)));
          put(s.ms, ms);
          const mom = tf.add(tf.mul(s.mom, k(c.momentum)), tf.div(tf.mul(g, lrT), tf.sqrt(tf.add(ms, k(c.epsilon)))));
          put(s.mom, mom);
          put(w, tf.sub(w, mom));
        } else {
          // Adam with bias correction; ε outside the sqrt (Kingma & Ba).
          const m = tf.add(tf.mul(s.m, k(c.beta1)), tf.mul(g, k(1 - c.beta1)));
          const v = tf.add(tf.mul(s.v, k(c.beta2)), tf.mul(tf.square(g), k(1 - c.beta2)));
          put(s.m, m);
          put(s.v, v);
          const [bc1, bc2] = this.biasCorrection(t);
          usedT.add(t);
          const mHat = tf.div(m, bc1);
          const vHat = tf.div(v, bc2);
          put(w, tf.sub(w, tf.div(tf.mul(mHat, lrT), tf.add(tf.sqrt(vHat), k(c.epsilon)))));
        }
      });
    }
    // Step counts no variable is at any more: their tensors go (the count of kept tensors stays flat).
    for (const [t, slots] of this.biasCorrections) {
      if (!usedT.has(t)) {
        for (const sl of slots) sl.dispose();
        this.biasCorrections.delete(t);
      }
    }
  }

  /**
   * Remember the slots and step counts as they are now; the returned function restores them exactly: slots created
   * since are freed, existing ones point back at the buffers they held, step counts are put back (engine/precompile:
   * a compile-only step must leave the optimizer as it found it).
   */
  holdState(): () => void {
    const steps = new Map(this.steps);
    const before = new Map(this.slots);
    const restoreSlots = holdVariables([...before.values()].flatMap((s) => Object.values(s)));
    return () => {
      for (const [name, s] of this.slots) {
        if (before.get(name) !== s) for (const v of Object.values(s)) v.dispose();
      }
      this.slots.clear();
      for (const [name, s] of before) this.slots.set(name, s);
      restoreSlots();
      this.steps.clear();
      for (const [name, t] of steps) this.steps.set(name, t);
    };
  }

  /**
   * Undo the bookkeeping of an update that `ok` turned into a no-op: step counts (Adam's bias correction counts
   * them) and the slots created for it (all zeros: as if the variable had never been updated).
   */
  rollbackStepCounts(names: Iterable<string>): void {
    for (const n of names) {
      const t = (this.steps.get(n) ?? 0) - 1;
      if (t > 0) {
        this.steps.set(n, t);
        continue;
      }
      this.steps.delete(n);
      const s = this.slots.get(n);
      if (s) for (const v of Object.values(s)) v.dispose();
      this.slots.delete(n);
    }
  }

  /** Adam's 1 − β1^t and 1 − β2^t as tensors (kept across calls while some variable is at step t). */
  private biasCorrection(t: number): [tf.Scalar, tf.Scalar] {
    let slots = this.biasCorrections.get(t);
    if (!slots) {
      slots = [new ScalarSlot(), new ScalarSlot()];
      this.biasCorrections.set(t, slots);
    }
    const c = this.config;
    return [slots[0].set(1 - Math.pow(c.beta1, t)), slots[1].set(1 - Math.pow(c.beta2, t))];
  }

  /**
   * Keep only `keepIndices` along `axis` in every slot of `name` (the same mask AtomNAS applies to the variable).
   * No-op when the variable has no state yet.
   */
  sliceState(name: string, axis: number, keepIndices: number[]): void {
    const s = this.slots.get(name);
    if (!s) return;
    const idx = tf.tensor1d(keepIndices, 'int32');
    try {
      for (const slot of Object.keys(s)) {
        const sliced = tf.gather(s[slot], idx, axis);
        s[slot].dispose();
        s[slot] = tf.variable(sliced, false);
        sliced.dispose();
      }
    } finally {
      idx.dispose();
    }
  }

  /** Move the state of `from` to `to`, or drop it (`to` = null) when the variable was deleted. */
  renameOrDrop(from: string, to: string | null): void {
    const s = this.slots.get(from);
    const t = this.steps.get(from);
    this.slots.delete(from);
    this.steps.delete(from);
    if (!s) return;
    if (to === null) {
      for (const v of Object.values(s)) v.dispose();
      return;
    }
    const existing = this.slots.get(to);
    if (existing) for (const v of Object.values(existing)) v.dispose();
    this.slots.set(to, s);
    if (t !== undefined) this.steps.set(to, t);
  }

  /** The slots of `name` (undefined before its first update). For tests and inspection. */
  getState(name: string): SlotMap | undefined {
    return this.slots.get(name);
  }

  /** Number of updates `name` has received. */
  stepCount(name: string): number {
    return this.steps.get(name) ?? 0;
  }

  /** Names that have optimizer state. */
  stateNames(): string[] {
    return [...this.slots.keys()];
  }

  /** Host copies of every slot and step count, keyed by variable name (for a checkpoint; async: no stall on WebGPU). */
  async saveState(): Promise<OptimizerState> {
    const slots: OptimizerState['slots'] = {};
    for (const [name, s] of this.slots) {
      slots[name] = {};
      for (const [slot, v] of Object.entries(s)) slots[name][slot] = { shape: v.shape.slice(), data: Float32Array.from((await v.data()) as Float32Array) };
    }
    return { kind: this.config.kind, slots, steps: Object.fromEntries(this.steps) };
  }

  /**
   * Replace every slot and step count with a saved state. Each saved variable must exist in the store with the same
   * shape, and the optimizer kind must match (a plain-words RangeError otherwise; nothing is changed then).
   */
  loadState(s: OptimizerState): void {
    this.checkState(s);
    const want = SLOT_NAMES[this.config.kind];
    for (const x of this.slots.values()) for (const v of Object.values(x)) v.dispose();
    this.slots.clear();
    this.steps.clear();
    for (const [name, slots] of Object.entries(s.slots)) {
      const m: SlotMap = {};
      for (const slot of want) {
        const t = tf.tensor(slots[slot].data, slots[slot].shape, 'float32');
        m[slot] = tf.variable(t, false);
        t.dispose();
      }
      this.slots.set(name, m);
    }
    for (const [name, t] of Object.entries(s.steps)) this.steps.set(name, t);
  }

  /** Throws the RangeError `loadState` would throw; changes nothing. */
  checkState(s: OptimizerState): void {
    if (s.kind !== this.config.kind) throw new RangeError(`the checkpoint's optimizer is ${s.kind}; this run uses ${this.config.kind}`);
    const want = SLOT_NAMES[this.config.kind];
    for (const [name, slots] of Object.entries(s.slots)) {
      if (!this.params.has(name)) throw new RangeError(`the checkpoint has optimizer state for "${name}", which this network does not have`);
      const shape = this.params.get(name).shape;
      for (const slot of want) {
        const v = slots[slot];
        if (!v) throw new RangeError(`the checkpoint lacks the ${slot} slot of "${name}"`);
        const n = v.shape.reduce((a, b) => a * b, 1);
        if (v.shape.join('×') !== shape.join('×') || v.data.length !== n) {
          throw new RangeError(`optimizer state of "${name}" is ${v.shape.join('×')}; the variable is ${shape.join('×')}`);
        }
      }
    }
    for (const [name, t] of Object.entries(s.steps)) {
      if (!Number.isInteger(t) || t < 0) throw new RangeError(`the checkpoint's step count of "${name}" is ${t}`);
    }
  }

  /** Free every slot. */
  dispose(): void {
    for (const s of this.slots.values()) for (const v of Object.values(s)) v.dispose();
    this.slots.clear();
    this.steps.clear();
    this.lrSlot.dispose();
    for (const slots of this.biasCorrections.values()) for (const sl of slots) sl.dispose();
    this.biasCorrections.clear();
  }
}
