/** "Retrain from scratch": the found network trained anew with the Train screen's recipe, and how it compares. */
import type { MethodDescriptor } from '../../methods/descriptor';
import { retrainResult } from '../../state/methodActions';
import type { MethodRunStore } from '../../state/methodRuns';
import { compact, percent } from '../common/format';
import { Hint } from '../common/Hint';

export function RetrainPanel({ method, run }: { method: MethodDescriptor; run: MethodRunStore }) {
  const record = run((s) => s.record);
  const r = run((s) => s.retrain);
  if (!record) return null;
  const busy = r !== null && (r.state === 'running' || r.state === 'paused');
  const last = r?.epochs.at(-1);
  return (
    <section className="panel" aria-labelledby={`${method.id}-retrain-title`} data-testid="retrain-panel">
      <div className="panel-head">
        <h2 id={`${method.id}-retrain-title`}>
          Retrain from scratch{' '}
          <Hint label="Retrain from scratch">
            Trains the found architecture ({compact(record.macs)} MACs) from new random weights with the Train screen’s recipe (epochs,
            learning rate, optimizer), on the same training images and seed as the search. It tells whether the architecture is good
            in itself, apart from the weights it inherited from the search.
          </Hint>
        </h2>
        <button type="button" className="button small" disabled={busy} onClick={() => void retrainResult(method, record.archSpec)}>
          {busy ? 'Retraining…' : 'Retrain'}
        </button>
      </div>
      {r && (
        <p className="small" role="status">
          {r.state === 'error'
            ? `Retraining failed: ${r.error ?? 'unknown error'}`
            : r.testAcc !== null
              ? `Retrained: test accuracy ${percent(r.testAcc)} (search result: ${record.testAccuracy === null ? '–' : percent(record.testAccuracy)}).`
              : `${r.state === 'cancelled' ? 'Stopped' : 'Training'}: ${r.progress ? `step ${r.progress.done} of ${r.progress.total}` : 'starting'}${last ? `, validation ${percent(last.valAcc)} after epoch ${last.epoch}` : ''}.`}
        </p>
      )}
    </section>
  );
}
