/**
 * Settings kept in the URL hash (TensorFlow-Playground style), so a configuration can be shared as a link.
 *
 * The schema is one declarative list, `URL_SETTINGS`; the `Settings` type is derived from it, so adding a setting for
 * a new method is one line here. The hash carries `v` (schema version) plus every value that differs from its default:
 * `#v=1&epochs=10&opt=adam`.
 */

/** Current schema version written as `v`. Bump it when a key's meaning changes, not when keys are added. */
export const HASH_VERSION = 1;

/** A numeric setting, clamped to [min, max]. */
export interface NumberSetting<K extends string = string> {
  kind: 'number';
  key: K;
  label: string;
  default: number;
  min: number;
  max: number;
  integer: boolean;
}

/** A setting that takes one of a fixed list of string values. */
export interface ChoiceSetting<K extends string = string, V extends string = string> {
  kind: 'choice';
  key: K;
  label: string;
  default: V;
  values: readonly V[];
}

/** Any entry of the settings list. */
export type SettingDef = NumberSetting | ChoiceSetting;

function num<K extends string>(key: K, label: string, def: number, min: number, max: number, integer = false): NumberSetting<K> {
  return { kind: 'number', key, label, default: def, min, max, integer };
}

function choice<K extends string, const V extends string>(key: K, label: string, values: readonly V[], def: V): ChoiceSetting<K, V> {
  return { kind: 'choice', key, label, default: def, values };
}

/** Every URL-hash setting, in the order `toHash` writes them. Append new ones here. */
export const URL_SETTINGS = [
  choice('screen', 'Screen', ['train', 'atomnas', 'profiler', 'padnas'], 'train'),
  choice('dataset', 'Dataset', ['mnist', 'custom'], 'mnist'),
  num('width', 'Width multiplier', 1, 0.25, 2),
  num('epochs', 'Epochs', 5, 1, 50, true),
  num('batch', 'Batch size', 64, 8, 512, true),
  num('lr', 'Learning rate', 0.05, 1e-5, 1),
  choice('opt', 'Optimizer', ['sgd', 'rmsprop', 'adam'], 'sgd'),
  choice('sched', 'LR schedule', ['cosine', 'exponential', 'constant'], 'cosine'),
  num('seed', 'Seed', 1, 0, 2 ** 31 - 1, true),
  num('ls', 'Label smoothing', 0.1, 0, 0.5),
  num('wd', 'Weight decay', 4e-5, 0, 0.1),
  // Train screen quick-demo flags (were app-level extras parsed beside this list; same keys, same meaning).
  num('tiny', 'Tiny network (stem stride 2)', 0, 0, 1, true),
  num('limit', 'Train subset', 0, 0, 1_000_000, true),
  // AtomNAS screen (defaults = the tiny preset, core/atomnasSettings.ts; a test keeps them in sync).
  choice('apreset', 'AtomNAS preset', ['tiny', 'default'], 'tiny'),
  choice('ak', 'AtomNAS kernel sizes', ['3-5-7', '3-5', '3-7', '5-7', '3', '5', '7'], '3-5-7'),
  num('ae', 'AtomNAS expansion per kernel', 3, 1, 6, true),
  num('aep', 'AtomNAS epochs', 2, 1, 100, true),
  num('alimit', 'AtomNAS training examples (0 = all)', 1280, 0, 1_000_000, true),
  num('alr', 'AtomNAS learning rate', 0.1, 1e-4, 1),
  choice('aopt', 'AtomNAS optimizer', ['sgd', 'rmsprop'], 'sgd'),
  num('aseed', 'AtomNAS seed', 1, 0, 2 ** 31 - 1, true),
  num('arho', 'AtomNAS ρ', 0.05, 1e-6, 1),
  choice('apen', 'AtomNAS penalty', ['macs', 'uniform', 'latency'], 'macs'),
  choice('amode', 'AtomNAS ρ mode', ['rho', 'target'], 'rho'),
  num('atgt', 'AtomNAS MACs target (millions)', 0.6, 0.01, 100),
  num('athr', 'AtomNAS γ threshold', 1e-3, 1e-6, 0.1),
  num('afrac', 'AtomNAS shrink threshold (fraction of supernet MACs)', 0.005, 0, 0.5),
  num('aevery', 'AtomNAS shrink check every N steps (0 = each epoch)', 5, 0, 100_000, true),
  num('aema', 'AtomNAS EMA decay (0 = off)', 0.7, 0, 0.9999),
  choice('aprox', 'AtomNAS proximal step', ['on', 'off'], 'on'),
  // PAD-NAS screen (defaults = the tiny preset, core/padnas/settings.ts; a test keeps them in sync; ranges = the form's).
  choice('ppreset', 'PAD-NAS preset', ['tiny', 'default'], 'tiny'),
  choice('pops', 'PAD-NAS candidate ops', ['all', 'k35', 'k3', 'e3'], 'all'),
  num('pst', 'PAD-NAS stages M', 3, 3, 6, true),
  num('ppop', 'PAD-NAS population', 8, 4, 64, true),
  num('pgen', 'PAD-NAS generations per search', 2, 0, 40, true),
  num('pk', 'PAD-NAS voters: rank < k', 2, 1, 20, true),
  num('pshare', 'PAD-NAS prune at share ≤ (fraction)', 0.05, 0, 0.5),
  num('pwlo', 'PAD-NAS latency window from (0–1)', 0.1, 0, 0.95),
  num('pwhi', 'PAD-NAS latency window to (0–1)', 0.7, 0.05, 1),
  choice('pbn', 'PAD-NAS BN re-estimation per candidate', ['on', 'off'], 'on'),
  num('pseed', 'PAD-NAS seed', 1, 0, 2 ** 31 - 1, true),
  num('psep', 'PAD-NAS supernet epochs', 2, 1, 50, true),
  num('pfep', 'PAD-NAS fine-tune epochs per prune', 1, 0, 20, true),
  num('prank', 'PAD-NAS ranking architectures', 8, 2, 16, true),
  num('prsteps', 'PAD-NAS stand-alone steps each', 20, 1, 500, true),
  num('pfinal', 'PAD-NAS final training epochs', 2, 1, 50, true),
  num('plimit', 'PAD-NAS training examples (0 = all)', 960, 0, 1_000_000, true),
  num('plr', 'PAD-NAS learning rate', 0.1, 1e-4, 1),
] as const;

