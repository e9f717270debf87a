/**
 * One declaration per setting: its config key, URL key, CLI flag, label, "?" text, range and (through the presets)
 * its default. The URL hash, the settings form and the CLI are all generated from these lists, so a setting has
 * exactly one range and one default everywhere (issue 11 §5).
 *
 * A field may show a value in other units than the config stores (`scale`: the config holds MACs, the URL, form and
 * CLI take millions), or a config value of another type (`codec`: kernels [3,5,7] ↔ "3-5-7"; `words`: a boolean
 * written as rho/target).
 */
import { z } from 'zod';

interface FieldBase<K extends string> {
  /** The config property this field sets. */
  key: K;
  /** Short label (form, notices). */
  label: string;
  /** Plain-words "?" text (form, CLI help takes its first sentence). */
  hint: string;
  /** URL hash key (kept stable across versions: old links must still load). */
  url: string;
  /** CLI flag name, without the dashes. */
  cli: string;
  /** Hidden behind "More settings" in the form. */
  advanced?: boolean;
  /** The form greys the field out when this says it has no effect (e.g. ρ in target mode). */
  enabledWhen?: (config: Record<string, unknown>) => boolean;
}

/** A number clamped to [min, max] (in shown units). */
export interface NumberField<K extends string = string> extends FieldBase<K> {
  kind: 'number';
  min: number;
  max: number;
  integer?: boolean;
  /** min itself is not allowed (e.g. ρ > 0). */
  minExclusive?: boolean;
  /** Shown value = config value × scale (default 1). */
  scale?: number;
  /** Step attribute of the number input ('any' for free values). */
  step?: string;
}

/** One of a fixed list of words; `codec` maps the word to and from the config value when they differ. */
export interface ChoiceField<K extends string = string> extends FieldBase<K> {
  kind: 'choice';
  values: readonly string[];
  codec?: { toConfig(word: string): unknown; fromConfig(v: unknown): string };
  /** Friendlier option texts in the form (the URL and CLI use the words). */
  labels?: Readonly<Record<string, string>>;
}

/** On/off; written as `words[1]` / `words[0]` in URLs (default on/off) and true/false on the CLI. */
export interface BooleanField<K extends string = string> extends FieldBase<K> {
  kind: 'boolean';
  words?: readonly [string, string];
}

export type Field<K extends string = string> = NumberField<K> | ChoiceField<K> | BooleanField<K>;

/** Every user-facing setting of a config type `C`, in form order. Config properties not listed are preset-only. */
export type FieldList<C> = readonly Field<Extract<keyof C, string>>[];

/** A numeric field. */
export function num<K extends string>(f: Omit<NumberField<K>, 'kind'>): NumberField<K> {
  return { kind: 'number', ...f };
}
/** A choice field. */
export function choice<K extends string>(f: Omit<ChoiceField<K>, 'kind'>): ChoiceField<K> {
  return { kind: 'choice', ...f };
}
/** A boolean field. */
export function bool<K extends string>(f: Omit<BooleanField<K>, 'kind'>): BooleanField<K> {
  return { kind: 'boolean', ...f };
}

/** Round to 6 significant digits so slider noise (0.30000000000000004) does not leak into links or configs. */
export function tidy(v: number): number {
  return Number(v.toPrecision(6));
}

/** "a number in (0, 1]", "an integer in [1, 50]", "one of a, b", "on or off". */
export function describeField(f: Field): string {
  if (f.kind === 'number') return `${f.integer ? 'an integer' : 'a number'} in ${f.minExclusive ? '(' : '['}${f.min}, ${f.max}]`;
  if (f.kind === 'choice') return `one of ${f.values.join(', ')}`;
  const [off, on] = f.words ?? ['off', 'on'];
  return `${on} or ${off}`;
}

/** The word (URL, form, CLI) for a config value of field `f`. */
export function toWord(f: Field, v: unknown): string {
  if (f.kind === 'number') return String(tidy(Number(v) * (f.scale ?? 1)));
  if (f.kind === 'choice') return f.codec ? f.codec.fromConfig(v) : String(v);
  const [off, on] = f.words ?? ['off', 'on'];
  return v ? on : off;
}

/** Shown number → config number. */
export function fromShown(f: NumberField, shown: number): number {
  return tidy(shown / (f.scale ?? 1));
}

/** Config number → shown number. */
export function toShown(f: NumberField, v: number): number {
  return tidy(v * (f.scale ?? 1));
}

export interface Parsed {
  /** The config value to use (null: keep the current value). */
  value: unknown;
  /** What was changed and why, in plain words (null: taken as given). */
  note: string | null;
}

