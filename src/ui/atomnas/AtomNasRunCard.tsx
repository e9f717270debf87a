/** The search's run card: seed, backend, adapter, tfjs, dataset and split, settings, latency profile, results; as JSON. */
import { useState } from 'react';
import { compact, percent } from '../common/format';
import { Hint } from '../common/Hint';
import { useAtomNas } from './atomnasStore';
import { CHART_HINTS } from './hints';

export function AtomNasRunCard() {
  const card = useAtomNas((s) => s.card);
  const final = useAtomNas((s) => s.final);
  const [copied, setCopied] = useState<string | null>(null);
  if (!card) return null;
  const s = card.settings;
  const results = final
    ? { macs: final.macs, params: final.params, valAccuracy: final.valAcc, testAccuracyNoRetraining: final.testAcc, shrinkEvents: final.events.length, archSpec: final.spec }
    : null;
  const json = JSON.stringify({ ...card, results }, null, 2);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setCopied('Copied to the clipboard');
    } catch {
      setCopied('The clipboard is not available here; select the JSON below instead');
    }
  };
  const rows: [string, string][] = [
    ['Date', new Date(card.date).toLocaleString()],
    ['Seed', String(card.seed)],
    ['Backend', card.backend],
    ['Adapter', card.adapter],
    ['tfjs', card.tfjsVersion],
    ['Dataset', `${card.dataset.name} (${card.dataset.shape.join('×')}, ${card.dataset.classes} classes)`],
    ['Split', `${card.split.train} / ${card.split.val} / ${card.split.test} (seed ${card.split.seed}${s.trainLimit > 0 ? '; train = a seeded random subset' : ''})`],
    ['Supernet', `${card.arch.name}: ${compact(card.arch.macs)} MACs, ${compact(card.arch.params)} params`],
    [
      'Search',
      `${s.preset} preset, kernels ${s.kernels.join('/')}, e${s.expansion}; penalty ${s.penalty}, ` +
        (s.targetMode ? `target ${compact(s.targetMacs)} MACs` : `ρ ${s.rho}`) +
        `; dead at |γ| ≤ ${s.threshold}, shrink at ${percent(s.shrinkFrac, 1)} every ${s.shrinkEvery || 'epoch'}${s.shrinkEvery ? ' steps' : ''}`,
    ],
    [
      'Recipe',
      `${s.epochs} epochs × ${card.stepsPerEpoch} steps, batch ${s.batchSize}, ${s.optimizer} lr ${s.lr} (${s.schedule}), EMA ${s.emaDecay}, ` +
        `proximal ${s.proximal ? 'on' : 'off'}, label smoothing ${s.labelSmoothing}, weight decay ${s.weightDecay}`,
    ],
    ['Latency profile', card.latencyProfile ? `${card.latencyProfile.name} (predictions only)` : 'none chosen'],
  ];
  if (final) rows.push(['Test accuracy, no retraining', percent(final.testAcc)]);
  return (
    <section className="panel run-card" aria-labelledby="an-card-title" data-testid="atomnas-run-card">
      <div className="panel-head">
        <h2 id="an-card-title">Run card</h2>
        <Hint label="Run card">{CHART_HINTS.card}</Hint>
        <button type="button" className="button small" onClick={() => void copy()}>
          Copy as JSON
        </button>
      </div>
      {copied && (
        <p className="muted small" role="status">
          {copied}
        </p>
      )}
      <dl className="summary">
        {rows.map(([k, v]) => (
          <div key={k} className="summary-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <details>
        <summary>JSON</summary>
        <pre className="json">{json}</pre>
      </details>
    </section>
  );
}
