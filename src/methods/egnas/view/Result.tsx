/** The Efficient Global NAS part of a finished record: the found chain, every candidate, and the fair-ranking demo. */
import type { ResultRecord } from '../../../core/method/resultRecord';
import { compact, percent } from '../../../ui/common/format';
import { Hint } from '../../../ui/common/Hint';
import { CHART_HINTS } from '../hints';
import { readExtras } from '../summary';
import { marker } from './liveBuffer';
import { BaselineTable } from './BaselineTable';
import { RankingPanel } from './RankingPanel';
import { ReadoutList } from '../../../ui/common/ReadoutList';

export function Result({ record }: { record: ResultRecord }) {
  const r = readExtras(record);
  if (!r.ok) return <p className="small">This record&apos;s Efficient Global NAS fields cannot be read ({r.error}).</p>;
  const { candidates, found, ranking, tolerances, baseline } = r.extras;
  const summary = [
    { label: 'Test accuracy (once, after retraining)', value: percent(record.testAccuracy ?? Number.NaN), testId: 'egnas-test-acc' },
    { label: 'Validation accuracy', value: percent(record.valAccuracy ?? Number.NaN), testId: 'egnas-val-acc' },
    { label: 'Depth × width', value: `${found.L} × ${found.C}`, testId: 'egnas-found' },
    { label: 'Discovered epoch budget', value: String(found.epochs), testId: 'egnas-epochs' },
    { label: 'MACs', value: compact(record.macs), testId: 'egnas-macs' },
    { label: 'Parameters', value: compact(record.params), testId: 'egnas-params' },
  ];
  return (
    <div className="egnas-view">
      <section className="panel" aria-label="Efficient Global NAS result">
        <div className="panel-head">
          <h2>The found chain, retrained with its discovered budget</h2>
          <Hint label="Efficient Global NAS result">{CHART_HINTS.result}</Hint>
        </div>
        <ReadoutList items={summary} />
        <p className="small">
          Layers: <code data-testid="egnas-genome">{found.ops.map((o, i) => `${o === 's' ? 'S' : 'C'}${found.kernels[i]}`).join(' ')}</code> (S = SepConv, C = Conv, digit = kernel). Tolerances
          used: add {percent(tolerances.add, 1)}, drop {percent(tolerances.drop, 1)}, micro {percent(tolerances.micro, 2)}, parameters +{percent(tolerances.params, 1)}, with{' '}
          {tolerances.valImages.toLocaleString('en')} validation images.
        </p>
        <div className="table-scroll">
          <table className="data-table" data-testid="egnas-candidates-table">
            <caption>Every candidate in search order</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Phase</th>
                <th scope="col">L × C</th>
                <th scope="col">Change</th>
                <th scope="col">Epochs</th>
                <th scope="col">Val</th>
                <th scope="col">Decision</th>
                <th scope="col">Params</th>
                <th scope="col">MACs</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.index}>
                  <td>{c.index + 1}</td>
                  <td>{c.phase}</td>
                  <td>
                    {c.L} × {c.C}
                  </td>
                  <td>{c.change ?? ''}</td>
                  <td>{c.epochs}</td>
                  <td>{c.valAccuracy === null ? '–' : percent(c.valAccuracy, 1)}</td>
                  <td>
                    {marker(c.decision)} {c.decision}
                  </td>
                  <td>{compact(c.params)}</td>
                  <td>{compact(c.macs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {baseline && (
        <BaselineTable
          baseline={baseline}
          testImages={record.card.split.test}
          found={{
            label: `Found chain L${found.L} C${found.C}`,
            params: record.params,
            macs: record.macs,
            latencyMs: record.latency?.ms ?? null,
            epochs: found.epochs,
            valAccuracy: record.valAccuracy,
            testAccuracy: record.testAccuracy,
          }}
        />
      )}
      {ranking && <RankingPanel rows={ranking.rows} result={ranking} />}
    </div>
  );
}
