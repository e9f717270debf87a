/**
 * "Retrain from scratch": the found network trained anew with the Train screen's recipe, with its progress, time left
 * and Cancel like every long job, and how it compares (or why it stopped).
 */
import type { MethodDescriptor } from '../../methods/descriptor';
import { cancelRetrain, retrainResult } from '../../state/methodActions';
import type { MethodRunStore, RetrainState } from '../../state/methodRuns';
import type { ResultRecord } from '../../core/method/resultRecord';
import { compact, duration, percent, preparingText, timeLeft } from '../common/format';
import { Hint } from '../common/Hint';

/** The status line under the progress bar. */
function statusText(r: RetrainState, record: ResultRecord): string {
  if (r.state === 'error') return `Retraining failed: ${r.error ?? 'unknown error'}`;
  if (r.testAcc !== null)
    return `Retrained: test accuracy ${percent(r.testAcc)} (search result: ${record.testAccuracy === null ? '–' : percent(record.testAccuracy)}).`;
  const last = r.epochs.at(-1);
  const val = last ? `, validation ${percent(last.valAcc)} after epoch ${last.epoch}` : '';
  if (r.state === 'cancelled') return `Stopped${r.progress ? ` at step ${r.progress.done} of ${r.progress.total}` : ''}${val}.`;
  if (r.state === 'done') return `Trained${val}; testing…`;
  if (r.state === 'diverged') return `Diverged${r.diverged ? ` at step ${r.diverged.step + 1}` : ''}${val}.`;
  const p = r.progress;
  if (!p) return 'Starting…';
  if (p.preparing) return `${preparingText(p.preparing)}.`;
  const left = r.state === 'running' && p.etaMs >= 0 ? ` · ${timeLeft(p.etaMs, p.etaAtMost)}` : '';
  const spent = p.elapsedMs > 0 ? ` · ${duration(p.elapsedMs)} elapsed` : '';
  return `${r.state === 'paused' ? 'Paused' : 'Training'}: step ${p.done} of ${p.total}${val}${left}${spent}.`;
}

export function RetrainPanel({ method, run }: { method: MethodDescriptor; run: MethodRunStore }) {
  const record = run((s) => s.record);
  const r = run((s) => s.retrain);
  if (!record) return null;
  const busy = r !== null && (r.state === 'running' || r.state === 'paused');
  const p = r?.progress;
  const frac = p ? (p.preparing ? p.preparing.done / Math.max(1, p.preparing.total) : p.done / Math.max(1, p.total)) : 0;
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
        {busy ? (
          <button type="button" className="button small" onClick={() => void cancelRetrain(method)}>
            Cancel retraining
          </button>
        ) : (
          <button type="button" className="button small" onClick={() => void retrainResult(method, record.archSpec)}>
            {r ? 'Retrain again' : 'Retrain'}
          </button>
        )}
      </div>
      {busy && <progress max={1} value={frac} aria-label={p?.preparing ? 'Preparing the GPU' : 'Retraining progress'} />}
      {r && (
        <p className="small" role="status" data-testid="retrain-status">
          {statusText(r, record)}
        </p>
      )}
      {r?.diverged && (
        <p className="error-text" role="alert" data-testid="retrain-diverged">
          The retraining stopped. {r.diverged.message} It uses the Train screen’s recipe: change it there, then retrain.
        </p>
      )}
    </section>
  );
}
