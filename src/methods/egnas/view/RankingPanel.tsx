/** The fair-ranking demo: both τ side by side, each chain's three accuracies, and its learning curves. */
import { percent } from '../../../ui/common/format';
import { Hint } from '../../../ui/common/Hint';
import { SvgChart } from '../../../viz/SvgChart';
import { CHART_HINTS } from '../hints';
import type { RankingRow } from '../snapshot';
import { drawCurves } from './charts';

const TITLE = 'Fair ranking: fixed vs architecture-aware budgets';
const tau = (t: number | null | undefined) => (t === null || t === undefined ? '–' : t.toFixed(2));
const acc = (v: number | null) => (v === null ? '–' : percent(v, 1));

export function RankingPanel({ rows, result }: { rows: readonly RankingRow[]; result: { fixedTau: number | null; awareTau: number | null } | null }) {
  const curves = rows.flatMap((r, i) => [
    { key: `f${i}`, phase: 'fixed', curve: r.curves.fixed },
    { key: `a${i}`, phase: 'aware', curve: r.curves.aware },
    { key: `r${i}`, phase: 'ref', curve: r.curves.ref },
  ]);
  return (
    <section className="panel chart-panel" aria-label={TITLE} data-lesson="ranking">
      <div className="panel-head">
        <h2>{TITLE}</h2>
        <Hint label={TITLE}>{CHART_HINTS.ranking}</Hint>
      </div>
      <dl className="readouts">
        <div className="readout">
          <dt>Kendall τ, fixed budget vs reference</dt>
          <dd data-testid="egnas-fixed-tau">{tau(result?.fixedTau)}</dd>
        </div>
        <div className="readout">
          <dt>Kendall τ, architecture-aware vs reference</dt>
          <dd data-testid="egnas-aware-tau">{tau(result?.awareTau)}</dd>
        </div>
      </dl>
      {result && result.fixedTau !== null && result.awareTau !== null && (
        <p className="small" data-testid="egnas-ranking-verdict">
          {result.awareTau > result.fixedTau
            ? 'In this run the architecture-aware budget ranked the chains closer to the longer training than one fixed budget did.'
            : result.awareTau === result.fixedTau
              ? 'In this run both budgets ranked the chains equally well against the longer training.'
              : 'In this run the architecture-aware budget did NOT rank the chains better than one fixed budget: at this scale the paper\'s claim did not hold.'}
        </p>
      )}
      {rows.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="data-table" data-testid="egnas-ranking">
              <thead>
                <tr>
                  <th scope="col">Chain</th>
                  <th scope="col">Params</th>
                  <th scope="col">Fixed</th>
                  <th scope="col">Aware</th>
                  <th scope="col">Reference</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.L}x${r.C}`}>
                    <td>
                      L{r.L} × C{r.C}
                    </td>
                    <td>{r.params.toLocaleString('en')}</td>
                    <td>
                      {acc(r.fixedAcc)} ({r.fixedEpochs} ep)
                    </td>
                    <td>
                      {acc(r.awareAcc)} ({r.awareEpochs} ep)
                    </td>
                    <td>
                      {acc(r.refAcc)} ({r.refEpochs} ep)
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <SvgChart
            label="Learning curves of the demo chains: fixed (short), architecture-aware, reference (long)"
            draw={(svg, width) => {
              drawCurves(svg, curves, { width, height: 200 });
            }}
            deps={[rows, rows.length]}
            height={200}
            testId="egnas-ranking-curves"
          />
          <p className="small legend">
            <span className="key ph-fixed">fixed budget</span> <span className="key ph-aware">architecture-aware</span> <span className="key ph-ref">reference</span>
          </p>
        </>
      )}
    </section>
  );
}
