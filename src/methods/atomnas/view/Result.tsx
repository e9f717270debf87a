/**
 * The AtomNAS part of a finished record (below the common result card): the found network against the supernet
 * (MACs, params, predicted latency), test accuracy without retraining, and every shrink event.
 */
import type { ResultRecord } from '../../../core/method/resultRecord';
import { compact, percent } from '../../../ui/common/format';
import { Hint } from '../../../ui/common/Hint';
import { CHART_HINTS } from '../hints';
import { readRecordFields } from '../record';
import { EventTable } from './EventTable';
import { ms } from './Live';

export function Result({ record }: { record: ResultRecord }) {
  const r = readRecordFields(record);
  if (!r.ok) return <p className="small">This record&apos;s AtomNAS fields cannot be read ({r.error}).</p>;
  const f = r.fields;
  const settings = record.card.settings;
  const kernels = Array.isArray(settings.kernels) ? (settings.kernels as number[]) : [3, 5, 7];
  return (
    <section className="panel atomnas-view atomnas-result" aria-label="Found network" data-testid="atomnas-result">
      <div className="panel-head">
        <h2>Found network</h2>
        <Hint label="Found network">{CHART_HINTS.result}</Hint>
      </div>
      <p data-testid="an-found">
        Supernet {compact(f.supernetMacs)} MACs, {compact(f.supernetParams)} params → found {compact(record.macs)} MACs ({percent(record.macs / f.supernetMacs, 1)} of
        the supernet), {compact(record.params)} params ({percent(record.params / f.supernetParams, 1)}), after {f.events.length} shrink event
        {f.events.length === 1 ? '' : 's'} in {f.steps} steps.
      </p>
      {record.latency && (
        <p data-testid="an-final-latency">
          Latency {ms(f.supernetLatency?.ms ?? null)} → {ms(record.latency.ms)}, {record.latency.label}
          {f.latencyPricedBy ? `; the atoms were priced by the same profile (penalty latency)` : ''}.
        </p>
      )}
      <dl className="readouts">
        <div className="readout">
          <dt>Test accuracy, no retraining</dt>
          <dd data-testid="an-test-noretrain">{record.testAccuracy === null ? '–' : percent(record.testAccuracy)}</dd>
        </div>
        <div className="readout">
          <dt>Validation accuracy</dt>
          <dd data-testid="an-val-final">{record.valAccuracy === null ? '–' : percent(record.valAccuracy)}</dd>
        </div>
      </dl>
      {f.events.length > 0 && <EventTable events={f.events} kernels={kernels} />}
    </section>
  );
}
