/**
 * Settings kept in the URL hash (TensorFlow-Playground style), so a configuration can be shared as a link.
 *
 * Nothing is declared here: the keys come from the settings groups (core/trainSettings.ts and each method's
 * descriptor), so adding a method adds its keys. The hash carries `v` (schema version), the screen and dataset, and
 * for each group its preset (when not the first) plus every value that differs from that preset:
 * `#v=2&screen=atomnas&apreset=default&arho=0.05`.
 *
 * Version 2 reads absent values from the chosen preset; version 1 links (absent = the old URL default) are migrated
 * by each group's `legacyDefaults`, so an old link keeps its meaning.
 *
 * `rec=1` on a screen that can play a recorded run (`UrlModel.replayScreens`) opens that screen on its shipped
 * recording, so a link can say "watch the recorded AtomNAS run".
 */
import { shortRaw } from './settings/fields';
import { groupToUrl, parseGroup, presetConfig, urlKeys, type SettingsGroup } from './settings/group';

/** Current schema version written as `v`. Bump it when a key's meaning changes, not when keys are added. */
export const HASH_VERSION = 2;

/** What a link can hold: the screens and the settings groups of this build. */
export interface UrlModel {
  /** Every screen a link can name; the first is the one a link without `screen=` shows (Train, as links always did). */
  screens: readonly string[];
  /**
   * The screen an empty link (`/`, no hash at all) shows, e.g. a landing page. Its hash is empty while nothing else
   * differs from the defaults. Absent: an empty link shows the first screen too.
   */
  home?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- groups of many config types
  groups: readonly SettingsGroup<any>[];
  /**
   * Other names a link may use for a screen, e.g. its tab's label (`screen=latency` for `profiler`). They are read,
   * never written: links this build makes keep the ids. Absent: none.
   */
  aliases?: Readonly<Record<string, string>>;
  /** Screens a link can open on their recorded run (`rec=1`). Absent: none. */
  replayScreens?: readonly string[];
  /** Screens with a guided lesson (`lesson=1&step=K`), and its number of steps. Absent: none. */
  lessons?: Readonly<Record<string, number>>;
}

export type DatasetChoice = 'mnist' | 'custom';

/** Everything a link holds. */
export interface AppSettings {
  screen: string;
  dataset: DatasetChoice;
  /** Group id → its config. */
  configs: Record<string, Record<string, unknown>>;
  /** The screen shows its recorded run (`rec=1`; only on a replay screen). Absent: it does not. */
  replay?: boolean;
  /** The screen's guided lesson is open at this step (1-based; `lesson=1&step=K`). Absent: no lesson. */
  lesson?: number;
  /** Teacher mode (`teacher=1`): advanced controls hidden for a class. Absent: off. */
  teacher?: boolean;
  /** The backend the user pinned (`backend=webgpu|webgl|cpu`). Absent (or `backend=auto`): chosen for the device. */
  backend?: 'webgpu' | 'webgl' | 'cpu';
}

const DATASETS: readonly DatasetChoice[] = ['mnist', 'custom'];
const BACKENDS = ['webgpu', 'webgl', 'cpu'] as const;
/** At most this many notices of one kind are listed one by one (a hostile link must not make a 3,000-line banner). */
const MAX_LISTED = 5;

