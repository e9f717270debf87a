/**
 * Why finished runs are missing from the Compare scatter, so that an empty or thin chart explains itself: on the
 * latency axis a run needs a latency measured here or predicted by a profile of this device (a run imported from
 * another device only by a profile chosen on the screen, and that profile may lack some of a network's ops); on every
 * axis a run needs a test accuracy.
 */
import { scatterPoints, type CompareRow, type ScatterPoint, type XAxis } from './compare';

export interface OffChart {
  /** Finished runs with a test accuracy but no latency for this device (measuring them here would place them). */
  noLatency: string[];
  /** Of those, the runs imported from another device (their own latency stays in the table). */
  imported: number;
  /** Finished runs without a test accuracy (a search cancelled before its one test, an imported record without one). */
  noTest: number;
  /** Of `noLatency`, the runs the chosen profile cannot price, and that profile's name. */
  unpriced: number;
  profile: string | null;
}

/** `points`: the chart's points for these rows and axis (the screen has them already; computed here when not given). */
export function offChart(rows: readonly CompareRow[], axis: XAxis, points: readonly ScatterPoint[] = scatterPoints(rows, axis)): OffChart {
  const out: OffChart = { noLatency: [], imported: 0, noTest: 0, unpriced: 0, profile: null };
  const placed = new Set(points.map((p) => p.id)); // the chart's own rule, not a copy of it
  for (const r of rows) {
    if (r.status !== 'finished' || placed.has(r.id)) continue;
    if (r.testAccuracy === null) out.noTest++;
    else if (axis === 'latency') {
      out.noLatency.push(r.id);
      if (r.imported) out.imported++;
      if (r.unpricedOps) {
        out.unpriced++;
        out.profile = r.predictedProfile;
      }
    }
  }
  return out;
}

/** One plain sentence for the chart's caption, or null when every finished run is on the chart. */
export function offChartText(o: OffChart): string | null {
  const parts: string[] = [];
  const n = o.noLatency.length;
  if (n > 0) {
    const why = [
      o.imported > 0 ? `${o.imported} imported from another device` : '',
      o.unpriced > 0 ? `profile “${o.profile}” cannot price ${o.unpriced === n ? (n === 1 ? 'it' : 'them') : `${o.unpriced} of them`}` : '',
    ].filter(Boolean);
    const from = why.length ? ` (${why.join('; ')})` : '';
    parts.push(
      `${n} finished run${n === 1 ? ' has' : 's have'} no latency on this device yet${from}: choose ${n === 1 ? 'it' : 'them'} and press “Measure on this device”, or plot MACs or params instead`,
    );
  }
  if (o.noTest > 0) parts.push(`${o.noTest} finished run${o.noTest === 1 ? ' has' : 's have'} no test accuracy and cannot be placed`);
  return parts.length ? `Not on the chart: ${parts.join('; ')}.` : null;
}
