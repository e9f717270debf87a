/**
 * A ResultRecord as a card: what was found (MACs, params, accuracies, predicted latency with its profile) and the run
 * card (seed, backend, adapter, tfjs, dataset and split, every setting, wall time, date), copyable and downloadable
 * as the same JSON the CLI writes.
 */
import { useState } from 'react';
import { latencyText } from '../../core/method/latencyText';
import type { ResultRecord } from '../../core/method/resultRecord';
import { downloadFiles } from './download';
import { compact, duration, percent } from './format';
import { SummaryList } from './SummaryList';

function acc(v: number | null): string {
  return v === null ? '–' : percent(v);
}

export function RecordCard({ record, title = 'Result' }: { record: ResultRecord; title?: string }) {
  const [note, setNote] = useState<string | null>(null);
  const json = JSON.stringify(record, null, 2);
  const c = record.card;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setNote('Copied to the clipboard');
    } catch {
      setNote('The clipboard is not available here; use Download or the JSON below');
    }
  };
  const rows: [string, string][] = [
    ['Network', `${record.archSpec.name}: ${compact(record.macs)} MACs, ${compact(record.params)} params`],
    ['Validation accuracy', acc(record.valAccuracy)],
    ['Test accuracy', acc(record.testAccuracy)],
    ['Latency', latencyText(record)],
    ['Seed', String(c.seed)],
    ['Backend', `${c.backend} · ${c.adapter} · tfjs ${c.tfjsVersion}`],
    ...(c.host ? [['Machine', c.host] as [string, string]] : []),
    ...(c.appVersion ? [['Code', `nas-playground ${c.appVersion}`] as [string, string]] : []),
    ['Dataset', `${c.dataset.name} (${c.dataset.shape.join('×')}, ${c.dataset.classes} classes)`],
    ['Split', `${c.split.train} / ${c.split.val} / ${c.split.test} (seed ${c.split.seed})`],
    ['Wall time', duration(c.wallSeconds * 1000)],
    ['Date', new Date(c.date).toLocaleString()],
  ];
  return (
    <section className="panel run-card" aria-labelledby={`${record.runId}-title`} data-testid="result-record">
      <div className="panel-head">
        <h2 id={`${record.runId}-title`}>{title}</h2>
        <div className="button-row">
          <button type="button" className="button small" onClick={() => void copy()}>
            Copy as JSON
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => void downloadFiles([{ name: `${record.method}-${record.runId}.json`, data: json + '\n', type: 'application/json' }])}
          >
            Download record
          </button>
        </div>
      </div>
      {note && (
        <p className="muted small" role="status">
          {note}
        </p>
      )}
      <SummaryList rows={rows} />
      <details>
        <summary>Settings and JSON</summary>
        <pre className="json">{json}</pre>
      </details>
    </section>
  );
}