/** Settings of a fresh page: the first screen, built-in data, every group's first preset. */
export function defaultSettings(model: UrlModel): AppSettings {
  return {
    screen: model.screens[0],
    dataset: 'mnist',
    configs: Object.fromEntries(model.groups.map((g) => [g.id, presetConfig(g) as Record<string, unknown>])),
  };
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** "3,000 unknown settings ignored: a, b, c, d, e, …" */
function collapse(what: string, items: string[]): string | null {
  if (items.length === 0) return null;
  const listed = items.slice(0, MAX_LISTED).map((k) => `"${shortRaw(k)}"`).join(', ');
  if (items.length === 1) return `${what} ${listed} ignored`;
  return `${items.length.toLocaleString('en')} ${what}s ignored: ${listed}${items.length > MAX_LISTED ? ', …' : ''}`;
}

/** `lesson=1&step=K` (a lesson's step, only on a screen with a lesson) and `teacher=1`, strictly: anything else gets a notice. */
function readLesson(raw: Map<string, string>, settings: AppSettings, model: UrlModel, notices: string[]): void {
  const teacher = raw.get('teacher')?.trim();
  if (teacher === '1') settings.teacher = true;
  else if (teacher !== undefined && teacher !== '0') notices.push(`teacher="${shortRaw(teacher)}" is not 1 (teacher mode) or 0; ignored`);
  const lesson = raw.get('lesson')?.trim();
  const step = raw.get('step')?.trim();
  if (lesson === undefined || lesson === '0') {
    if (step !== undefined) notices.push('step= without lesson=1 ignored');
    return;
  }
  if (lesson !== '1') {
    notices.push(`lesson="${shortRaw(lesson)}" is not 1 (open the lesson) or 0; ignored`);
    return;
  }
  const steps = model.lessons?.[settings.screen];
  if (steps === undefined) {
    notices.push(`lesson=1 ignored: the ${settings.screen} screen has no lesson`);
    return;
  }
  let k = 1;
  if (step !== undefined) {
    if (!/^[0-9]{1,4}$/.test(step) || Number(step) < 1) notices.push(`step="${shortRaw(step)}" is not a step number from 1 to ${steps}; starting at step 1`);
    else if (Number(step) > steps) {
      k = steps;
      notices.push(`step=${Number(step)} is past the lesson's last step; showing step ${steps}`);
    } else k = Number(step);
  }
  settings.lesson = k;
}

/**
 * Read settings from a location hash (`#v=2&epochs=10`, with or without `#`). Never throws: every value that cannot
 * be used as given is clamped or replaced, and a short human-readable notice says what happened.
 */
export function parseHash(hash: string, model: UrlModel): { settings: AppSettings; notices: string[] } {
  const notices: string[] = [];
  const raw = new Map<string, string>();
  const unknown: string[] = [];
  const undecodable: string[] = [];
  const repeated = new Set<string>();
  let version = HASH_VERSION;
  const known = new Set(['screen', 'dataset', 'backend', 'rec', 'lesson', 'step', 'teacher', ...model.groups.flatMap((g) => urlKeys(g))]);
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    if (key === null || value === null) {
      undecodable.push(part);
      continue;
    }
    if (key === 'v') {
      if (value === '1' || value === '2') version = Number(value);
      else notices.push(`v=${shortRaw(value)} is not a supported settings version (this app reads v=1 and v=${HASH_VERSION}); reading the rest as v=${HASH_VERSION}`);
      continue;
    }
    if (!known.has(key)) {
      unknown.push(key);
      continue;
    }
    if (raw.has(key)) repeated.add(key);
    raw.set(key, value);
  }
  for (const k of repeated) notices.push(`${k} appears more than once; using the last value`);
  const settings = defaultSettings(model);
  if (body.trim() === '' && model.home !== undefined && model.screens.includes(model.home)) settings.screen = model.home;
  const screen = raw.get('screen');
  if (screen !== undefined) {
    const named = screen.trim().toLowerCase();
    const s = Object.hasOwn(model.aliases ?? {}, named) ? model.aliases![named] : named;
    if (model.screens.includes(s)) settings.screen = s;
    else notices.push(`screen="${shortRaw(screen)}" is not one of ${model.screens.join(', ')}; showing ${settings.screen}`);
  }
  const dataset = raw.get('dataset');
  if (dataset !== undefined) {
    const d = dataset.trim().toLowerCase() as DatasetChoice;
    if (DATASETS.includes(d)) settings.dataset = d;
    else notices.push(`dataset="${shortRaw(dataset)}" is not one of ${DATASETS.join(', ')}; using mnist`);
  }
  const backend = raw.get('backend');
  if (backend !== undefined) {
    const b = backend.trim().toLowerCase();
    if ((BACKENDS as readonly string[]).includes(b)) settings.backend = b as (typeof BACKENDS)[number];
    else if (b !== 'auto') notices.push(`backend="${shortRaw(backend)}" is not one of auto, ${BACKENDS.join(', ')}; choosing automatically`);
  }
  const rec = raw.get('rec');
  if (rec !== undefined) {
    const r = rec.trim();
    if (r !== '1' && r !== '0') notices.push(`rec="${shortRaw(rec)}" is not 1 (show the recorded run) or 0; ignored`);
    else if (!(model.replayScreens ?? []).includes(settings.screen)) {
      if (r === '1') notices.push(`rec=1 ignored: the ${settings.screen} screen has no recorded run`);
    } else if (r === '1') settings.replay = true;
  }
  readLesson(raw, settings, model, notices);
  for (const g of model.groups) settings.configs[g.id] = parseGroup(g, raw, version < 2, notices) as Record<string, unknown>;
  const u = collapse('unknown setting', unknown);
  if (u) notices.push(u);
  const bad = collapse('undecodable part', undecodable);
  if (bad) notices.push(bad);
  return { settings, notices };
}

/**
 * Hash body (no leading `#`): `v`, then the screen, the dataset and each group's non-preset values. The home screen
 * with nothing else to say is the empty hash (a bare `/`).
 */
export function toHash(settings: AppSettings, model: UrlModel): string {
  const parts = [`v=${HASH_VERSION}`];
  const screenPart = settings.screen !== model.screens[0] ? `screen=${encodeURIComponent(settings.screen)}` : null;
  if (settings.dataset !== 'mnist') parts.push(`dataset=${settings.dataset}`);
  if (settings.backend) parts.push(`backend=${settings.backend}`);
  for (const g of model.groups) {
    const c = settings.configs[g.id];
    if (!c) continue;
    for (const [k, v] of groupToUrl(g, c)) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  }
  if (settings.lesson !== undefined && model.lessons?.[settings.screen] !== undefined) parts.push('lesson=1', `step=${settings.lesson}`);
  if (settings.teacher) parts.push('teacher=1');
  if (settings.screen === model.home && parts.length === 1) return '';
  if (settings.replay && (model.replayScreens ?? []).includes(settings.screen)) parts.splice(1, 0, 'rec=1');
  if (screenPart) parts.splice(1, 0, screenPart);
  return parts.join('&');
}
