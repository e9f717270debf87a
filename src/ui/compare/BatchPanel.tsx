/** Work on the chosen saved runs, one after another in the worker: retrain with one recipe; progress, time left, cancel. */
import { useState } from 'react';
import type { Field } from '../../core/settings/fields';
import { TRAIN_GROUP, type OptimizerName } from '../../core/trainSettings';
import { cancelBatch, measureRuns, retrainRuns, useBatchJob } from '../../state/compareActions';
import { FieldInput } from '../common/FieldInput';
import { timeLeft } from '../common/format';

/** The Train screen's own field (same range, clamping with a note, and "?" as there). */
function trainField(key: 'epochs' | 'seed' | 'optimizer'): Field {
  const f = TRAIN_GROUP.fields.find((x) => x.key === key);
  if (!f) throw new Error(`the Train settings have no field ${key}`);
  return f;
}

export function BatchPanel({ chosen }: { chosen: string[] }) {
  const job = useBatchJob();
  const [epochs, setEpochs] = useState(1);
  const [seed, setSeed] = useState(1);
  const [optimizer, setOptimizer] = useState<OptimizerName>('sgd');
  const busy = job.kind !== null;
  const n = job.queue.length;
  return (
    <section className="panel" aria-labelledby="batch-title">
      <h3 id="batch-title">Chosen runs ({chosen.length})</h3>
      <p className="muted small">
        Measure times the chosen networks end to end in the worker (batch 1 and each run&apos;s training batch, 21 samples each, median), labelled
        measured with this device, backend and date, beside the prediction. Methods are only comparable when their networks are trained the same way: retrain the chosen ArchSpecs from scratch with one recipe (the Train
        screen&apos;s settings with these epochs, seed and optimizer). Each result is saved as a new run linked to its original.
      </p>
      <div className="compare-toolbar">
        <FieldInput field={trainField('epochs')} value={epochs} disabled={busy} onCommit={(v) => setEpochs(v as number)} />
        <FieldInput field={trainField('seed')} value={seed} disabled={busy} onCommit={(v) => setSeed(v as number)} />
        <FieldInput field={trainField('optimizer')} value={optimizer} disabled={busy} onCommit={(v) => setOptimizer(v as OptimizerName)} />
        <button type="button" disabled={busy || chosen.length === 0} onClick={() => void measureRuns(chosen)}>
          Measure on this device
        </button>
        <button type="button" disabled={busy || chosen.length === 0} onClick={() => void retrainRuns(chosen, { epochs, seed, optimizer })}>
          Retrain with one recipe
        </button>
        {busy && (
          <button type="button" onClick={() => void cancelBatch()}>
            Cancel
          </button>
        )}
      </div>
      {(busy || job.done.length > 0 || job.errors.length > 0) && (
        <div role="status" aria-live="polite" data-testid="batch-progress">
          {busy ? (
            <>
              <progress max={1} value={(job.index + job.fraction) / Math.max(1, n)} /> {job.kind} {job.index + 1} of {n}
              {job.etaMs >= 0 ? `, ${timeLeft(job.etaMs)}` : ''}
            </>
          ) : (
            <span className="muted small">
              {job.cancelled ? 'Cancelled. ' : ''}
              {job.done.length} done.
            </span>
          )}
          {job.errors.map((e) => (
            <p key={e} className="error-text">
              {e}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
