/**
 * A settings group: the fields of one screen's config (Train, or one NAS method) plus its named presets. The first
 * preset is the default. The URL hash, the form and the CLI read a group; nothing declares a setting a second time.
 */
import { checkConfig, parseLenient, shortRaw, toWord, type Field, type FieldList } from './fields';

export interface SettingsGroup<C extends object = Record<string, unknown>> {
  /** 'train' or a method id. */
  id: string;
  /** Shown in notices ("AtomNAS: …"). */
  label: string;
  /** Named full configs; the first is the default. */
  presets: Readonly<Record<string, Readonly<C>>>;
  /** URL key of the preset choice (null: presets are only buttons, nothing in the URL). */
  presetUrl: string | null;
  /** CLI flag of the preset choice (null: no --preset). */
  presetCli: string | null;
  /** The config property that records the preset's name (if any). */
  presetKey?: Extract<keyof C, string>;
  fields: FieldList<C>;
  /**
   * Links of schema version 1 left out values equal to that version's URL defaults; a v1 link is read as if those
   * values had been written (so an old link keeps its meaning when a default changes).
   */
  legacyDefaults?: (presetName: string) => Partial<C>;
  /** Problems between fields that per-field ranges cannot see (min above max…), in plain words. */
  crossCheck?: (c: C) => string[];
}

/** The name of the default (first) preset. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function defaultPresetName(g: SettingsGroup<any>): string {
  return Object.keys(g.presets)[0];
}

/** A deep-enough copy of a preset (arrays copied, so editing a config never edits the preset). */
export function presetConfig<C extends object>(g: SettingsGroup<C>, name = defaultPresetName(g)): C {
  const p = g.presets[name] ?? g.presets[defaultPresetName(g)];
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Array.isArray(v) ? [...(v as unknown[])] : v])) as C;
}

/** Field by URL key. */
export function fieldByUrl<C extends object>(g: SettingsGroup<C>, url: string): Field | undefined {
  return (g.fields as readonly Field[]).find((f) => f.url === url);
}

/** Every URL key this group reads (the preset key included). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function urlKeys(g: SettingsGroup<any>): string[] {
  return [...(g.presetUrl ? [g.presetUrl] : []), ...(g.fields as readonly Field[]).map((f) => f.url)];
}

/** The preset a config came from (its preset property), or the default. */
export function presetOf<C extends object>(g: SettingsGroup<C>, c: C): string {
  const name = g.presetKey ? String(c[g.presetKey]) : defaultPresetName(g);
  return name in g.presets ? name : defaultPresetName(g);
}

/**
 * Read a group's config from URL values (`raw`: URL key → raw value, only the keys present). Absent keys take the
 * chosen preset's value (v ≥ 2) or the v1 defaults (`legacy`). Never throws: each unusable value leaves a notice.
 */
export function parseGroup<C extends object>(g: SettingsGroup<C>, raw: ReadonlyMap<string, string>, legacy: boolean, notices: string[]): C {
  let preset = defaultPresetName(g);
  const rawPreset = g.presetUrl ? raw.get(g.presetUrl) : undefined;
  if (rawPreset !== undefined) {
    if (rawPreset in g.presets) preset = rawPreset;
    else notices.push(`${g.presetUrl}="${shortRaw(rawPreset)}" is not one of ${Object.keys(g.presets).join(', ')}; using ${preset}`);
  }
  const c = presetConfig(g, preset) as Record<string, unknown>;
  if (legacy && g.legacyDefaults) Object.assign(c, g.legacyDefaults(preset));
  for (const f of g.fields as readonly Field[]) {
    const r = raw.get(f.url);
    if (r === undefined) continue;
    const p = parseLenient(f, r);
    if (p.value !== null) c[f.key] = p.value;
    if (p.note) notices.push(p.value === null ? `${p.note}; using ${toWord(f, c[f.key])}` : p.note);
  }
  const out = c as C;
  if (g.crossCheck) for (const line of g.crossCheck(out)) notices.push(`${g.label}: ${line}`);
  return out;
}

/** URL entries of a config: the preset (when not the default) and every field that differs from that preset. */
export function groupToUrl<C extends object>(g: SettingsGroup<C>, c: C): [string, string][] {
  const preset = presetOf(g, c);
  const base = g.presets[preset] as Record<string, unknown>;
  const out: [string, string][] = [];
  if (g.presetUrl && preset !== defaultPresetName(g)) out.push([g.presetUrl, preset]);
  for (const f of g.fields as readonly Field[]) {
    const w = toWord(f, (c as Record<string, unknown>)[f.key]);
    if (w !== toWord(f, base[f.key])) out.push([f.url, w]);
  }
  return out;
}

/** Check a config that crossed a trust boundary (worker request, saved run): fields in range, cross-checks pass. */
export function validateConfig<C extends object>(g: SettingsGroup<C>, value: unknown): C {
  const c = checkConfig(g.fields, value, g.label);
  const problems = g.crossCheck?.(c) ?? [];
  if (problems.length) throw new Error(`${g.label}: ${problems.join('; ')}`);
  return c;
}