type Defs = (typeof URL_SETTINGS)[number];

/** The typed settings object derived from `URL_SETTINGS`. */
export type Settings = {
  -readonly [D in Defs as D['key']]: D extends ChoiceSetting<string, infer V> ? V : number;
};

/** Key of any setting. */
export type SettingKey = keyof Settings;

const BY_KEY: ReadonlyMap<string, SettingDef> = new Map(URL_SETTINGS.map((d) => [d.key, d as SettingDef]));

/** A fresh settings object holding every default. */
export function defaultSettings(): Settings {
  return Object.fromEntries(URL_SETTINGS.map((d) => [d.key, d.default])) as Settings;
}

/** Round to 6 significant digits so slider noise (0.30000000000000004) does not leak into links. */
function tidy(v: number): number {
  return Number(v.toPrecision(6));
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Parse one raw value against its definition, pushing a notice for anything not taken as given. */
function parseValue(def: SettingDef, raw: string, notices: string[]): number | string {
  if (def.kind === 'choice') {
    const v = raw.trim().toLowerCase();
    if (def.values.includes(v)) return v;
    notices.push(`${def.key}="${raw}" is not one of ${def.values.join(', ')}; using the default ${def.default}`);
    return def.default;
  }
  // Number('') is 0, so empty strings must be rejected explicitly.
  let v = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v)) {
    notices.push(`${def.key}="${raw}" is not a number; using the default ${def.default}`);
    return def.default;
  }
  if (def.integer && !Number.isInteger(v)) {
    v = Math.round(v);
    notices.push(`${def.key}=${raw} is not a whole number; using ${v}`);
  }
  if (v > def.max) {
    notices.push(`${def.key}=${raw} is above the maximum ${def.max}; using ${def.max}`);
    return def.max;
  }
  if (v < def.min) {
    notices.push(`${def.key}=${raw} is below the minimum ${def.min}; using ${def.min}`);
    return def.min;
  }
  return v;
}

/**
 * Read settings from a location hash (`#v=1&epochs=10`, with or without `#`). Never throws: every value that cannot be
 * used as given is clamped or replaced by its default, and a human-readable notice says what happened.
 */
export function parseHash(hash: string): { settings: Settings; notices: string[] } {
  const settings = defaultSettings() as Record<string, number | string>;
  const notices: string[] = [];
  const seen = new Set<string>();
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const raw = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    if (key === null || raw === null) {
      notices.push(`could not decode "${part}"; ignored`);
      continue;
    }
    if (seen.has(key)) notices.push(`${key} appears more than once; using the last value`);
    seen.add(key);
    if (key === 'v') {
      if (raw !== String(HASH_VERSION)) {
        notices.push(`v=${raw} is not a supported settings version (this app reads v=${HASH_VERSION}); reading the rest as v=${HASH_VERSION}`);
      }
      continue;
    }
    const def = BY_KEY.get(key);
    if (!def) {
      notices.push(`unknown setting "${key}" ignored`);
      continue;
    }
    settings[key] = parseValue(def, raw, notices);
  }
  return { settings: settings as Settings, notices };
}

/** Hash body (no leading `#`) holding `v` plus every value that differs from its default. */
export function toHash(settings: Partial<Settings>): string {
  const parts = [`v=${HASH_VERSION}`];
  const values = settings as Partial<Record<string, number | string>>;
  for (const def of URL_SETTINGS as readonly SettingDef[]) {
    const v = values[def.key];
    if (v === undefined) continue;
    const out = typeof v === 'number' ? tidy(v) : v;
    if (out === def.default) continue;
    parts.push(`${encodeURIComponent(def.key)}=${encodeURIComponent(String(out))}`);
  }
  return parts.join('&');
}