/** Bound a long raw value for messages (issue 16: never echo 100 kB into a banner). */
export function shortRaw(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 37)}…` : raw;
}

/**
 * Read a raw word (URL value, form text) for field `f`, clamping numbers into range. Never throws: an unusable word
 * gives `value: null` and a note, a clamped one the clamped value and a note.
 */
export function parseLenient(f: Field, raw: string): Parsed {
  const r = shortRaw(raw);
  if (f.kind === 'choice') {
    const w = raw.trim().toLowerCase();
    const hit = f.values.find((v) => v.toLowerCase() === w);
    if (hit === undefined) return { value: null, note: `${f.url}="${r}" is not one of ${f.values.join(', ')}` };
    return { value: f.codec ? f.codec.toConfig(hit) : hit, note: null };
  }
  if (f.kind === 'boolean') {
    const [off, on] = f.words ?? ['off', 'on'];
    const w = raw.trim().toLowerCase();
    if (w === on || w === 'true' || w === '1') return { value: true, note: null };
    if (w === off || w === 'false' || w === '0') return { value: false, note: null };
    return { value: null, note: `${f.url}="${r}" is not ${on} or ${off}` };
  }
  // Number('') is 0, so empty strings are rejected explicitly.
  let v = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v)) return { value: null, note: `${f.url}="${r}" is not a number` };
  let note: string | null = null;
  if (f.integer && !Number.isInteger(v)) {
    v = Math.round(v);
    note = `${f.url}=${r} is not a whole number; using ${v}`;
  }
  if (v > f.max) return { value: fromShown(f, f.max), note: `${f.url}=${r} is above the maximum ${f.max}; using ${f.max}` };
  if (v < f.min || (f.minExclusive && v === f.min)) {
    return { value: fromShown(f, f.min), note: `${f.url}=${r} is below the minimum ${f.min}; using ${f.min}` };
  }
  return { value: fromShown(f, v), note };
}

/**
 * Read a raw word strictly (CLI): the config value, or a message naming what is accepted. Numbers must be plain
 * literals (Number(' 3') is 3, Number('') is 0: neither is accepted).
 */
export function parseStrict(f: Field, raw: string): { value: unknown } | { error: string } {
  const bad = { error: `must be ${describeField(f)}, got '${shortRaw(raw)}'` };
  if (f.kind === 'number') {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return bad;
    const v = Number(raw);
    if (!Number.isFinite(v) || (f.integer && !Number.isInteger(v))) return bad;
    if (v > f.max || v < f.min || (f.minExclusive && v === f.min)) return bad;
    return { value: fromShown(f, v) };
  }
  if (f.kind === 'boolean') {
    const [off, on] = f.words ?? ['off', 'on'];
    if (raw === 'true' || raw === '1' || raw === on) return { value: true };
    if (raw === 'false' || raw === '0' || raw === off) return { value: false };
    return { error: `must be true or false, got '${shortRaw(raw)}'` };
  }
  if (!f.values.includes(raw)) return bad;
  return { value: f.codec ? f.codec.toConfig(raw) : raw };
}

/** The zod schema of one field's config value (ranges in config units). */
function fieldSchema(f: Field): z.ZodType {
  if (f.kind === 'boolean') return z.boolean();
  if (f.kind === 'choice') {
    if (!f.codec) return z.enum(f.values as [string, ...string[]]);
    const codec = f.codec;
    return z.unknown().refine((v) => {
      try {
        return f.values.includes(codec.fromConfig(v));
      } catch {
        return false;
      }
    }, `must be ${describeField(f)}`);
  }
  const s = f.scale ?? 1;
  let n = z.number().refine(Number.isFinite, 'must be a finite number');
  n = n.refine((v) => tidy(v * s) <= f.max, `must be at most ${f.max}${s !== 1 ? ` (×${s})` : ''}`);
  n = n.refine((v) => (f.minExclusive ? tidy(v * s) > f.min : tidy(v * s) >= f.min), `must be ${f.minExclusive ? 'above' : 'at least'} ${f.min}`);
  if (f.integer) n = n.refine((v) => Number.isInteger(tidy(v * s)), 'must be a whole number');
  return n;
}

/**
 * The zod schema of a whole config: every listed field in range, other properties passed through unchecked (they come
 * from a preset). Used where a config crosses a trust boundary (worker request, saved run, CLI JSON).
 */
export function configSchema(fields: readonly Field[]): z.ZodType<Record<string, unknown>> {
  return z.looseObject(Object.fromEntries(fields.map((f) => [f.key, fieldSchema(f)])));
}

/** Check a config against its fields; the error names the field (`rho: must be at most 1`). */
export function checkConfig<C>(fields: FieldList<C>, value: unknown, what: string): C {
  const r = configSchema(fields).safeParse(value);
  if (r.success) return r.data as C;
  const lines = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
  throw new Error(`${what} has bad settings: ${lines.join('; ')}`);
}
