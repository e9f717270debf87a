import { useState } from 'react';
import { useStore } from '../../state/store';
import { compact, percent } from '../common/format';
import { SummaryList } from '../common/SummaryList';

/** Seed, backend, adapter, versions, dataset and split, settings, costs and date of the run, copyable as JSON. */
export function RunCardView() {
  const card = useStore((s) => s.card);
  const test = useStore((s) => s.test);
  const epochs = useStore((s) => s.epochs);
  const [copied, setCopied] = useState<string | null>(null);
  if (!card) return null;
  const json = JSON.stringify({ ...card, results: { valAccuracyPerEpoch: epochs.map((e) => e.valAcc), test } }, null, 2);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setCopied('Copied to the clipboard');
    } catch {
      setCopied('The clipboard is not available here; select the JSON below instead');
    }
  };
  const s = card.settings;
  const rows: [string, string][] = [
    ['Date', new Date(card.date).toLocaleString()],
    ['Seed', String(card.seed)],
    ['Backend', card.backend],
    ['Adapter', card.adapter],
    ['tfjs', card.tfjsVersion],
    ['Dataset', `${card.dataset.name} (${card.dataset.shape.join('×')}, ${card.dataset.classes} classes)`],
    ['Split', `${card.split.train} / ${card.split.val} / ${card.split.test} (seed ${card.split.seed}${s.trainLimit > 0 ? '; train = a seeded random subset' : ''})`],
    ['Network', `${card.arch.name}: ${compact(card.arch.macs)} MACs, ${compact(card.arch.params)} params`],
    ['Size', `width ×${s.width}${s.tiny ? ', tiny (stem stride 2)' : ''}`],
    ['Recipe', `${s.epochs} epochs × ${card.stepsPerEpoch} steps, batch ${s.batchSize}, ${s.optimizer} lr ${s.lr} (${s.schedule})`],
    ['Regularisation', `label smoothing ${s.labelSmoothing}, weight decay ${s.weightDecay}`],
  ];
  if (test) rows.push(['Test accuracy', percent(test.acc)]);
  return (
    <section className="panel run-card" aria-labelledby="card-title" data-testid="run-card">
      <div className="panel-head">
        <h2 id="card-title">Run card</h2>
        <button type="button" className="button small" onClick={() => void copy()}>
          Copy as JSON
        </button>
      </div>
      {copied && (
        <p className="muted small" role="status">
          {copied}
        </p>
      )}
      <SummaryList rows={rows} />
      <details>
        <summary>JSON</summary>
        <pre className="json">{json}</pre>
      </details>
    </section>
  );
}
