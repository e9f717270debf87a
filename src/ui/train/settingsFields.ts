/**
 * Which settings the Train form shows, in order, with a plain-words explanation for each "?".
 * Ranges and labels come from the URL settings list (core/urlState) so the form and links agree.
 */
import { URL_SETTINGS, type SettingDef } from '../../core/urlState';
import type { AllSettings } from '../../state/slices/settingsSlice';

export type TrainFieldKey = 'width' | 'epochs' | 'batch' | 'lr' | 'opt' | 'sched' | 'seed' | 'ls' | 'wd' | 'tiny' | 'limit';

export const FIELD_HINTS: Record<TrainFieldKey, string> = {
  width:
    'Multiplies every layer’s channel count. 0.5 halves the channels (about a quarter of the MACs); 2 doubles them. ' +
    'Wider networks learn more but are slower.',
  epochs: 'How many passes over the training split. Validation accuracy is measured after each one.',
  batch: 'Images per training step. Larger batches give smoother gradients and use the GPU better, but fewer steps per epoch.',
  lr: 'Step size of each update (the peak value; the schedule changes it over time). Too high and the loss explodes to NaN; too low and nothing moves.',
  opt: 'SGD with momentum 0.9, RMSprop (as AtomNAS uses) or Adam. Adam forgives a poorly tuned learning rate; start it around 0.002.',
  sched: 'How the learning rate changes over the run: cosine decays smoothly to 0, exponential decays by a constant factor, constant keeps it fixed.',
  seed: 'Fixes the random initial weights and the order of the training data. Same seed and settings on the same backend reproduce a run.',
  ls: 'Label smoothing: trains towards 90% on the right class (at 0.1) instead of 100%, which tends to generalise better.',
  wd: 'Weight decay (L2): pulls weights towards zero each step to limit overfitting. Not applied to batch-norm scales and shifts.',
  tiny: 'Stride 2 in the first convolution: every later layer works on 14×14 instead of 28×28, so about 4× fewer MACs. For quick demos.',
  limit: 'Train on a random subset of N images of the training split (0 = all). Small values make quick demos; validation and test stay complete.',
};

export const FIELD_ORDER: readonly TrainFieldKey[] = ['width', 'epochs', 'batch', 'lr', 'opt', 'sched', 'seed', 'ls', 'wd', 'limit', 'tiny'];

/** The definition (range, label, choices) of a field. */
export function fieldDef(key: TrainFieldKey): SettingDef {
  const def = (URL_SETTINGS as readonly SettingDef[]).find((d) => d.key === key);
  if (!def) throw new Error(`no URL setting named ${key}`);
  return def;
}

/** Step attribute of a number input. */
export function stepFor(key: TrainFieldKey): string {
  if (key === 'width') return '0.25';
  if (key === 'ls') return '0.05';
  if (key === 'lr' || key === 'wd') return 'any';
  return '1';
}

/**
 * Clamp a typed number to its definition. Returns the value to store and, when it differs from what was typed,
 * a sentence saying what happened (shown next to the field: never adjust silently).
 */
export function clampField(key: TrainFieldKey, raw: string): { value: number | null; note: string | null } {
  const def = fieldDef(key);
  if (def.kind !== 'number') return { value: null, note: null };
  const v = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v)) return { value: null, note: `“${raw}” is not a number; kept ${def.label.toLowerCase()} unchanged` };
  let out = def.integer ? Math.round(v) : v;
  out = Math.min(def.max, Math.max(def.min, out));
  if (out === v) return { value: out, note: null };
  const why = v > def.max ? `the maximum is ${def.max}` : v < def.min ? `the minimum is ${def.min}` : 'it must be a whole number';
  return { value: out, note: `${raw} → ${out} (${why})` };
}

/** Settings the quick-demo preset sets: finishes in about a minute on a laptop GPU. */
export const QUICK_PRESET: Partial<AllSettings> = { width: 0.5, epochs: 3, batch: 32, lr: 0.05, opt: 'sgd', sched: 'cosine', tiny: 1, limit: 2000 };

/** The full recipe: every default. */
export function fullPreset(): Partial<AllSettings> {
  const out: Record<string, number | string> = {};
  for (const key of FIELD_ORDER) out[key] = fieldDef(key).default;
  return out;
}
