/**
 * App-level URL flags that are not (yet) in core/urlState's `URL_SETTINGS`: the quick "tiny" preset used by demos and
 * the end-to-end tests. Same format and same rules as the core list (clamp with a notice, never silently).
 * They are split off the hash before core's `parseHash` sees it, so it does not call them unknown.
 */
import type { NumberSetting } from '../core/urlState';

export const URL_EXTRAS = [
  { kind: 'number', key: 'tiny', label: 'Tiny network (stem stride 2)', default: 0, min: 0, max: 1, integer: true },
  { kind: 'number', key: 'limit', label: 'Train subset', default: 0, min: 0, max: 1_000_000, integer: true },
] as const satisfies readonly NumberSetting[];

export type ExtraKey = (typeof URL_EXTRAS)[number]['key'];
export type Extras = Record<ExtraKey, number>;

const KEYS = new Set<string>(URL_EXTRAS.map((d) => d.key));

export function defaultExtras(): Extras {
  return Object.fromEntries(URL_EXTRAS.map((d) => [d.key, d.default])) as Extras;
}

/** Split `a=1&tiny=1&b=2` into the core part and the extras part (both without `#`). */
export function splitHash(hash: string): { core: string; extras: string[] } {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const core: string[] = [];
  const extras: string[] = [];
  for (const part of body.split('&')) {
    if (!part) continue;
    const key = part.split('=')[0];
    (KEYS.has(key) ? extras : core).push(part);
  }
  return { core: core.join('&'), extras };
}

/** Parse the extras' `key=value` parts, clamping with a notice like core/urlState does. */
export function parseExtras(parts: string[]): { extras: Extras; notices: string[] } {
  const extras = defaultExtras();
  const notices: string[] = [];
  for (const part of parts) {
    const [key, raw = ''] = part.split('=');
    const def = URL_EXTRAS.find((d) => d.key === key);
    if (!def) continue;
    let v = raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(v)) {
      notices.push(`${key}="${raw}" is not a number; using the default ${def.default}`);
      continue;
    }
    if (def.integer && !Number.isInteger(v)) {
      v = Math.round(v);
      notices.push(`${key}=${raw} is not a whole number; using ${v}`);
    }
    if (v > def.max) notices.push(`${key}=${raw} is above the maximum ${def.max}; using ${def.max}`);
    if (v < def.min) notices.push(`${key}=${raw} is below the minimum ${def.min}; using ${def.min}`);
    extras[def.key] = Math.min(def.max, Math.max(def.min, v));
  }
  return { extras, notices };
}

/** `&tiny=1&limit=512` for the non-default extras ('' when all are default). */
export function extrasToHash(extras: Partial<Extras>): string {
  return URL_EXTRAS.filter((d) => extras[d.key] !== undefined && extras[d.key] !== d.default)
    .map((d) => `&${d.key}=${extras[d.key]}`)
    .join('');
}
