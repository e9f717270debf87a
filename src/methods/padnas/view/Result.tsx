/**
 * The PAD-NAS part of a finished record (below the common record card): the found genotype, its latency and MACs
 * against the hand-designed baseline priced by the same model (found ÷ baseline), accuracies, and the ranking τ.
 */
import type { ResultRecord } from '../../../core/method/resultRecord';
import { compact, percent } from '../../../ui/common/format';
import { Hint } from '../../../ui/common/Hint';
import { CHART_HINTS } from '../hints';
import { ratioText, readPadNasFields } from '../record';
import { costText } from './liveBuffer';
import { opLabel } from './shareHeatmap';
import { tauText } from './stageCharts';
import { ReadoutList } from '../../../ui/common/ReadoutList';

const pct = (v: number | null) => (v === null ? '–' : percent(v));

export function Result({ record }: { record: ResultRecord }) {
  const r = readPadNasFields(record);
  if (!r.ok) return <p className="small">This record&apos;s PAD-NAS fields cannot be read ({r.error}).</p>;
  const f = r.fields;
  const ms = f.window.unit === 'ms';
  const b = f.baseline;
  const items = [
    // Without a device profile the window and the cost are MACs: say so rather than call MACs a latency.
    { label: ms ? 'Latency, predicted' : 'Cost (MACs: no device profile)', value: costText(f.cost, f.window.unit), testId: 'pad-latency' },
    { label: 'MACs / params', value: `${compact(record.macs)} / ${compact(record.params)}`, testId: 'pad-macs' },
    { label: 'Baseline (every slot MB k3 e3)', value: `${ms ? `${costText(b.cost, 'ms')} · ` : ''}${compact(b.macs)} MACs`, testId: 'pad-baseline' },
    { label: 'Found ÷ baseline', value: `${ms ? `latency ${ratioText(f.cost, b.cost)} · ` : ''}MACs ${ratioText(record.macs, b.macs)}`, testId: 'pad-vs-baseline' },
    { label: 'One-shot val accuracy', value: percent(f.oneShotAccuracy), testId: 'pad-oneshot' },
    { label: 'Test accuracy, trained stand-alone', value: pct(record.testAccuracy), testId: 'pad-test' },
    { label: 'Baseline test accuracy, same recipe', value: b.testAccuracy === null ? 'not trained' : pct(b.testAccuracy), testId: 'pad-baseline-test' },
    { label: 'Ranking (Kendall τ, one-shot vs stand-alone)', value: `${tauText(f.ranking.tauBefore ?? Number.NaN)} before pruning, ${tauText(f.ranking.tauAfter ?? Number.NaN)} after`, testId: 'pad-result-tau' },
  ];
  return (
    <section className="panel outcome outcome-good" aria-label="PAD-NAS result" data-testid="padnas-result">
      <div className="panel-head">
        <h2>Found architecture</h2>
        <Hint label="Found architecture">{CHART_HINTS.result}</Hint>
      </div>
      <p className="genotype" data-testid="pad-genotype">
        {f.genotype.map((op, i) => `B${i + 1} ${opLabel(op)}`).join(' · ')}
      </p>
      <ReadoutList items={items} />
      <p className="small muted">
        {f.stages.length} search rounds, {f.evaluations} one-shot evaluations; search space 10^{f.spaceLog10[0]?.toFixed(2)} → 10^{f.spaceLog10.at(-1)?.toFixed(2)}{' '}
        architectures. Window {costText(f.window.lo, f.window.unit)} … {costText(f.window.hi, f.window.unit)}
        {ms ? ` (predicted, profile ${f.window.profileName ?? '?'})` : ' (MACs: no device profile)'}.
      </p>
      {f.space?.kind === 'given' && (
        <p className="small" data-testid="pad-space">
          Searched a given space, not the hand-designed one
          {f.space.from
            ? ` (${f.space.from.file ? `${f.space.from.file}, ` : ''}made by ${f.space.from.createdBy.method}, seed ${f.space.from.createdBy.seed}, ${f.space.from.createdBy.preset} preset, ${f.space.from.createdBy.date.slice(0, 10)})`
            : ''}
          .
        </p>
      )}
      {f.front && f.front.length > 0 && <p className="small muted">The final search&apos;s front holds {f.front.length} architectures (one-shot accuracy vs cost).</p>}
      {f.windowNotice && <p className="small">{f.windowNotice}</p>}
    </section>
  );
}
