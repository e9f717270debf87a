/** The found chain beside the hand-designed baseline at the nearest parameter count (same budget and recipe). */
import { compact, percent } from '../../../ui/common/format';
import { Hint } from '../../../ui/common/Hint';
import { CHART_HINTS } from '../hints';
import type { EgnasBaseline } from '../snapshot';

/** One row of the table: a network's costs and accuracies, as the baseline's record fields name them. */
export type FoundRow = Pick<EgnasBaseline, 'params' | 'macs' | 'latencyMs' | 'epochs' | 'valAccuracy' | 'testAccuracy'> & { label: string };

const acc = (v: number | null) => (v === null ? '–' : percent(v, 2));

/** A sentence when the nearest baseline is still far from the found chain's parameters (outside ±25 %), else null. */
export function sizeNote(found: number, base: number): string | null {
  const r = base / found;
  if (r >= 0.8 && r <= 1.25) return null;
  return r > 1
    ? `The nearest baseline has ${r.toFixed(1)}× the found chain's parameters: the narrowest network the skeleton builds is still larger.`
    : `The nearest baseline has ${(1 / r).toFixed(1)}× fewer parameters than the found chain: the widest one tried (×4) is still smaller.`;
}

/** Test accuracy difference in points, signed ("+0.42 points"), or null when either is missing. */
export function testGap(found: number | null, base: number | null): string | null {
  if (found === null || base === null) return null;
  const d = 100 * (found - base);
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(2)} points`;
}

export function BaselineTable({ found, baseline, testImages }: { found: FoundRow; baseline: EgnasBaseline; testImages: number }) {
  const rows: FoundRow[] = [
    found,
    { label: `Hand-designed baseline (MBConv k3 e3, width ×${baseline.width})`, params: baseline.params, macs: baseline.macs, latencyMs: baseline.latencyMs, epochs: baseline.epochs, valAccuracy: baseline.valAccuracy, testAccuracy: baseline.testAccuracy },
  ];
  const hasLatency = rows.some((r) => r.latencyMs !== null);
  const gap = testGap(found.testAccuracy, baseline.testAccuracy);
  const note = sizeNote(found.params, baseline.params);
  return (
    <section className="panel" aria-label="Found chain against the hand-designed baseline">
      <div className="panel-head">
        <h2>Against the hand-designed baseline at the nearest parameter count</h2>
        <Hint label="Baseline comparison">{CHART_HINTS.baseline}</Hint>
      </div>
      <div className="table-scroll">
        <table className="data-table" data-testid="egnas-baseline-table">
          <thead>
            <tr>
              <th scope="col">Network</th>
              <th scope="col">Params</th>
              <th scope="col">MACs</th>
              {hasLatency && <th scope="col">Latency (predicted)</th>}
              <th scope="col">Epochs</th>
              <th scope="col">Val</th>
              <th scope="col">Test</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{compact(r.params)}</td>
                <td>{compact(r.macs)}</td>
                {hasLatency && <td>{r.latencyMs === null ? '–' : `${r.latencyMs.toPrecision(3)} ms`}</td>}
                <td>{r.epochs}</td>
                <td>{acc(r.valAccuracy)}</td>
                <td>{acc(r.testAccuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small" data-testid="egnas-baseline-gap">
        {baseline.testAccuracy === null
          ? 'The baseline diverged: there is no accuracy to compare with.'
          : `Test accuracy, found − baseline: ${gap ?? '–'}${testImages > 0 ? `, on ${testImages.toLocaleString('en')} test images (one image is ${(100 / testImages).toPrecision(2)} point)` : ''}.`}
      </p>
      {note && (
        <p className="small" data-testid="egnas-baseline-size">
          {note}
        </p>
      )}
    </section>
  );
}
