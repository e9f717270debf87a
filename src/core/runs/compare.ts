/**
 * The comparison table and scatter (issue 14 §2), pure: one row per saved run, sorting, filtering, the Pareto front of
 * test accuracy against a cost, and CSV. Latency measured on another device (imported runs) is never mixed with this
 * device's: the row's `measuredMs` is this device's only (an imported run measured here has one too, and is then
 * plotted on the latency axis), `otherDeviceMs` holds the figure the run came with apart. Predictions come from each
 * run's own record, or, when a stored profile is chosen, that profile prices every run's network again (imported runs
 * too), so that all of them are predicted for one device.
 */
import { predictLatency } from '../latency/predict';
import type { LatencyProfile } from '../latency/profileSchema';
import { paretoFront } from '../search/pareto';
import type { MeasuredLatency, SavedRun } from './savedRun';

export interface CompareRow {
  id: string;
  name: string;
  status: SavedRun['status'];
  method: string;
  label: string;
  dataset: string;
  seed: number | null;
  macs: number | null;
  params: number | null;
  valAccuracy: number | null;
  testAccuracy: number | null;
  /** The record's prediction (never the one an imported run came with), or the chosen profile's. */
  predictedMs: number | null;
  predictedProfile: string | null;
  /** With a profile chosen: why it could not price this run (the ops it has no entry for; empty: it has no predictor). */
  unpricedOps: string[] | null;
  /** Median end-to-end latency at batch 1 measured on this device. */
  measuredMs: number | null;
  measured: MeasuredLatency | null;
  /** Batch-1 latency measured on another device (imported runs only; never plotted with this device's). */
  otherDeviceMs: number | null;
  /** (measured − predicted) / measured, when both exist on this device. */
  predictionError: number | null;
  wallSeconds: number | null;
  backend: string;
  imported: string | null;
  parentId: string | null;
  date: string;
}

/** The latest measurement of batch 1 taken on `device` (or, with `not`, on any other device). */
function batch1(run: SavedRun, device: string, not = false): MeasuredLatency | null {
  const hits = run.measured.filter((m) => m.batch === 1 && (m.device === device) !== not);
  return hits.length ? hits.reduce((a, b) => (a.date >= b.date ? a : b)) : null;
}

/** A run's prediction: by `profile` when one is chosen, else its record's (none for a run from another device). */
function prediction(r: SavedRun, profile: LatencyProfile | null): { ms: number | null; profile: string | null; unpriced: string[] | null } {
  const rec = r.record;
  if (!profile || !rec) {
    const own = r.importedFrom ? null : rec?.latency; // an imported run's prediction was for another device
    return { ms: own?.ms ?? null, profile: own?.profileName ?? null, unpriced: null };
  }
  const p = predictLatency(rec.archSpec, profile);
  return Number.isFinite(p.ms) ? { ms: p.ms, profile: profile.name, unpriced: null } : { ms: null, profile: profile.name, unpriced: p.missing };
}

/**
 * Table rows; `device` is this device's label (measurements from other devices are not this device's); `profile`, when
 * given, predicts every run's latency in place of its record's prediction.
 */
export function compareRows(runs: readonly SavedRun[], device: string, profile: LatencyProfile | null = null): CompareRow[] {
  return runs.map((r) => {
    const rec = r.record;
    const mine = batch1(r, device);
    const other = r.importedFrom ? batch1(r, device, true) : null;
    const p = prediction(r, profile);
    const predicted = p.ms;
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      method: r.method,
      label: rec?.label ?? r.method,
      dataset: rec ? `${rec.card.dataset.name} (${rec.card.split.train}/${rec.card.split.val}/${rec.card.split.test})` : '–',
      seed: rec?.card.seed ?? null,
      macs: rec?.macs ?? null,
      params: rec?.params ?? null,
      valAccuracy: rec?.valAccuracy ?? null,
      testAccuracy: rec?.testAccuracy ?? null,
      predictedMs: predicted,
      predictedProfile: p.profile,
      unpricedOps: p.unpriced,
      measuredMs: mine?.medianMs ?? null,
      measured: mine,
      otherDeviceMs: other?.medianMs ?? null,
      predictionError: mine && predicted !== null ? (mine.medianMs - predicted) / mine.medianMs : null,
      wallSeconds: rec?.card.wallSeconds ?? null,
      backend: rec ? `${rec.card.backend} · ${rec.card.adapter}` : '–',
      imported: r.importedFrom ?? null,
      parentId: r.parentId ?? null,
      date: rec?.card.date ?? r.savedAt,
    };
  });
}

