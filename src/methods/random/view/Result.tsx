/** The random-search part of a finished record: the retrained winner and every candidate, best first. */
import type { ResultRecord } from '../../../core/method/resultRecord';
import { compact, percent } from '../../../ui/common/format';
import { Hint } from '../../../ui/common/Hint';
import { CHART_HINTS } from '../hints';
import type { RandomCandidate } from '../snapshot';
import { readExtras } from '../summary';
import { ReadoutList } from '../../../ui/common/ReadoutList';

const byValDesc = (a: RandomCandidate, b: RandomCandidate) => (b.valAccuracy ?? -1) - (a.valAccuracy ?? -1) || a.cost - b.cost || a.index - b.index;

export function Result({ record }: { record: ResultRecord }) {
  const r = readExtras(record);
  if (!r.ok) return <p className="small">This record&apos;s random-search fields cannot be read ({r.error}).</p>;
  const { candidates, bestIndex, genotype, window, steps, finalEpochs, samplesRequested } = r.extras;
  const hasLatency = candidates.some((c) => c.latencyMs !== null);
  const rows = candidates.slice().sort(byValDesc);
  const summary = [
    { label: 'Test accuracy (once, after retraining)', value: percent(record.testAccuracy ?? Number.NaN), testId: 'random-test-acc' },
    { label: 'Validation accuracy', value: percent(record.valAccuracy ?? Number.NaN), testId: 'random-val-acc' },
    { label: 'MACs', value: compact(record.macs), testId: 'random-macs' },
    { label: 'Parameters', value: compact(record.params), testId: 'random-params' },
  ];
  return (
    <section className="panel random-view" aria-label="Random search result">
      <div className="panel-head">
        <h2>Best of {candidates.length} random architectures, retrained</h2>
        <Hint label="Random search result">{CHART_HINTS.table}</Hint>
      </div>
      <ReadoutList items={summary} />
      <p className="small">
        Genotype (one op per searchable layer): <code data-testid="random-genotype">{genotype.join(' · ')}</code>. Candidate #{bestIndex + 1} of{' '}
        {candidates.length}
        {samplesRequested > candidates.length ? ` (${samplesRequested} asked; the window held fewer)` : ''}, each trained {steps} steps; the winner retrained {finalEpochs}{' '}
        epochs from scratch. Window: {window.lo}–{window.hi} of the space&apos;s {window.unit === 'ms' ? `predicted latency (profile ${window.profileName ?? '?'})` : 'MACs'} range.
      </p>
      <div className="table-scroll">
        <table className="data-table" data-testid="random-candidates">
          <caption>Every sampled architecture, best validation accuracy first</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Genotype</th>
              <th scope="col">MACs</th>
              <th scope="col">Params</th>
              {hasLatency && <th scope="col">Latency (predicted)</th>}
              <th scope="col">Val accuracy</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.index} className={c.index === bestIndex ? 'selected' : undefined}>
                <td>{c.index + 1}</td>
                <td>
                  <code>{c.genotype.join(' ')}</code>
                </td>
                <td>{compact(c.macs)}</td>
                <td>{compact(c.params)}</td>
                {hasLatency && <td>{c.latencyMs === null ? '–' : `${c.latencyMs.toPrecision(3)} ms`}</td>}
                <td>{c.valAccuracy === null ? 'diverged' : percent(c.valAccuracy, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
