/**
 * Runs that differ only in their seed, summarised together (Compare's "Over seeds" table): the same method, dataset and
 * split, and every setting but the seed equal. A NAS result is a spread over seeds, not one number; this is that spread
 * for whatever the user (or the reference runs) repeated. Pure.
 */
import type { SavedRun } from './savedRun';

/** Mean, sample standard deviation (0 for one value) and range. */
export interface Spread {
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export interface SeedGroup {
  /** What the runs share: method, dataset and split, settings without the seed (stable JSON). */
  key: string;
  method: string;
  /** The record's label ("PAD-NAS (progressive …)"). */
  label: string;
  /** What sets the group apart within its method: the preset, or for a run without one its width and epochs ("×1.2 · 5 epochs"). */
  variant: string;
  /** Label and variant ("Train · ×1.2 · 5 epochs"). */
  title: string;
  /** The runs' ids, in seed order. */
  ids: string[];
  /** Their seeds, ascending (null for a record without one). */
  seeds: (number | null)[];
  test: Spread;
  macs: Spread;
  params: Spread;
}

/** JSON with object keys sorted, so that equal settings give equal text whatever their order. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function spread(xs: readonly number[]): Spread {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

function variantOf(settings: Record<string, unknown>): string {
  if (typeof settings.preset === 'string') return settings.preset;
  const parts: string[] = [];
  if (typeof settings.width === 'number') parts.push(`×${settings.width}`);
  if (typeof settings.epochs === 'number') parts.push(`${settings.epochs} epoch${settings.epochs === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/**
 * The groups of at least `minRuns` (default 2) finished runs with a test accuracy that share everything but the seed,
 * best mean test accuracy first.
 */
export function seedGroups(runs: readonly SavedRun[], minRuns = 2): SeedGroup[] {
  const byKey = new Map<string, { method: string; label: string; variant: string; runs: { id: string; seed: number | null; test: number; macs: number; params: number }[] }>();
  for (const r of runs) {
    const rec = r.record;
    if (r.status !== 'finished' || !rec || rec.testAccuracy === null) continue;
    const { seed, ...rest } = rec.card.settings;
    const d = rec.card.dataset;
    const s = rec.card.split;
    const key = stableJson({ method: rec.method, dataset: [d.name, d.n, d.shape, d.classes], split: [s.seed, s.train, s.val, s.test], settings: rest });
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { method: rec.method, label: rec.label, variant: variantOf(rec.card.settings), runs: [] }));
    const ownSeed = typeof seed === 'number' ? seed : rec.card.seed;
    g.runs.push({ id: r.id, seed: Number.isFinite(ownSeed) ? ownSeed : null, test: rec.testAccuracy, macs: rec.macs, params: rec.params });
  }
  const out: SeedGroup[] = [];
  for (const [key, g] of byKey) {
    if (g.runs.length < minRuns) continue;
    const rs = [...g.runs].sort((a, b) => (a.seed ?? Infinity) - (b.seed ?? Infinity));
    out.push({
      key,
      method: g.method,
      label: g.label,
      variant: g.variant,
      title: g.variant ? `${g.label} · ${g.variant}` : g.label,
      ids: rs.map((r) => r.id),
      seeds: rs.map((r) => r.seed),
      test: spread(rs.map((r) => r.test)),
      macs: spread(rs.map((r) => r.macs)),
      params: spread(rs.map((r) => r.params)),
    });
  }
  return out.sort((a, b) => b.test.mean - a.test.mean);
}