export type SortKey = Exclude<keyof CompareRow, 'measured' | 'unpricedOps'>;

/** Sort rows by a column; missing values always last. */
export function sortRows(rows: readonly CompareRow[], key: SortKey, dir: 'asc' | 'desc'): CompareRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y));
  });
}

/** Rows whose name, method, label or dataset contains `text` (case-insensitive), optionally of one method. */
export function filterRows(rows: readonly CompareRow[], text: string, method = ''): CompareRow[] {
  const t = text.trim().toLowerCase();
  return rows.filter(
    (r) => (!method || r.method === method) && (!t || [r.name, r.method, r.label, r.dataset].some((s) => s.toLowerCase().includes(t))),
  );
}

export type XAxis = 'latency' | 'macs' | 'params';

/** A scatter point: x is this device's measured latency, else its prediction (labelled), or MACs/params. */
export interface ScatterPoint {
  id: string;
  method: string;
  x: number;
  y: number;
  /** For latency: 'measured' or 'predicted'. */
  kind: 'measured' | 'predicted' | 'count';
}

/**
 * Points of the runs that have a test accuracy and the chosen x; on the latency axis an imported run only with a
 * measurement taken here or a prediction by a chosen profile (the latency it came with was for another device).
 */
export function scatterPoints(rows: readonly CompareRow[], axis: XAxis): ScatterPoint[] {
  const out: ScatterPoint[] = [];
  for (const r of rows) {
    if (r.testAccuracy === null || r.status !== 'finished') continue;
    if (axis === 'latency') {
      const x = r.measuredMs ?? r.predictedMs;
      if (x !== null) out.push({ id: r.id, method: r.method, x, y: r.testAccuracy, kind: r.measuredMs !== null ? 'measured' : 'predicted' });
    } else {
      const x = axis === 'macs' ? r.macs : r.params;
      if (x !== null) out.push({ id: r.id, method: r.method, x, y: r.testAccuracy, kind: 'count' });
    }
  }
  return out;
}

/** The Pareto front (max accuracy, min x), sorted by x. */
export function frontOf(points: readonly ScatterPoint[]): ScatterPoint[] {
  return paretoFront(points.map((p) => ({ p, objectives: [-p.y, p.x] }))).map((s) => s.p).sort((a, b) => a.x - b.x);
}

const CSV_COLUMNS: [string, (r: CompareRow) => unknown][] = [
  ['name', (r) => r.name],
  ['status', (r) => r.status],
  ['method', (r) => r.method],
  ['dataset', (r) => r.dataset],
  ['seed', (r) => r.seed],
  ['macs', (r) => r.macs],
  ['params', (r) => r.params],
  ['val_accuracy', (r) => r.valAccuracy],
  ['test_accuracy', (r) => r.testAccuracy],
  ['predicted_ms', (r) => r.predictedMs],
  ['predicted_profile', (r) => r.predictedProfile],
  ['measured_ms_batch1', (r) => r.measuredMs],
  ['measured_device', (r) => r.measured?.device],
  ['measured_date', (r) => r.measured?.date],
  ['prediction_error', (r) => r.predictionError],
  ['other_device_ms', (r) => r.otherDeviceMs],
  ['imported_from', (r) => r.imported],
  ['search_wall_s', (r) => r.wallSeconds],
  ['backend_adapter', (r) => r.backend],
  ['retrained_from', (r) => r.parentId],
  ['id', (r) => r.id],
];

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rows as CSV (header + one line per row). */
export function rowsToCsv(rows: readonly CompareRow[]): string {
  return [CSV_COLUMNS.map(([h]) => h).join(','), ...rows.map((r) => CSV_COLUMNS.map(([, f]) => cell(f(r))).join(','))].join('\n') + '\n';
}
